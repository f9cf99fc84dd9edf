# COINr's ASEM example (51 countries, 49 indicators, 63 missing cells) with COINr's default
# pipeline: min–max 0–100, arithmetic means of the available children.
chiso score --index examples/coinr/asem.toml --input tests/coinr/asem_data.csv \
  --unit-column uCode --nodes all --format csv | cut -d, -f1-6 | sed -n 1,6p
