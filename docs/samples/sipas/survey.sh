# Microdata (one row per respondent) → each element's weighted share satisfied (answers 4–5),
# with bootstrap intervals, then the SIPAS preset scores the estimates and every replicate.
chiso survey --spec examples/data/survey/sipas_survey.toml \
  --input examples/data/survey/sipas_microdata.csv --index sipas --replicates 200 \
  | sed -n 1,8p
