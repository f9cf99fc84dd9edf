"""Typed usage of the public API, checked with `mypy --strict` by test_stubs.py (and run)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import matplotlib
import numpy as np
import pandas as pd
import polars as pl

import chiso
import chiso.plot

matplotlib.use("Agg")

if sys.version_info >= (3, 11):
    from typing import assert_type
else:  # pragma: no cover
    from typing_extensions import assert_type

ROOT = Path(__file__).resolve().parents[3]
CSV = ROOT / "examples" / "data" / "pci" / "pci_subindices.csv"


def load(path: Path | str) -> chiso.Spec:
    return chiso.Spec.from_path(path)


def main() -> None:
    ids: list[str] = chiso.presets()
    pci: chiso.Spec = chiso.preset("pci")
    edition = chiso.preset("pci", year=2019)
    assert_type(pci.id, str)
    assert_type(pci.editions, list[tuple[int, int]])
    assert_type(pci.description, "str | None")
    label: str = pci.label["vi"]
    assert_type(edition.resolve(2019), chiso.Spec)
    for info in pci.nodes(2019):
        weight: float = info["weight"]
        parent: str | None = info["parent"]
        depth: int = info["depth"]
        print(info["id"], weight, parent, depth)
    text: str = pci.to_json()
    again = chiso.Spec.from_toml(pci.to_toml())
    same: bool = chiso.Spec.from_json(text) == again
    as_dict: dict[str, Any] = pci.to_dict()
    chiso.Spec.from_dict(as_dict)

    scores = chiso.score("pci", CSV, year=2016, unit_column="province", components=True)
    assert_type(scores, chiso.Scores)
    assert_type(scores.to_pandas(), pd.DataFrame)
    assert_type(scores.to_polars("long"), pl.DataFrame)
    assert_type(scores["score"], "np.ndarray[Any, Any]")
    plain: dict[str, list[Any]] = scores.top(3).to_dict()
    stages: list[str] = scores.stages
    change = chiso.compare(pci, str(CSV), from_year=2013, to_year=2014, unit_column="province")
    assert_type(change, chiso.Comparison)
    assert_type(change.to_pandas("long"), pd.DataFrame)
    from_polars = chiso.score(pci, pl.read_csv(CSV), year=2016, unit_column="province")
    long = chiso.dataset({"unit": ["A"], "variable": ["entry_costs"], "value": [1.0]}, shape="long")
    assert_type(long, chiso.Dataset)
    direct = chiso.Dataset.from_long(["A"], ["x"], np.array([1.0]), years=[2019])
    radar = chiso.plot.radar(
        chiso.diagnose("pci", CSV, "Nam Định", year=2016, unit_column="province")
    )
    bars = chiso.plot.ranking(scores, top=5, highlight=["Nam Định"])
    figure = bars.figure
    print(plain, stages, from_polars, direct, radar, figure)

    data = chiso.dataset({"unit": ["Quảng Ninh"], "entry_costs": [7.16]})
    assert_type(data, chiso.Dataset)
    units: list[str] = data.units
    years: list[int] | None = data.years
    values: list[float | None] = data.values("entry_costs")
    n: int = len(data)
    records = chiso.Dataset.from_records([{"unit": "A", "a": 1.0}], unit_column="unit")
    csv_data = chiso.Dataset.from_csv(
        "unit;year;" + ";".join(f"x{i}" for i in range(3)) + "\nA;2019;1,5;2;3\n", delimiter=";"
    )
    assert csv_data.columns == ["x0", "x1", "x2"]
    table = chiso.score_columns(edition, chiso.dataset(CSV, unit_column="province"), year=2016)
    ranks: list[int] = table["columns"]["rank"].tolist()
    tiers: list[str | None] = table["columns"]["tier"]
    provinces = chiso.dataset(CSV, unit_column="province")
    compared = chiso.compare_columns(pci, provinces, from_year=2013, to_year=2014)
    period: int | None = compared["from"]
    deltas: list[float] = compared["columns"]["score_delta"].tolist()

    diagnosis = chiso.diagnose("pci", CSV, "Nam Định", year=2016, unit_column="province")
    weakest: list[str] = diagnosis["weakest"]
    medians = [c["median"] for c in diagnosis["components"]]
    assert_type(medians, list[float])
    target = chiso.plan(
        pci, provinces, "Nam Định", "top:10", year=2016, caps={"land_access": 1.0}, field="trend"
    )
    reachable: bool = target["reachable"]
    gains = {step["id"]: step["gain"] for step in target["steps"]}
    print(weakest, reachable, gains)

    try:
        chiso.preset("pci", 1999)
    except chiso.SpecError as error:
        node: str | None = error.node
        row: int | None = error.row
        line: int | None = error.line
        print(node, row, line)
    except chiso.ChisoError:
        raise
    print(ids, label, same, units, years, values, n, records, ranks, tiers, period, deltas)


if __name__ == "__main__":
    main()
