"""chiso — composite indices (PCI, PAPI, PAR INDEX, ...) computed as their publishers do.

*Chỉ số* is Vietnamese for *index*. Read an index specification (or take a preset such as
``chiso.preset("pci")``), give it data (a pandas DataFrame, a CSV path, a dict of columns),
and get unrounded scores, ranks, tiers and year-over-year changes::

    import chiso
    scores = chiso.score("pci", "pci_subindices.csv", year=2016, unit_column="province")

The computation is the Rust core's (``chiso._chiso``); this module only converts input and
builds DataFrames from the plain column lists the core returns.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Union, cast

from chiso import _chiso
from chiso._chiso import (
    ChisoError,
    ComputeError,
    DataError,
    Dataset,
    Spec,
    SpecError,
    UnitMapping,
    __version__,
    compare_columns,
    preset,
    presets,
    score_columns,
)

if TYPE_CHECKING:
    from typing import Literal

    import pandas as pd

    from chiso._chiso import _Diagnosis, _Plan

__all__ = [
    "ChisoError",
    "ComputeError",
    "DataError",
    "DataInput",
    "Dataset",
    "Spec",
    "SpecError",
    "SpecInput",
    "UnitMapping",
    "__version__",
    "compare",
    "compare_columns",
    "dataset",
    "diagnose",
    "plan",
    "preset",
    "presets",
    "report",
    "score",
    "score_columns",
    "uncertainty",
    "rank_changes",
    "rank_probabilities",
    "sensitivity",
    "audit",
]

SpecInput = Union[Spec, str]
"""A specification, or the id of a preset (``"pci"``)."""

DataInput = Union[
    "pd.DataFrame",
    str,
    "os.PathLike[str]",
    Mapping[Any, Any],
    Iterable[Mapping[Any, Any]],
    Dataset,
]
"""A DataFrame, a CSV path, a dict of column → values, a list of row dicts, or a Dataset."""


# --- input ------------------------------------------------------------------------------


def _spec(spec: SpecInput) -> Spec:
    if isinstance(spec, Spec):
        return spec
    if isinstance(spec, str):
        return preset(spec)
    raise TypeError(
        f"spec must be a chiso.Spec or a preset id such as 'pci', not {type(spec).__name__}"
    )


def _is_pandas(value: object, kind: str) -> bool:
    pandas = sys.modules.get("pandas")  # a DataFrame or Series means pandas is imported
    return pandas is not None and isinstance(value, getattr(pandas, kind))


def _series_values(series: pd.Series) -> list[Any]:
    """A column as a list: floats (NaN = missing) if numeric, else objects (None = missing)."""
    from pandas.api.types import is_numeric_dtype

    if is_numeric_dtype(series.dtype):
        values: list[Any] = series.to_numpy(dtype="float64", na_value=float("nan")).tolist()
        return values
    objects: list[Any] = series.to_numpy(dtype=object, na_value=None).tolist()  # type: ignore[call-overload]
    return objects


def _column_values(values: Any) -> Any:
    if _is_pandas(values, "Series"):
        return _series_values(values)
    if hasattr(values, "tolist") and hasattr(values, "dtype"):  # numpy array
        return values.tolist()
    return values


def dataset(data: DataInput, *, unit_column: str = "unit", year_column: str = "year") -> Dataset:
    """Converts any accepted data input into a :class:`Dataset` (the core's table).

    - a pandas DataFrame: numeric columns go over as float64 (NaN = missing), other columns
      as text cells parsed like CSV, decimal commas included (``"63,01"``);
    - a path (``str`` or ``os.PathLike``) to a CSV file: read by the core (``,``/``;``/tab);
    - a dict of column name → list, tuple, numpy array or Series;
    - a list of row dicts (records);
    - a :class:`Dataset`, returned as it is.
    """
    if isinstance(data, Dataset):
        return data
    if isinstance(data, (str, os.PathLike)):
        return Dataset.from_csv_path(data, unit_column=unit_column, year_column=year_column)
    if _is_pandas(data, "DataFrame"):
        frame = cast("pd.DataFrame", data)
        columns = [(str(name), _series_values(series)) for name, series in frame.items()]
        return Dataset.from_columns(columns, unit_column=unit_column, year_column=year_column)
    if isinstance(data, Mapping):
        columns = [(str(name), _column_values(values)) for name, values in data.items()]
        return Dataset.from_columns(columns, unit_column=unit_column, year_column=year_column)
    if isinstance(data, Iterable):
        records = cast("Iterable[Mapping[Any, Any]]", data)
        return Dataset.from_records(records, unit_column=unit_column, year_column=year_column)
    raise TypeError(
        "data must be a pandas DataFrame, a CSV path, a dict of columns, a list of row dicts "
        f"or a chiso.Dataset, not {type(data).__name__}"
    )


# --- output -----------------------------------------------------------------------------


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:
        raise ImportError(
            "chiso.score and chiso.compare return pandas DataFrames: install pandas "
            "(pip install 'chiso[pandas]'), or use chiso.score_columns / chiso.compare_columns, "
            "which return plain lists"
        ) from None
    return pandas


def _ints(pandas: Any, values: list[Any]) -> pd.Series:
    """int64, or nullable Int64 when some values are missing."""
    series: pd.Series = pandas.Series(values, dtype="Int64" if None in values else "int64")
    return series


def _floats(pandas: Any, values: list[Any]) -> pd.Series:
    series: pd.Series = pandas.Series(values, dtype="float64")
    return series


def score(
    spec: SpecInput,
    data: DataInput,
    *,
    year: int | None = None,
    unit_column: str = "unit",
    year_column: str = "year",
    strict: bool = False,
    components: bool = False,
) -> pd.DataFrame:
    """Scores, ranks and tiers every row of ``data`` (or of one ``year``).

    Each year is scored with the edition of ``spec`` in force that year and ranked within
    that year. Returns a DataFrame in input row order with columns ``unit``, ``year``,
    ``score`` (unrounded) and ``rank``; ``tier`` (Vietnamese label) and ``tier_en`` when any
    row has a tier; with ``components=True`` also ``{node id}`` and ``{node id}_rank`` for
    every computed node below the root. ``year`` is int64, or nullable Int64 when some rows
    have no year. ``strict=True`` rejects data columns that are not node ids.
    """
    pandas = _pandas()
    table = score_columns(
        _spec(spec),
        dataset(data, unit_column=unit_column, year_column=year_column),
        year=year,
        strict=strict,
        components=components,
    )
    lists = table["columns"]
    columns: dict[str, pd.Series] = {
        "unit": pandas.Series(lists["unit"]),
        "year": _ints(pandas, lists["year"]),
        "score": _floats(pandas, lists["score"]),
        "rank": _ints(pandas, lists["rank"]),
    }
    if any(tier is not None for tier in lists["tier"]):
        columns["tier"] = pandas.Series(lists["tier"])
        columns["tier_en"] = pandas.Series(lists["tier_en"])
    for node, values in table["components"].items():
        for name in (node, f"{node}_rank"):
            if name in columns:
                raise ValueError(f"node id '{node}' clashes with the result column '{name}'")
        columns[node] = _floats(pandas, values["score"])
        columns[f"{node}_rank"] = _ints(pandas, values["rank"])
    frame: pd.DataFrame = pandas.DataFrame(columns)
    frame.attrs.update(index=table["index"], precision=table["precision"])
    return frame


def compare(
    spec: SpecInput,
    data: DataInput,
    *,
    from_year: int,
    to_year: int,
    unit_column: str = "unit",
    year_column: str = "year",
    unit_mapping: UnitMapping | None = None,
) -> pd.DataFrame:
    """Compares two years of ``data``, each scored with its own edition, unit by unit.

    Returns a DataFrame ordered by the rank in ``to_year`` (then the units present only in
    ``from_year``) with columns ``unit``, ``score_from``, ``score_to``, ``score_delta``,
    ``rank_from``, ``rank_to``, ``rank_change`` (places gained: positive = moved up),
    ``tier_from``, ``tier_to``, ``presence`` (``both``, ``only_from``, ``only_to``) and
    ``note``. Units present in one period only have missing values (NaN, or <NA> in the
    nullable Int64 rank columns). Units are matched by name, or through ``unit_mapping``
    (e.g. ``UnitMapping.vietnam_provinces()``): then a renamed unit is matched with its old
    name, and ``note`` says what happened (``merged into Hà Nội on 2008-08-01``).
    """
    pandas = _pandas()
    table = compare_columns(
        _spec(spec),
        dataset(data, unit_column=unit_column, year_column=year_column),
        from_year=from_year,
        to_year=to_year,
        unit_mapping=unit_mapping,
    )
    lists = table["columns"]
    frame: pd.DataFrame = pandas.DataFrame(
        {
            "unit": pandas.Series(lists["unit"]),
            "score_from": _floats(pandas, lists["score_from"]),
            "score_to": _floats(pandas, lists["score_to"]),
            "score_delta": _floats(pandas, lists["score_delta"]),
            "rank_from": _ints(pandas, lists["rank_from"]),
            "rank_to": _ints(pandas, lists["rank_to"]),
            "rank_change": _ints(pandas, lists["rank_change"]),
            "tier_from": pandas.Series(lists["tier_from"]),
            "tier_to": pandas.Series(lists["tier_to"]),
            "presence": pandas.Series(lists["presence"]),
            "note": pandas.Series(lists["note"]),
        }
    )
    frame.attrs.update(
        index=table["index"],
        precision=table["precision"],
        from_year=table["from"],
        to_year=table["to"],
    )
    return frame


# --- analysis ---------------------------------------------------------------------------


def diagnose(
    spec: SpecInput,
    data: DataInput,
    unit: str,
    *,
    year: int | None = None,
    previous_year: int | None = None,
    unit_column: str = "unit",
    year_column: str = "year",
) -> _Diagnosis:
    """Diagnoses one unit in one year: where each sub-index stands against the median and the
    leader, what raising it would add to the composite, what fell since ``previous_year``
    (default: the year before, when the data has it) and where the composite's change came
    from. Returns plain dicts and lists (``pandas.DataFrame(d["components"])`` tabulates the
    sub-indices)."""
    return _chiso.diagnose(
        _spec(spec),
        dataset(data, unit_column=unit_column, year_column=year_column),
        unit,
        year=year,
        previous_year=previous_year,
    )


def plan(
    spec: SpecInput,
    data: DataInput,
    unit: str,
    target: str,
    *,
    year: int | None = None,
    caps: Mapping[str, float] | None = None,
    costs: Mapping[str, float] | None = None,
    field: Literal["fixed", "trend"] = "fixed",
    unit_column: str = "unit",
    year_column: str = "year",
) -> _Plan:
    """The smallest improvement of ``unit``'s sub-indices in ``year`` that reaches ``target``:
    ``"score:70"``, ``"rank:10"``, ``"top:10"`` or ``"gain:3"`` (places). Each sub-index is
    capped at its scale maximum and at ``caps[id]``; ``costs[id]`` weighs its points
    (default 1: the fewest total points). The other units keep their scores
    (``field="fixed"``) or move by their own yearly trend (``field="trend"``). Returns plain
    dicts and lists; ``steps`` lists every sub-index with its required ``gain``."""
    return _chiso.plan(
        _spec(spec),
        dataset(data, unit_column=unit_column, year_column=year_column),
        unit,
        target,
        year=year,
        caps=None if caps is None else dict(caps),
        costs=None if costs is None else dict(costs),
        field=field,
    )


def report(
    spec: SpecInput,
    data: DataInput,
    unit: str,
    *,
    year: int | None = None,
    target: str | None = None,
    lang: Literal["vi", "en"] = "vi",
    format: Literal["md", "markdown", "html"] = "md",
    unit_column: str = "unit",
    year_column: str = "year",
) -> str:
    """A one-page report on ``unit`` in ``year`` in the style of the provincial press releases:
    score, rank, tier, change from the year before, the sub-index table, the weakest
    components and the plan to reach ``target`` (default: the top 10, or the top third of a
    field under 30 units). Markdown, or with
    ``format="html"`` a standalone page with SVG radar and bar charts (in a notebook:
    ``IPython.display.HTML(chiso.report(..., format="html"))``). Numbers take decimal commas
    in Vietnamese."""
    return _chiso.report(
        _spec(spec),
        dataset(data, unit_column=unit_column, year_column=year_column),
        unit,
        year=year,
        target=target,
        lang=lang,
        format=format,
    )


# --- robustness (chiso/robustness.py; charts in chiso/plot_uncertainty.py) ---------------

from chiso.robustness import (  # noqa: E402
    audit,
    rank_changes,
    rank_probabilities,
    sensitivity,
    uncertainty,
)
