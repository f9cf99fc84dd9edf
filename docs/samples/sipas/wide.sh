# The same estimates as the wide table `chiso score` reads (one row per unit).
chiso survey --spec examples/data/survey/sipas_survey.toml \
  --input examples/data/survey/sipas_microdata.csv --wide --replicates 0
