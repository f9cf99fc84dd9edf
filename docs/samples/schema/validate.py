"""Check a spec file's shape with any JSON Schema validator (here `jsonschema`)."""

import jsonschema
import tomllib

import chiso

validator = jsonschema.Draft202012Validator(chiso.spec_schema())
with open("docs/samples/schema/editor.toml", "rb") as f:
    spec = tomllib.load(f)
print("errors:", [e.message for e in validator.iter_errors(spec)])

spec["nodes"][0]["aggregation"] = "weighted_meen"  # a typo an editor underlines as you type
spec["nodes"][1]["weigth"] = 3
for error in validator.iter_errors(spec):
    print(list(error.absolute_path), error.message[:70])
