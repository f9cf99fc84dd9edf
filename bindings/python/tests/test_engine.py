"""The engine from raw indicators through Python: stages, cell log and dropped rows."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import chiso

SPEC = {
    "id": "demo",
    "root": "index",
    "missing": {"rule": "available", "min_share": 0.7},
    "impute": {"methods": ["mean"]},
    "nodes": [
        {"id": "index", "children": ["p1", "p2"]},
        {"id": "p1", "weight": 2, "children": ["a", "b"]},
        {"id": "p2", "children": ["c"]},
        {"id": "a", "normalise": {"method": "min_max", "low": 0, "high": 100}},
        {
            "id": "b",
            "direction": "lower_is_better",
            "normalise": {"method": "min_max", "low": 0, "high": 100},
        },
        {
            "id": "c",
            "normalise": {"method": "min_max", "low": 0, "high": 100},
            "impute": {"methods": []},
        },
    ],
}


def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "unit": ["Hà Nội", "Huế", "Cần Thơ", "Đà Nẵng"],
            "a": [0.0, None, 10.0, 10.0],
            "b": [10.0, 20.0, 30.0, 10.0],
            "c": [1.0, 2.0, None, 5.0],
        }
    )


def test_stages_log_and_dropped() -> None:
    spec = chiso.Spec.from_dict(SPEC)
    s = chiso.score(spec, frame(), components=True, stages=True)
    # Huế's a is imputed with the mean of 0, 10, 10; Cần Thơ has no c (c is not imputed), so
    # p2 is missing and the index has 2/3 of its weight, below 0.7: dropped with a reason.
    assert s.log == [
        {
            "unit": "Huế",
            "year": None,
            "node": "a",
            "action": "imputed",
            "method": "mean",
            "value": 20 / 3,
        }
    ]
    assert [d["unit"] for d in s.dropped] == ["Cần Thơ"]
    assert "too few" in s.dropped[0]["reason"]
    assert list(s["unit"]) == ["Hà Nội", "Huế", "Đà Nẵng"]
    assert set(s.stages) == {"score", "raw", "treated", "normalised"}
    raw = s.to_pandas(stage="raw")
    treated = s.to_pandas(stage="treated")
    assert math.isnan(raw.loc[raw["unit"] == "Huế", "a"].iloc[0])
    assert treated.loc[treated["unit"] == "Huế", "a"].iloc[0] == pytest.approx(20 / 3)
    # a is normalised over all four units (imputed value included): Huế (20/3)/10·100.
    normalised = s.to_pandas(stage="normalised")
    assert normalised.loc[normalised["unit"] == "Huế", "a"].iloc[0] == pytest.approx(200 / 3)


def test_missing_values_fail_by_default_naming_the_cell() -> None:
    spec = dict(SPEC)
    spec.pop("missing")
    spec.pop("impute")
    with pytest.raises(chiso.DataError, match=r"row 2 \(Huế\), column 'a': the value is missing"):
        chiso.score(chiso.Spec.from_dict(spec), frame())
