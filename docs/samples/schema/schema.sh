# The schema as a file for an editor; its top-level title and dialect.
chiso schema > target/chiso-spec.schema.json
grep -E '^  "(\$schema|title)"' target/chiso-spec.schema.json
