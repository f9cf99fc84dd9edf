"""Every public function that takes data, fed bad data in every DataFrame form, raises the
exact exception class with the location filled in; and the good forms agree."""

from __future__ import annotations

import unicodedata
from typing import Any, Callable

import numpy as np
import pandas as pd
import polars as pl
import pytest

import chiso
from _support import PCI_CSV

IDS = [
    "entry_costs",
    "land_access",
    "transparency",
    "time_costs",
    "informal_charges",
    "policy_bias",
    "proactivity",
    "business_support",
    "labor_policy",
    "legal_institutions",
]


def base() -> pd.DataFrame:
    """PCI 2015 and 2016 as published, wide: unit, year and the ten sub-indices."""
    frame = pd.read_csv(PCI_CSV)
    frame = frame[frame["year"].isin([2015, 2016])].rename(columns={"province": "unit"})
    return frame[["unit", "year", *IDS]].reset_index(drop=True)


def row_of(frame: pd.DataFrame, unit: str, year: int) -> int:
    return int(np.flatnonzero((frame["unit"] == unit) & (frame["year"] == year))[0])


def as_polars(frame: pd.DataFrame) -> pl.DataFrame:
    return pl.DataFrame([pl.Series(str(name), frame[name].to_numpy()) for name in frame.columns])


def as_dict(frame: pd.DataFrame) -> dict[str, Any]:
    return {name: frame[name].to_numpy() for name in frame.columns}


FORMS: dict[str, Callable[[pd.DataFrame], Any]] = {
    "pandas": lambda f: f,
    "polars": as_polars,
    "dict": as_dict,
}

CALLS: dict[str, Callable[[Any], object]] = {
    "score": lambda d: chiso.score("pci", d),
    "compare": lambda d: chiso.compare("pci", d, from_year=2015, to_year=2016),
    "diagnose": lambda d: chiso.diagnose("pci", d, "Nam Định", year=2016),
    "plan": lambda d: chiso.plan("pci", d, "Nam Định", "top:10", year=2016),
    "report": lambda d: chiso.report("pci", d, "Nam Định", year=2016),
}


def missing_column(f: pd.DataFrame) -> pd.DataFrame:
    return f.drop(columns="land_access")


def nan_cell(f: pd.DataFrame) -> pd.DataFrame:
    f = f.copy()
    f.loc[row_of(f, "Nam Định", 2016), "land_access"] = np.nan
    return f


def text_cell(f: pd.DataFrame) -> pd.DataFrame:
    f = f.copy()
    f["land_access"] = f["land_access"].astype(object)
    f.loc[row_of(f, "Nam Định", 2016), "land_access"] = "n/a"
    return f


def datetime_column(f: pd.DataFrame) -> pd.DataFrame:
    f = f.copy()
    f["land_access"] = pd.Timestamp("2016-01-01")
    return f


def bool_column(f: pd.DataFrame) -> pd.DataFrame:
    f = f.copy()
    f["land_access"] = f["land_access"] > 5
    return f


def duplicate_unit(f: pd.DataFrame) -> pd.DataFrame:
    nfd = f.iloc[[0]].assign(unit=unicodedata.normalize("NFD", str(f.loc[0, "unit"])))
    return pd.concat([f, nfd], ignore_index=True)


def empty(f: pd.DataFrame) -> pd.DataFrame:
    return f.iloc[:0]


def no_unit_column(f: pd.DataFrame) -> pd.DataFrame:
    return f.rename(columns={"unit": "tinh"})


def bad_year(f: pd.DataFrame) -> pd.DataFrame:
    f = f.copy()
    f["year"] = f["year"].astype(str)
    f.loc[3, "year"] = "20x6"
    return f


# mutation → (what the error names, every function fails?) — location fields checked below.
BAD: dict[str, tuple[Callable[[pd.DataFrame], pd.DataFrame], dict[str, Any], str]] = {
    "missing_column": (missing_column, {"column": "land_access", "row": None}, "missing column"),
    "nan": (nan_cell, {"column": "land_access", "unit": "Nam Định"}, "the value is missing"),
    "text": (text_cell, {"column": "land_access", "unit": "Nam Định"}, "'n/a' is not a number"),
    "datetime": (datetime_column, {"column": "land_access", "row": 1}, "is not a number"),
    "bool": (bool_column, {"column": "land_access", "row": 1}, "rue' is not a number"),
    "duplicate_unit": (duplicate_unit, {"row": 127, "column": None}, "appears again"),
    "empty": (empty, {"row": None}, "no data rows"),
    "no_unit_column": (no_unit_column, {"column": "unit"}, "missing column 'unit'"),
    "bad_year": (bad_year, {"row": 4, "column": "year"}, "'20x6' is not a year"),
}


@pytest.mark.parametrize("form", sorted(FORMS))
@pytest.mark.parametrize("call", sorted(CALLS))
@pytest.mark.parametrize("bad", sorted(BAD))
def test_bad_data_raises_data_error(bad: str, call: str, form: str) -> None:
    mutate, where, message = BAD[bad]
    data = FORMS[form](mutate(base()))
    with pytest.raises(chiso.ChisoError) as caught:
        CALLS[call](data)
    error = caught.value
    assert type(error) is chiso.DataError, f"{type(error).__name__}: {error}"
    assert message in str(error)
    for field, value in where.items():
        assert getattr(error, field) == value, (field, str(error))


@pytest.mark.parametrize("form", sorted(FORMS))
@pytest.mark.parametrize("bad", ["duplicate_unit", "empty", "no_unit_column", "bad_year"])
def test_dataset_rejects_bad_tables(bad: str, form: str) -> None:
    mutate, _, message = BAD[bad]
    with pytest.raises(chiso.DataError, match=message):
        chiso.dataset(FORMS[form](mutate(base())))


@pytest.mark.parametrize("form", sorted(FORMS))
def test_good_forms_agree_with_the_csv(form: str) -> None:
    expected = chiso.score("pci", PCI_CSV, unit_column="province", year=2016).to_dict()
    got = chiso.score("pci", FORMS[form](base()), year=2016).to_dict()
    assert got == expected


def test_pandas_dtypes_that_convert() -> None:
    frame = base()
    frame["year"] = frame["year"].astype("Int64")  # nullable, no NA
    frame["unit"] = frame["unit"].astype("category")
    frame["entry_costs"] = frame["entry_costs"].astype("Float64")
    frame["land_access"] = frame["land_access"].astype(np.float32).astype(np.float64)
    frame["note"] = pd.Timestamp("2020-01-01")  # not a node: allowed, never read
    frame["flag"] = True
    scores = chiso.score("pci", frame, year=2016)
    reference = chiso.score("pci", base(), year=2016)
    assert scores.to_dict() == reference.to_dict()
    with pytest.raises(chiso.DataError, match="not a node") as caught:
        chiso.score("pci", frame, year=2016, strict=True)
    assert caught.value.column == "note"


def test_polars_dtypes_that_convert() -> None:
    frame = as_polars(base()).with_columns(
        pl.col("unit").cast(pl.Categorical),
        pl.col("year").cast(pl.Int32),
        pl.col("entry_costs").cast(pl.Float32).cast(pl.Float64),
    )
    scores = chiso.score("pci", frame, year=2016)
    assert scores.to_dict() == chiso.score("pci", base(), year=2016).to_dict()
    assert isinstance(scores.to_frame(), pl.DataFrame)  # polars in, polars out
    nulls = frame.with_columns(
        pl.when(pl.col("unit") == "Nam Định")
        .then(None)
        .otherwise(pl.col("land_access"))
        .alias("land_access")
    )
    with pytest.raises(chiso.DataError, match="the value is missing") as caught:
        chiso.score("pci", nulls, year=2016)
    assert caught.value.unit == "Nam Định"


def test_integer_value_columns_and_ints_with_missing() -> None:
    spec = chiso.Spec.from_dict(
        {"id": "d", "root": "t", "nodes": [{"id": "t", "children": ["x"]}, {"id": "x"}]}
    )
    for values in (np.array([1, 3], dtype=np.int64), np.array([1, 3], dtype=np.uint8)):
        assert chiso.score(spec, {"unit": ["A", "B"], "x": values})["rank"].tolist() == [2, 1]
    with_na = pd.DataFrame({"unit": ["A", "B"], "x": pd.array([1, None], dtype="Int64")})
    with pytest.raises(chiso.DataError, match="the value is missing") as caught:
        chiso.score(spec, with_na)
    assert (caught.value.row, caught.value.column) == (2, "x")


def test_long_tables() -> None:
    wide = base()
    long = wide.melt(id_vars=["unit", "year"], var_name="variable", value_name="value")
    expected = chiso.score("pci", wide).to_dict()
    assert chiso.score("pci", long).to_dict() == expected  # recognised by its columns
    assert chiso.score("pci", as_polars(long)).to_dict() == expected
    renamed = long.rename(columns={"variable": "chi_so", "value": "diem"})
    with pytest.raises(chiso.DataError, match="missing column 'variable'") as caught:
        chiso.dataset(renamed, shape="long")
    assert caught.value.column == "variable"
    extra = long.assign(note="x")
    with pytest.raises(chiso.DataError, match="not part of a long table"):
        chiso.dataset(extra, shape="long")
    again = pd.concat([long, long.iloc[[5]]], ignore_index=True)
    with pytest.raises(chiso.DataError, match="has a value already") as caught:
        chiso.score("pci", again)
    assert (caught.value.row, caught.value.column) == (len(long) + 1, long.loc[5, "variable"])
    blank = long.copy()
    blank.loc[2, "variable"] = None
    with pytest.raises(chiso.DataError, match="is not a variable name") as caught:
        chiso.dataset(blank)
    assert (caught.value.row, caught.value.column) == (3, "variable")
    with pytest.raises(ValueError, match="shape must be"):
        chiso.dataset(long, shape="tall")  # type: ignore[arg-type]


def test_wrong_python_types() -> None:
    with pytest.raises(TypeError, match="spec must be"):
        chiso.compare(3, {"unit": ["A"]}, from_year=1, to_year=2)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="data must be"):
        chiso.diagnose("pci", 3.5, "A")  # type: ignore[call-overload]
    with pytest.raises(TypeError, match="expected a 1-D array"):
        chiso.dataset({"unit": ["A", "B"], "x": np.ones((2, 2))})
    with pytest.raises(TypeError, match="not a string"):
        chiso.dataset({"unit": "AB"})
    with pytest.raises(chiso.DataError, match="has 1 values but there are 2 units") as caught:
        chiso.dataset({"unit": ["A", "B"], "x": [1.0]})
    assert caught.value.column == "x"


def test_exception_classes_are_exact() -> None:
    with pytest.raises(chiso.SpecError) as spec_error:
        chiso.score("nope", base())
    assert type(spec_error.value) is chiso.SpecError
    spec = chiso.Spec.from_dict(
        {
            "id": "d",
            "root": "t",
            "nodes": [
                {"id": "t", "children": ["x"]},
                {"id": "x", "normalise": {"method": "min_max", "low": 0, "high": 1}},
            ],
        }
    )
    with pytest.raises(chiso.ComputeError) as compute_error:
        chiso.score(spec, pl.DataFrame({"unit": ["A", "B"], "x": [2.0, 2.0]}))
    assert type(compute_error.value) is chiso.ComputeError and compute_error.value.node == "x"
