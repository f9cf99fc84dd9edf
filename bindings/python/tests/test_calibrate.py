"""chiso.calibrate against VCCI's published PCI (sub-indices from their printed indicators),
and the Nam Định 2017→2018 example; expected values are published numbers."""

from __future__ import annotations

import csv
from collections import defaultdict

import pytest

import chiso
from _support import PCI_CSV

INDICATORS = PCI_CSV.parent / "pci_indicators.csv"


def wide(year: int, sub_index: str) -> dict[str, list[object]]:
    """One row per province: the published sub-index and its indicators ``i01``, ``i02``…"""
    with open(PCI_CSV, encoding="utf-8", newline="") as f:
        published = {
            r["province"]: float(r[sub_index]) for r in csv.DictReader(f) if r["year"] == str(year)
        }
    values: dict[str, dict[str, float]] = defaultdict(dict)
    with open(INDICATORS, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            if r["year"] == str(year) and r["sub_index"] == sub_index:
                values[r["province"]][f"i{int(r['indicator_no']):02d}"] = float(r["value"])
    provinces = sorted(values)
    columns: dict[str, list[object]] = {"province": list(provinces)}
    columns[sub_index] = [published[p] for p in provinces]
    for name in sorted(values[provinces[0]]):
        columns[name] = [values[p][name] for p in provinces]
    return columns


def test_an_exact_sub_index_is_recovered_and_its_spec_reproduces_it() -> None:
    data = wide(2018, "proactivity")
    fit = chiso.calibrate(data, "proactivity", unit_column="province", scale=(1, 10))
    assert fit["exact"] is True and fit["max_residual"] < 1e-6
    assert list(fit["coefficients"]) == [f"i{i:02d}" for i in range(1, 10)]
    assert abs(sum(c["weight"] for c in fit["children"]) - 1) < 1e-12
    spec = fit["spec"]
    assert isinstance(spec, chiso.Spec)
    scores = chiso.score(spec, data, unit_column="province").to_pandas()
    published = dict(zip(data["province"], data["proactivity"]))
    for unit, score in zip(scores["unit"], scores["score"]):
        assert abs(score - published[unit]) <= 1e-4, unit


def test_an_inexact_sub_index_reports_its_residuals() -> None:
    fit = chiso.calibrate(wide(2018, "labor_policy"), "labor_policy", unit_column="province")
    assert fit["exact"] is False
    assert 0.25 < fit["max_residual"] < 0.35
    worst = fit["worst_units"][0]
    assert abs(worst["residual"]) == fit["max_residual"] and worst["unit"] == "Quảng Trị"


def test_errors_name_row_unit_and_column() -> None:
    data = {"unit": ["a", "b", "c", "d"], "t": [1.0, 2.0, 3.0, 4.5], "x": [1.0, None, 3.0, 4.0]}
    with pytest.raises(chiso.DataError) as caught:
        chiso.calibrate(data, "t")
    assert (caught.value.row, caught.value.unit, caught.value.column) == (2, "b", "x")
    data = {
        "unit": ["a", "b", "c", "d"],
        "t": [1.0, 2.0, 3.0, 4.5],
        "x": [1.0, 2, 3, 4],
        "y": [2.0, 4, 6, 8],
    }
    with pytest.raises(chiso.ComputeError) as collinear:
        chiso.calibrate(data, "t")
    assert collinear.value.variant == "CollinearChildren"
    assert "'y' is a linear combination of 'x'" in str(collinear.value)
    dropped = chiso.calibrate(data, "t", drop_collinear=True)
    assert dropped["undetermined"] == ["y"] and dropped["coefficients"]["y"] == 0
    with pytest.raises(chiso.SpecError, match="unknown calibration method 'median'"):
        chiso.calibrate(data, "t", method="median")


def test_nam_dinh_2018_as_the_provincial_press_reported_it() -> None:
    result = chiso.compare(
        "pci", PCI_CSV, from_year=2017, to_year=2018, unit_column="province"
    ).to_pandas()
    nd = result[result["unit"] == "Nam Định"].iloc[0]
    assert f"{nd['score_to']:.2f}" == "63.01" and f"{nd['score_delta']:+.2f}" == "+1.58"
    assert (nd["rank_from"], nd["rank_to"], nd["rank_change"]) == (41, 35, 6)
