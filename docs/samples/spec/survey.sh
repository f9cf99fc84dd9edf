chiso survey --spec docs/samples/spec/survey.toml \
  --input examples/data/survey/sipas_microdata.csv --replicates 100 | sed -n 1,4p
