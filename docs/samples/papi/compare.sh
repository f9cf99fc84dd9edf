chiso compare --index papi --input examples/data/papi/papi_dimensions.csv \
  --unit-column province --from 2023 --to 2024 | sed -n '1,7p'
