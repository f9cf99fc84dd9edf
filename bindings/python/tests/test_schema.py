"""The JSON Schema of spec files: chiso.spec_schema() is the committed file, every shipped
preset and example spec validates against it with a JSON Schema validator (jsonschema,
draft 2020-12), and it rejects what the reader rejects (unknown fields, unknown methods)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import tomllib

import chiso
from _support import ROOT


def read(path: Path) -> dict[str, Any]:
    text = path.read_text("utf-8")
    value: dict[str, Any] = tomllib.loads(text) if path.suffix == ".toml" else json.loads(text)
    return value


SCHEMA_FILE = ROOT / "crates" / "chiso" / "schema" / "chiso-spec.schema.json"
PRESETS = sorted((ROOT / "crates" / "chiso" / "presets").glob("*.toml"))
# Every TOML or JSON file under examples/ with a tree (`nodes`) is a spec; the others are
# other inputs (the survey aggregation's configuration, profile manifests), counted below so
# that a change in this rule cannot skip the specs silently.
EXAMPLE_FILES = sorted(
    p
    for p in (ROOT / "examples").rglob("*")
    if p.suffix in {".toml", ".json"} and "node_modules" not in p.parts
)
EXAMPLES = [p for p in EXAMPLE_FILES if "nodes" in read(p)]
# The user guide's specs (docs/samples): the TOML files with a tree.
GUIDE = sorted(p for p in (ROOT / "docs" / "samples").rglob("*.toml") if "nodes" in read(p))


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    schema = chiso.spec_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_spec_schema_is_the_committed_file() -> None:
    assert chiso.spec_schema() == json.loads(SCHEMA_FILE.read_text("utf-8"))
    assert chiso.spec_schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_the_inventory() -> None:
    assert len(PRESETS) >= 10
    assert len(EXAMPLES) >= 30
    others = {p.relative_to(ROOT).as_posix() for p in EXAMPLE_FILES} - set(
        p.relative_to(ROOT).as_posix() for p in EXAMPLES
    )
    assert "examples/data/survey/sipas_survey.toml" in others
    for name in others:
        assert "nodes" not in read(ROOT / name), name
    assert len(GUIDE) >= 2


@pytest.mark.parametrize(
    "path", PRESETS + EXAMPLES + GUIDE, ids=lambda p: p.relative_to(ROOT).as_posix()
)
def test_shipped_specs_validate(path: Path, validator: jsonschema.protocols.Validator) -> None:
    value = read(path)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(value)]
    assert errors == []
    # The reader agrees: the file is a valid spec.
    chiso.Spec.from_path(path)


def test_the_preset_as_json_validates(validator: jsonschema.protocols.Validator) -> None:
    validator.validate(json.loads(chiso.preset("pci").to_json()))


def test_invalid_specs_fail(validator: jsonschema.protocols.Validator) -> None:
    pci = read(ROOT / "crates" / "chiso" / "presets" / "pci.toml")

    def errors(change: Any) -> list[str]:
        spec = copy.deepcopy(pci)
        change(spec)
        return [e.message for e in validator.iter_errors(spec)]

    assert errors(lambda s: s.update(colour="red")) == [
        "Additional properties are not allowed ('colour' was unexpected)"
    ]
    assert "'weighted_mean' was expected" not in " ".join(
        errors(lambda s: s["nodes"][0].update(aggregation="weighted_mean"))
    )
    [message] = errors(lambda s: s["nodes"][0].update(aggregation="weighted_meen"))
    assert message.startswith("'weighted_meen' is not one of ['weighted_mean'")
    [message] = errors(lambda s: s["nodes"][1].update(direction="up"))
    assert message == "'up' is not one of ['higher_is_better', 'lower_is_better']"
    [message] = errors(lambda s: s.pop("root"))
    assert message == "'root' is a required property"
    [message] = errors(lambda s: s["nodes"][1].update(weight="five"))
    assert "'five' is not of type" in message
