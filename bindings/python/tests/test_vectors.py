"""The shared vectors of tests/vectors/, checked as crates/chiso/tests/vectors.rs checks them.

Each case runs through every input form a Python user has: row dicts (the core's record
reader, as the Rust checker uses), a pandas DataFrame, a polars DataFrame, a dict of columns,
a long table (unit, year, variable, value), and for CSV cases CSV text and a CSV file path.
Every form must give the expected numbers, or the same error kind and message; tables are
checked through `to_pandas()` and `to_polars()` alike.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

import pandas as pd
import polars as pl
import pytest

import chiso
from _support import VECTORS

ERRORS: dict[str, type[chiso.ChisoError]] = {
    "spec": chiso.SpecError,
    "data": chiso.DataError,
    "compute": chiso.ComputeError,
}


def load() -> list[tuple[str, dict[str, Any]]]:
    cases = []
    for path in sorted(VECTORS.glob("*.json")):
        cases.append((path.name, json.loads(path.read_text(encoding="utf-8"))))
    assert len(cases) >= 10, f"expected the shared vectors in {VECTORS}"
    return cases


CASES = load()

Input = Callable[[dict[str, Any], Path], Any]


def rows_as_columns(rows: list[dict[str, Any]]) -> dict[str, list[Any]]:
    names: list[str] = []
    for row in rows:
        names.extend(n for n in row if n not in names)
    return {n: [row.get(n) for row in rows] for n in names}


def unit_column(case: dict[str, Any]) -> str:
    column: str = case.get("unit_column", "unit")
    return column


def from_records(case: dict[str, Any], tmp: Path) -> Any:
    if "csv" in case:
        return chiso.Dataset.from_csv(case["csv"], unit_column=unit_column(case))
    return chiso.Dataset.from_records(case["rows"], unit_column=unit_column(case))


def from_frame(case: dict[str, Any], tmp: Path) -> Any:
    if "csv" in case:
        path = tmp / "data.csv"
        path.write_text(case["csv"], encoding="utf-8")
        return path
    return pd.DataFrame(case["rows"])


def from_columns(case: dict[str, Any], tmp: Path) -> Any:
    if "csv" in case:
        path = tmp / "data.csv"
        path.write_text(case["csv"], encoding="utf-8")
        return str(path)
    return rows_as_columns(case["rows"])


def from_polars(case: dict[str, Any], tmp: Path) -> Any:
    if "csv" in case:
        return chiso.Dataset.from_csv(case["csv"], unit_column=unit_column(case))
    # Columns mixing text ("7,16") and numbers become String columns, as a spreadsheet import
    # would give them.
    return pl.DataFrame(rows_as_columns(case["rows"]), strict=False)


def from_long(case: dict[str, Any], tmp: Path) -> Any:
    """The rows melted into unit, (year,) variable, value: every cell but the unit and year."""
    if "csv" in case:
        return chiso.Dataset.from_csv(case["csv"], unit_column=unit_column(case))
    long: dict[str, list[Any]] = {"unit": [], "variable": [], "value": []}
    has_year = any("year" in row for row in case["rows"])
    if has_year:
        long["year"] = []
    for row in case["rows"]:
        for name, value in row.items():
            if name in ("unit", "year"):
                continue
            long["unit"].append(row.get("unit"))
            if has_year:
                long["year"].append(row.get("year"))
            long["variable"].append(name)
            long["value"].append(value)
    if not long["unit"]:  # no value columns at all: nothing to melt
        return rows_as_columns(case["rows"])
    return long


FORMS: dict[str, Input] = {
    "records": from_records,
    "frame": from_frame,
    "columns": from_columns,
    "polars": from_polars,
    "long": from_long,
}


def definition(case: dict[str, Any]) -> chiso.Spec:
    if isinstance(case.get("index"), str):
        return chiso.preset(case["index"])
    return chiso.Spec.from_json(json.dumps(case["spec"]))


def run(case: dict[str, Any], data: Any) -> Any:
    spec = definition(case)
    if "plan" in case:
        p = case["plan"]
        return chiso.plan(spec, data, p["unit"], p["target"], year=p.get("year"))
    if "diagnose" in case:
        d = case["diagnose"]
        return chiso.diagnose(spec, data, d["unit"], year=d.get("year"))
    if "compare" in case:
        period = case["compare"]
        return chiso.compare(spec, data, from_year=period["from"], to_year=period["to"])
    expected = case.get("expected") or []
    components = any(isinstance(want, dict) and "components" in want for want in expected)
    return chiso.score(
        spec, data, year=case.get("year"), unit_column=unit_column(case), components=components
    )


def check_object(name: str, got: Any, expected: dict[str, Any], tolerance: float) -> None:
    """Every field of `expected` in `got`: floats within the tolerance, other values exactly,
    lists of objects matched by `id` (as vectors.rs does)."""
    for field, want in expected.items():
        value = got[field]
        if isinstance(want, float):
            assert abs(value - want) <= tolerance, (
                f"{name}: {field} {value} vs {want} (±{tolerance})"
            )
        elif isinstance(want, list):
            for item in want:
                found = [x for x in value if x["id"] == item["id"]]
                assert found, f"{name}: no {item['id']} in {field}"
                check_object(name, found[0], item, tolerance)
        else:
            assert value == want, f"{name}: {field}"


def missing(value: Any) -> bool:
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


@pytest.mark.parametrize("form", sorted(FORMS))
@pytest.mark.parametrize(("name", "case"), CASES, ids=[name for name, _ in CASES])
def test_vector(name: str, case: dict[str, Any], form: str, tmp_path: Path) -> None:
    if "error" in case:
        expected = case["error"]
        with pytest.raises(chiso.ChisoError) as caught:
            run(case, FORMS[form](case, tmp_path))
        error = caught.value
        assert isinstance(error, ERRORS[expected["kind"]]), f"{name}: {type(error)} {error}"
        for part in expected["contains"]:
            if form == "long" and "row" in str(error):
                continue  # the rows of a long table are not the rows of the wide one
            assert part in str(error), f"{name}: '{error}' lacks {part!r}"
        return

    output = run(case, FORMS[form](case, tmp_path))
    tolerance = case["tolerance"]
    if isinstance(case["expected"], dict):
        check_object(name, output, case["expected"], tolerance)
        return
    assert isinstance(output, chiso.Table)
    check_table(name, case, output.to_pandas(), tolerance)
    check_table(name, case, pd.DataFrame(output.to_polars().to_dict(as_series=False)), tolerance)


def check_table(name: str, case: dict[str, Any], result: pd.DataFrame, tolerance: float) -> None:
    assert len(result) == len(case["expected"]), f"{name}: row count"
    by_unit = {unit: i for i, unit in enumerate(result["unit"])}
    for want in case["expected"]:
        unit = want["unit"]
        assert unit in by_unit, f"{name}: no row for {unit}"
        got = result.iloc[by_unit[unit]]
        for field in ("score", "score_delta"):
            if want.get(field) is not None:
                value = float(got[field])
                assert abs(value - want[field]) <= tolerance, (
                    f"{name} {unit}: {field} {value} vs {want[field]} (±{tolerance})"
                )
        for field in ("rank", "rank_from", "rank_to", "rank_change", "year"):
            if field in want:
                if want[field] is None:
                    assert missing(got[field]), f"{name} {unit}: {field} {got[field]!r}"
                else:
                    assert got[field] == want[field], f"{name} {unit}: {field}"
        if "tier" in want:
            tier = got["tier"] if "tier" in result.columns else None
            if want["tier"] is None:
                assert missing(tier), f"{name} {unit}: tier {tier!r}"
            else:
                assert tier == want["tier"], f"{name} {unit}: tier"
        if "components" in want:
            # Every node below the root: `{id}` and `{id}_rank` columns, missing where absent.
            ids = {c["id"] for c in want["components"]}
            nodes = [c[: -len("_rank")] for c in result.columns if c.endswith("_rank")]
            present = {n for n in nodes if not missing(got[n])}
            assert present == ids, f"{name} {unit}: components"
            for c in want["components"]:
                value = float(got[c["id"]])
                assert abs(value - c["score"]) <= tolerance, (
                    f"{name} {unit} {c['id']}: {value} vs {c['score']} (±{tolerance})"
                )
                assert got[f"{c['id']}_rank"] == c["rank"], f"{name} {unit} {c['id']}: rank"
