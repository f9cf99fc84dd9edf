"""chiso — composite indices (PCI, PAPI, PAR INDEX, ...) computed as their publishers do.

*Chỉ số* is Vietnamese for *index*. Read an index specification (or take a preset such as
``chiso.preset("pci")``), give it data (a pandas DataFrame, a CSV path, a dict of columns),
and get unrounded scores, ranks, tiers and year-over-year changes::

    import chiso
    scores = chiso.score("pci", "pci_subindices.csv", year=2016, unit_column="province")
    scores.top(10)            # displays as a table in Jupyter and in a terminal
    df = scores.to_pandas()   # or .to_polars(), wide or long, full precision

The computation is the Rust core's (``chiso._chiso``); ``chiso._input`` converts input
(whole columns), ``chiso._results`` builds the results objects, ``chiso.plot`` draws charts
(``pip install 'chiso[plot]'``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Union, overload

from chiso import _chiso
from chiso._chiso import (
    ChisoError,
    ComputeError,
    DataError,
    DataFileNotFoundError,
    Dataset,
    OptionError,
    Spec,
    SpecError,
    SpecFileNotFoundError,
    UnitMapping,
    __version__,
    compare_columns,
    preset,
    presets,
    score_columns,
)
from chiso._excel import excel_sheet, read_excel, to_excel
from chiso._input import DataInput, Shape, dataset
from chiso._input import backend_of as _backend_of
from chiso._profile import Profile, profile
from chiso._results import Comparison, Scores, Table
from chiso._survey import survey

if TYPE_CHECKING:
    from typing import Literal

    from chiso._chiso import _Diagnosis, _Plan

__all__ = [
    "ChisoError",
    "Comparison",
    "ComputeError",
    "DataError",
    "DataFileNotFoundError",
    "DataInput",
    "Dataset",
    "Scores",
    "OptionError",
    "Shape",
    "Spec",
    "SpecError",
    "SpecFileNotFoundError",
    "SpecInput",
    "Table",
    "UnitMapping",
    "__version__",
    "compare",
    "compare_columns",
    "dataset",
    "diagnose",
    "excel_sheet",
    "plan",
    "preset",
    "presets",
    "read_excel",
    "Profile",
    "profile",
    "survey",
    "report",
    "score",
    "score_columns",
    "to_excel",
    "uncertainty",
    "rank_changes",
    "rank_probabilities",
    "sensitivity",
    "audit",
    "calibrate",
    "datasets",
    "robustness",
    "spec_schema",
]

SpecInput = Union[Spec, str]
"""A specification, or the id of a preset (``"pci"``)."""


def _spec(spec: SpecInput) -> Spec:
    if isinstance(spec, Spec):
        return spec
    if isinstance(spec, str):
        return preset(spec)
    raise TypeError(
        f"spec must be a chiso.Spec or a preset id such as 'pci', not {type(spec).__name__}"
    )


def score(
    spec: SpecInput,
    data: DataInput,
    *,
    year: int | None = None,
    unit_column: str = "unit",
    year_column: str = "year",
    strict: bool = False,
    components: bool = False,
    stages: bool = False,
    shape: Shape = "auto",
) -> Scores:
    """Scores, ranks and tiers every row of ``data`` (or of one ``year``).

    Each year is scored with the edition of ``spec`` in force that year and ranked within
    that year (ties share a rank). ``data`` is anything :func:`dataset` accepts: a pandas or
    polars DataFrame (wide, or long with ``unit, year, variable, value``), a CSV path, a dict
    of columns or a list of row dicts. ``strict=True`` rejects data columns that are not node
    ids; ``components=True`` keeps every node's score and rank, not only the headline;
    ``stages=True`` also keeps every indicator's ``"raw"``, ``"treated"`` (imputed, outliers
    treated) and ``"normalised"`` values (``to_pandas(stage="normalised")``). Rows that could
    not be scored are in ``.dropped`` with the reason, imputed and treated cells in ``.log``.

    Returns a :class:`Scores` object: it displays as a table (scores at the index's
    precision), and ``.to_pandas()`` / ``.to_polars()`` give the full-precision data, wide
    (``unit, year, score, rank, tier, tier_en``, ``{node}``, ``{node}_rank``) or long
    (``shape="long"``: ``unit, year, node, score, rank``).

    Examples
    --------
    >>> import chiso
    >>> pci = chiso.preset("pci")
    >>> ids = [n["id"] for n in pci.nodes(2019) if n["parent"] == "pci"]
    >>> qn = [7.16, 7.00, 7.20, 7.89, 7.10, 7.69, 7.96, 6.68, 7.95, 7.58]
    >>> scores = chiso.score(pci, {"unit": ["Quảng Ninh"], **dict(zip(ids, [[v] for v in qn]))},
    ...                      year=2019)
    >>> scores
    chiso.Scores: pci, 2019, 1 units, 1 rows
    unit        year  score  rank
    Quảng Ninh  2019  73.40     1
    (numbers shown at 2 decimals; .to_pandas() has full precision)
    >>> scores.to_pandas()[["unit", "score", "rank"]].to_dict("records")
    [{'unit': 'Quảng Ninh', 'score': 73.4..., 'rank': 1}]
    """
    table = score_columns(
        _spec(spec),
        dataset(data, unit_column=unit_column, year_column=year_column, shape=shape),
        year=year,
        strict=strict,
        components=components,
        stages=stages,
    )
    return Scores(table, backend=_backend_of(data))


def compare(
    spec: SpecInput,
    data: DataInput,
    *,
    from_year: int,
    to_year: int,
    unit_column: str = "unit",
    year_column: str = "year",
    unit_mapping: UnitMapping | None = None,
    shape: Shape = "auto",
) -> Comparison:
    """Compares two years of ``data``, each scored with its own edition, unit by unit.

    Returns a :class:`Comparison` ordered by the rank in ``to_year`` (then the units present
    only in ``from_year``) with columns ``unit``, ``score_from``, ``score_to``,
    ``score_delta``, ``rank_from``, ``rank_to``, ``rank_change`` (places gained: positive =
    moved up), ``tier_from``, ``tier_to`` (and ``_en``), ``presence`` (``both``,
    ``only_from``, ``only_to``) and ``note``. Units present in one period only have missing
    values (NaN, or <NA> in the nullable Int64 rank columns of ``to_pandas()``). Units are
    matched by name, or through ``unit_mapping`` (e.g. ``UnitMapping.vietnam_provinces()``):
    then a renamed unit is matched with its old name, and ``note`` says what happened
    (``merged into Hà Nội on 2008-08-01``). ``to_pandas(shape="long")`` gives one row per
    unit and year.

    Examples
    --------
    >>> import chiso
    >>> spec = chiso.Spec.from_dict({"id": "demo", "root": "total", "nodes": [
    ...     {"id": "total", "children": ["x"]}, {"id": "x"}]})
    >>> data = {"unit": ["A", "B", "A", "B"], "year": [2019, 2019, 2020, 2020],
    ...         "x": [1.0, 2.0, 3.0, 2.5]}
    >>> change = chiso.compare(spec, data, from_year=2019, to_year=2020)
    >>> change.to_pandas()[["unit", "score_delta", "rank_change"]].to_dict("list")
    {'unit': ['A', 'B'], 'score_delta': [2.0, 0.5], 'rank_change': [1, -1]}
    """
    table = compare_columns(
        _spec(spec),
        dataset(data, unit_column=unit_column, year_column=year_column, shape=shape),
        from_year=from_year,
        to_year=to_year,
        unit_mapping=unit_mapping,
    )
    return Comparison(table, backend=_backend_of(data))


# --- analysis ---------------------------------------------------------------------------


@overload
def diagnose(
    spec: SpecInput,
    data: DataInput,
    unit: str,
    *,
    year: int | None = None,
    previous_year: int | None = None,
    unit_column: str = "unit",
    year_column: str = "year",
    level: Literal["sub_indices"] = "sub_indices",
) -> _Diagnosis: ...
@overload
def diagnose(
    spec: SpecInput,
    data: DataInput,
    unit: str,
    *,
    year: int | None = None,
    previous_year: int | None = None,
    unit_column: str = "unit",
    year_column: str = "year",
    level: Literal["indicators"],
) -> dict[str, Any]: ...
def diagnose(
    spec: SpecInput,
    data: DataInput,
    unit: str,
    *,
    year: int | None = None,
    previous_year: int | None = None,
    unit_column: str = "unit",
    year_column: str = "year",
    level: Literal["sub_indices", "indicators"] = "sub_indices",
) -> _Diagnosis | dict[str, Any]:
    """Diagnoses one unit in one year: where each sub-index stands against the median and the
    leader, what raising it would add to the composite, what fell since ``previous_year``
    (default: the year before, when the data has it) and where the composite's change came
    from. Returns plain dicts and lists (``pandas.DataFrame(d["components"])`` tabulates the
    sub-indices). ``level="indicators"``: each indicator below the sub-indices (raw value
    against the median and the best unit, contributions, gain at the best value, change since
    the year before; ``d["indicators"]``), e.g. with the ``pci_indicators`` preset."""
    return _chiso.diagnose(
        _spec(spec),
        dataset(data, unit_column=unit_column, year_column=year_column),
        unit,
        year=year,
        previous_year=previous_year,
        level=level,
    )


@overload
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
    level: Literal["sub_indices"] = "sub_indices",
    beyond_best: bool = False,
) -> _Plan: ...
@overload
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
    level: Literal["indicators"],
    beyond_best: bool = False,
) -> dict[str, Any]: ...
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
    level: Literal["sub_indices", "indicators"] = "sub_indices",
    beyond_best: bool = False,
) -> _Plan | dict[str, Any]:
    """The smallest improvement of ``unit``'s sub-indices in ``year`` that reaches ``target``:
    ``"score:70"``, ``"rank:10"``, ``"top:10"`` or ``"gain:3"`` (places). Each sub-index is
    capped at its scale maximum and at ``caps[id]``; ``costs[id]`` weighs its points
    (default 1: the fewest total points). The other units keep their scores
    (``field="fixed"``) or move by their own yearly trend (``field="trend"``). Returns plain
    dicts and lists; ``steps`` lists every sub-index with its required ``gain``.
    ``level="indicators"`` plans over the indicators below the sub-indices instead (raw values;
    ``caps`` and ``costs`` name indicators, in raw units), each bounded by the best value any
    unit reached that year, or with ``beyond_best=True`` by its natural range."""
    return _chiso.plan(
        _spec(spec),
        dataset(data, unit_column=unit_column, year_column=year_column),
        unit,
        target,
        year=year,
        caps=None if caps is None else dict(caps),
        costs=None if costs is None else dict(costs),
        field=field,
        level=level,
        beyond_best=beyond_best,
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


def calibrate(
    data: DataInput,
    target: str,
    *,
    columns: list[str] | None = None,
    method: str = "weighted_mean",
    year: int | None = None,
    tolerance: float = 1e-4,
    scale: tuple[float, float] | None = None,
    worst: int = 10,
    drop_collinear: bool = False,
    unit_column: str = "unit",
    year_column: str = "year",
) -> dict[str, Any]:
    """Recovers a node's unpublished parameters from its published scores: fits the
    ``target`` column as ``intercept + Σ coefficients[c]·c`` over the ``columns`` (default:
    every other numeric column) by least squares, over the units of ``year``.

    Returns a dict with ``max_residual``, ``exact`` (``max_residual ≤ tolerance``),
    ``intercept``, ``coefficients`` (column → coefficient, 0 for a child without weight),
    ``rms_residual``, ``zero_weight``, ``misfits``, ``worst_units``, ``children`` (each
    child's ``direction``, ``min``/``max`` goalposts and ``weight`` in a weighted mean of
    children rescaled to ``scale``), and ``spec``: the calibrated node as a :class:`Spec`
    (``None`` when the fit depends on no child) that :func:`score` reproduces the fit with.
    A child that is constant or a combination of others is an error (``ComputeError``,
    variant ``CollinearChildren``), or with ``drop_collinear=True`` left out and listed in
    ``undetermined``.

    Examples
    --------
    >>> data = {"unit": list("abcde"), "x": [0, 10, 5, 2, 4], "y": [4, 0, 2, 3, 1],
    ...         "s": [0, 6, 3, 1.25, 2.75]}
    >>> fit = calibrate(data, "s")
    >>> fit["exact"], round(fit["coefficients"]["x"], 6), round(fit["intercept"], 6)
    (True, 0.5, 1.0)
    """
    d = dataset(data, unit_column=unit_column, year_column=year_column)
    result, spec = _chiso.calibrate_result(
        d,
        target,
        columns=list(columns) if columns is not None else None,
        method=method,
        year=year,
        tolerance=tolerance,
        scale=scale,
        worst=worst,
        drop_collinear=drop_collinear,
    )
    result["spec"] = spec
    return result


# --- robustness (chiso/robustness.py; charts in chiso/plot_uncertainty.py) ---------------

# --- bundled tables and the spec file format (chiso/datasets.py) ---------------------------
from chiso import datasets, robustness  # noqa: E402
from chiso.robustness import (  # noqa: E402
    audit,
    rank_changes,
    rank_probabilities,
    sensitivity,
    uncertainty,
)


def spec_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of spec files, generated from the Rust types.

    The same file ships in the crate and the npm package and ``chiso schema`` prints it;
    ``docs/schema.md`` shows how to make an editor check spec files with it.

    >>> import chiso
    >>> schema = chiso.spec_schema()
    >>> schema["title"], schema["required"]
    ('chiso index specification', ['id', 'root', 'nodes'])
    """
    import json

    schema: dict[str, Any] = json.loads(_chiso.spec_schema_json())
    return schema


def __dir__() -> list[str]:
    """The API (``__all__``) and the private names: not the names imported for annotations
    (``Any``, ``Mapping``, ``Union``), which stay importable so that ``typing.get_type_hints``
    resolves the signatures (tests/test_api_surface.py)."""
    return sorted(set(__all__) | {n for n in globals() if n.startswith("_")})


# Needed above only while this module is imported.
del annotations, TYPE_CHECKING
