# Validate the spec (printed back with every default filled in), then score a small table:
# Cần Thơ lacks b, which the spec's imputation fills with the mean of the others.
chiso spec --index docs/samples/spec/demo.toml --format toml | sed -n 1,3p
chiso score --index docs/samples/spec/demo.toml --input docs/samples/spec/demo.csv --components --format csv
