# PAPI 2024 from the published dimension scores: total = sum of the eight dimensions,
# the four groups by quartile of the total.
chiso score --index papi --input examples/data/papi/papi_dimensions.csv \
  --unit-column province --year 2024 | sed -n 1,8p
