"""The bad-input catalogue (tests/bad_inputs/catalogue.json), as the Rust test reads it: every
case raises the exception class of its kind, with its variant and message fragments.

The inputs reach the core the way a Python user's would: spec text through ``Spec.from_toml``
/ ``Spec.from_json``, CSV text through ``Dataset.from_csv``, CSV bytes (invalid UTF-8) through
a file and ``Dataset.from_csv_path``, then ``chiso.score`` or ``chiso.compare``. A missing file
(``csv_path``, a spec's ``path``) goes to ``Dataset.from_csv_path`` / ``Spec.from_path`` as given;
its error is also the builtin class the case names under ``python`` (``FileNotFoundError``).
"""

from __future__ import annotations

import builtins
import csv
import html
import io
import json
from pathlib import Path
from typing import Any

import pytest

import chiso
from _support import ROOT

CATALOGUE_PATH = ROOT / "tests" / "bad_inputs" / "catalogue.json"
CATALOGUE = json.loads(CATALOGUE_PATH.read_text(encoding="utf-8"))
CASES: list[dict[str, Any]] = CATALOGUE["cases"]

ERRORS: dict[str, type[chiso.ChisoError]] = {
    "spec": chiso.SpecError,
    "data": chiso.DataError,
    "compute": chiso.ComputeError,
}


def generate(g: dict[str, Any]) -> str:
    """The generators of the catalogue's ``generators`` section (as in Rust and JS)."""
    n = g["n"]
    kind = g["generate"]
    if kind == "chain":
        nodes = "".join(f'[[nodes]]\nid = "n{i}"\nchildren = ["n{i + 1}"]\n' for i in range(n))
        return f'id = "deep"\nroot = "n0"\n{nodes}[[nodes]]\nid = "n{n}"\n'
    if kind == "wide":
        children = ",".join(f'"c{i}"' for i in range(n))
        leaves = "".join(f',{{"id":"c{i}"}}' for i in range(n))
        total = f'{{"id":"total","children":[{children}]}}'
        return f'{{"id":"wide","root":"total","nodes":[{total}{leaves}]}}'
    if kind == "nested_toml":
        return f'id = "x"\nroot = "r"\nnodes = {"[" * n}{"]" * n}\n'
    if kind == "editions":
        children = ", ".join(f'"c{i}"' for i in range(n))
        text = f'id = "ed"\nroot = "total"\n[[nodes]]\nid = "total"\nchildren = [{children}]\n'
        text += "".join(f'[[nodes]]\nid = "c{i}"\n' for i in range(n))
        years = range(2000, 2000 + g["m"])
        return text + "".join(f"[[editions]]\nfrom = {y}\nto = {y}\n" for y in years)
    if kind == "long_id":
        node = "x" * n
        return f'id = "x"\nroot = "{node}"\n[[nodes]]\nid = "{node}"\n'
    if kind == "long_name":
        return f"unit,a\n{'x' * n},1\n"
    if kind == "wide_csv":
        header = ",".join(f"k{i}" for i in range(n))
        return f"unit,year,{header}\nHà Nội,2019{',1' * n}\n"
    raise AssertionError(f"unknown generator {kind}")


def spec_of(spec: Any) -> chiso.Spec:
    if isinstance(spec, str):
        return chiso.preset(spec)
    if "toml" in spec:
        return chiso.Spec.from_toml(spec["toml"])
    if "json" in spec:
        return chiso.Spec.from_json(spec["json"])
    if "value" in spec:
        return chiso.Spec.from_json(json.dumps(spec["value"]))
    if "path" in spec:
        return chiso.Spec.from_path(spec["path"])
    text = generate(spec)
    return chiso.Spec.from_json(text) if text.startswith("{") else chiso.Spec.from_toml(text)


def data_of(case: dict[str, Any], tmp: Path) -> chiso.Dataset | None:
    if "csv" in case:
        return chiso.Dataset.from_csv(case["csv"])
    if "csv_hex" in case:
        path = tmp / "data.csv"
        path.write_bytes(bytes.fromhex(case["csv_hex"]))
        return chiso.Dataset.from_csv_path(path)
    if "csv_generate" in case:
        return chiso.Dataset.from_csv(generate(case["csv_generate"]))
    if "csv_path" in case:
        return chiso.Dataset.from_csv_path(case["csv_path"])
    return None


def run(case: dict[str, Any], tmp: Path) -> None:
    spec = spec_of(case["spec"])
    data = data_of(case, tmp)
    if data is None:
        return
    if "calibrate" in case:
        k = case["calibrate"]
        scale = tuple(k["scale"]) if "scale" in k else None
        chiso.calibrate(data, k["target"], columns=k.get("columns"), scale=scale)
        return
    if "compare" in case:
        c = case["compare"]
        mapping = chiso.UnitMapping.from_csv(c["unit_map"]) if "unit_map" in c else None
        chiso.compare(spec, data, from_year=c["from"], to_year=c["to"], unit_mapping=mapping)
        return
    options = case.get("options", {})
    chiso.score(spec, data, year=options.get("year"), strict=options.get("strict", False))


def test_the_catalogue_is_there() -> None:
    assert len(CASES) >= 30


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_bad_input(case: dict[str, Any], tmp_path: Path) -> None:
    expected = case["expect"]
    with pytest.raises(chiso.ChisoError) as caught:
        run(case, tmp_path)
    error = caught.value
    assert isinstance(error, ERRORS[expected["kind"]]), f"{type(error).__name__}: {error}"
    assert error.variant == expected["variant"], str(error)
    for part in expected["contains"]:
        assert part in str(error), f"'{error}' lacks {part!r}"
    if "python" in expected:
        builtin = getattr(builtins, expected["python"])
        assert isinstance(error, builtin), f"{type(error).__mro__} is not a {builtin}"


HOSTILE: dict[str, Any] = CATALOGUE["hostile"]


def hostile_inputs() -> tuple[chiso.Spec, chiso.Dataset]:
    """The catalogue's hostile names, one row each (quoted by the csv module as a spreadsheet
    would), and its spec with a hostile label."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HOSTILE["csv_header"].split(","))
    for case in HOSTILE["cases"]:
        writer.writerow([case["unit"], *case["values"]])
    spec = chiso.Spec.from_json(json.dumps(HOSTILE["spec"]["value"]))
    return spec, chiso.Dataset.from_csv(out.getvalue())


@pytest.mark.parametrize("case", HOSTILE["cases"], ids=[c["id"] for c in HOSTILE["cases"]])
def test_hostile_name(case: dict[str, Any]) -> None:
    spec, data = hostile_inputs()
    unit = case["unit"]
    scores = chiso.score(spec, data)
    assert unit in scores.to_dict()["unit"], "the name comes back byte for byte"
    # The notebook table escapes it (Python's html.escape: ' as &#x27;).
    table = scores._repr_html_()
    assert f"<td>{html.escape(unit)}</td>" in table
    if any(c in unit for c in "<>\"'"):
        assert unit not in table
    # The report: the core's escaping, as in Rust and JS.
    page = chiso.report(spec, data, unit, format="html")
    assert page.count(case["html"]) == 4, page  # <title>, <h1>, headline, radar legend
    assert "<b onmouseover" not in page and (unit not in page or not set(unit) & set("<>\"'"))
    markdown = chiso.report(spec, data, unit, format="md")
    assert markdown.splitlines()[0] == f"# HOSTILE  — {case['markdown']}"
