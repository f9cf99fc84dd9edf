# COINr's "Normalised" data set: every indicator after normalisation (first columns).
chiso score --index examples/coinr/asem.toml --input tests/coinr/asem_data.csv \
  --unit-column uCode --stage normalised --format csv | cut -d, -f1-6 | sed -n 1,4p
