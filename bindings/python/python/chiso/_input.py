"""Data in: every accepted input (pandas, polars, dicts of arrays, CSV paths, records, long
tables) becomes a :class:`chiso.Dataset`, one whole column at a time.

Numbers cross as numpy buffers (the compiled module reads them without a Python object per
cell); text columns cross as lists or object arrays and are parsed by the core (decimal
commas, NaN rules). Nothing here loops over cells in Python.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Literal, Union, cast

import numpy as np

from chiso._chiso import DataError, Dataset

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl

DataInput = Union[
    "pd.DataFrame",
    "pl.DataFrame",
    str,
    "os.PathLike[str]",
    Mapping[Any, Any],
    Iterable[Mapping[Any, Any]],
    Dataset,
]
"""A pandas or polars DataFrame (wide or long), a CSV path, a dict of column → values (lists,
numpy arrays, Series), a list of row dicts, or a :class:`Dataset`."""

Shape = Literal["auto", "wide", "long"]

# numpy dtypes the compiled module reads as one buffer; other numeric dtypes become float64.
_BUFFER_DTYPES = frozenset(np.dtype(t) for t in ("float64", "float32", "int64", "int32", "uint32"))


def _module(name: str, value: object, kind: str) -> bool:
    """Whether ``value`` is a ``name.kind`` (pandas/polars), without importing ``name``."""
    module = sys.modules.get(name)
    return module is not None and isinstance(value, getattr(module, kind))


def _numpy_column(values: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """A numpy column as the compiled module takes it: numbers as a numeric buffer, anything
    else as objects (strings and datetimes as their text, for the core to judge)."""
    kind = values.dtype.kind
    if kind in "iuf":
        return values if values.dtype in _BUFFER_DTYPES else values.astype(np.float64)
    if kind == "O":
        return values
    # bool, datetime, timedelta, complex, bytes, str: text cells; a node column of these is
    # reported by the core as "not a number" with its row and column.
    return values.astype(str).astype(object)


def _pandas_column(series: pd.Series) -> Any:
    from pandas.api.types import is_bool_dtype, is_numeric_dtype

    dtype = series.dtype
    if is_numeric_dtype(dtype) and not is_bool_dtype(dtype):
        if isinstance(dtype, np.dtype):
            return _numpy_column(series.to_numpy())
        # Nullable extension dtypes (Int64, Float64, pyarrow numbers): NA becomes NaN.
        return series.to_numpy(dtype=np.float64, na_value=np.nan)
    if isinstance(dtype, np.dtype) and dtype.kind != "O":
        return _numpy_column(series.to_numpy())
    objects = series.astype(object) if str(dtype) == "category" else series
    return objects.to_numpy(dtype=object, na_value=None)  # type: ignore[call-overload]


def _polars_column(series: pl.Series) -> Any:
    import polars as pl

    dtype = series.dtype
    if dtype.is_numeric() and dtype != pl.Boolean:
        if dtype == pl.Decimal or not dtype.is_float() and series.null_count():
            series = series.cast(pl.Float64)
        return _numpy_column(series.to_numpy())
    if dtype == pl.Object:  # Python objects (mixed text and numbers): as they are
        return series.to_list()
    if dtype != pl.String:
        series = series.cast(pl.String)
    return series.to_list()


def _column(values: Any) -> Any:
    """One column of a dict input."""
    if _module("pandas", values, "Series"):
        return _pandas_column(values)
    if _module("polars", values, "Series"):
        return _polars_column(values)
    if isinstance(values, np.ndarray):
        return _numpy_column(values) if values.ndim == 1 else values
    return values


def _columns(data: Any) -> list[tuple[str, Any]]:
    """``(name, column)`` pairs of a DataFrame or a mapping."""
    if _module("pandas", data, "DataFrame"):
        frame = cast("pd.DataFrame", data)
        # float64 columns in one copy (a contiguous row per column), not a Series each: on a
        # wide table most of the conversion time was building those Series.
        floats = [i for i, dtype in enumerate(frame.dtypes) if dtype == np.float64]
        block: dict[int, Any] = {}
        if len(floats) > 1:
            values = frame.iloc[:, floats].to_numpy(dtype=np.float64)
            block = dict(zip(floats, np.ascontiguousarray(values.T)))
        return [
            (str(name), block[i] if i in block else _pandas_column(frame.iloc[:, i]))
            for i, name in enumerate(frame.columns)
        ]
    if _module("polars", data, "DataFrame"):
        pframe = cast("pl.DataFrame", data)
        return [(series.name, _polars_column(series)) for series in pframe.get_columns()]
    mapping = cast("Mapping[Any, Any]", data)
    return [(str(name), _column(values)) for name, values in mapping.items()]


def _missing_column(column: str, names: Iterable[str], what: str) -> DataError:
    error = DataError(
        f"missing column '{column}' ({what}; columns found: {', '.join(names)}; "
        f"choose another with {what.split()[-1]}_column=)"
    )
    error.column = column
    return error


def _long_dataset(
    columns: list[tuple[str, Any]],
    unit_column: str,
    year_column: str,
    variable_column: str,
    value_column: str,
) -> Dataset:
    by_name = dict(columns)
    names = [name for name, _ in columns]
    for column, what in (
        (unit_column, "the unit names, as in unit"),
        (variable_column, "the variable names, as in variable"),
        (value_column, "the values, as in value"),
    ):
        if column not in by_name:
            raise _missing_column(column, names, what)
    extra = [n for n in names if n not in (unit_column, year_column, variable_column, value_column)]
    if extra:
        error = DataError(
            f"column '{extra[0]}' is not part of a long table (columns {unit_column}, "
            f"{year_column}, {variable_column}, {value_column}); drop it or pass shape='wide'"
        )
        error.column = extra[0]
        raise error
    return Dataset.from_long(
        by_name[unit_column],
        by_name[variable_column],
        by_name[value_column],
        years=by_name.get(year_column),
        unit_column=unit_column,
        year_column=year_column,
    )


def dataset(
    data: DataInput,
    *,
    unit_column: str = "unit",
    year_column: str = "year",
    shape: Shape = "auto",
    variable_column: str = "variable",
    value_column: str = "value",
) -> Dataset:
    """Converts any accepted data input into a :class:`Dataset` (the core's table).

    - a pandas or polars DataFrame, or a dict of column name → values (list, tuple, numpy
      array, pandas or polars Series): numeric columns cross as whole numpy buffers (NaN,
      None and null are missing), text columns are parsed like CSV cells, decimal commas
      included (``"63,01"``);
    - *long* data (one value per row: ``unit``, optional ``year``, ``variable``, ``value``),
      recognised by its columns with ``shape="auto"`` or forced with ``shape="long"``;
    - a path (``str`` or ``os.PathLike``) to a CSV file, read by the core (``,``/``;``/tab);
    - a list of row dicts (records);
    - a :class:`Dataset`, returned as it is.

    Examples
    --------
    >>> data = dataset({"unit": ["Hà Nội", "Huế"], "year": [2019, 2019], "x": [1.5, "2,5"]})
    >>> data.units, data.years, data.values("x")
    (['Hà Nội', 'Huế'], [2019, 2019], [1.5, 2.5])
    >>> long = {"unit": ["Huế", "Huế"], "variable": ["a", "b"], "value": [1.0, 2.0]}
    >>> dataset(long).columns
    ['a', 'b']
    """
    if isinstance(data, Dataset):
        return data
    if isinstance(data, (str, os.PathLike)):
        return Dataset.from_csv_path(data, unit_column=unit_column, year_column=year_column)
    if shape not in ("auto", "wide", "long"):
        raise ValueError(f"shape must be 'auto', 'wide' or 'long', not {shape!r}")
    is_frame = _module("pandas", data, "DataFrame") or _module("polars", data, "DataFrame")
    if is_frame or isinstance(data, Mapping):
        columns = _columns(data)
        names = {name for name, _ in columns}
        long_columns = {unit_column, variable_column, value_column}
        if shape == "long" or (
            shape == "auto" and long_columns <= names and names <= long_columns | {year_column}
        ):
            return _long_dataset(columns, unit_column, year_column, variable_column, value_column)
        return Dataset.from_columns(columns, unit_column=unit_column, year_column=year_column)
    if isinstance(data, Iterable):
        records = cast("Iterable[Mapping[Any, Any]]", data)
        return Dataset.from_records(records, unit_column=unit_column, year_column=year_column)
    raise TypeError(
        "data must be a pandas or polars DataFrame, a CSV path, a dict of columns, a list of "
        f"row dicts or a chiso.Dataset, not {type(data).__name__}"
    )


def backend_of(data: object) -> Literal["pandas", "polars"]:
    """The DataFrame library results should use by default: polars for polars input."""
    return "polars" if _module("polars", data, "DataFrame") else "pandas"
