"""How robust is a ranking? Uncertainty analysis, sensitivity analysis and statistical audit.

Every number comes from the Rust core (``chiso._chiso``); this module turns its results into
pandas DataFrames. Uncertain inputs are given as one dict (or keyword shortcuts)::

    {"weights_pm": 20,                                   # each weight ±20 % (uniform)
     "weights_dirichlet": 100,                           # or Dirichlet around the nominal shares
     "aggregation": ["weighted_mean", "geometric_mean"],  # alternatives, drawn uniformly
     "normalisation": ["none", "min_max"],
     "exclude_one": True,                                # leave one leaf (or nothing) out
     "sampling_error": {"transparency": 0.12,            # a standard error for every unit,
                        "land_access": "land_access_se", # a column of per-unit errors,
                        "time_costs": {"low": "tc_lo", "high": "tc_hi"}}}  # or 95 % CIs

Results are the same for a seed on every machine, in Python, Rust and JavaScript.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypedDict

from chiso import _chiso

if TYPE_CHECKING:
    import pandas as pd

    from chiso import DataInput, SpecInput
    from chiso._chiso import UnitMapping

__all__ = [
    "AuditFrames",
    "audit",
    "rank_changes",
    "rank_probabilities",
    "sensitivity",
    "uncertainty",
]


def _inputs(inputs: Mapping[str, Any] | None, weights_pm: float | None) -> str:
    merged: dict[str, Any] = dict(inputs or {})
    if weights_pm is not None:
        merged["weights_pm"] = weights_pm
    return json.dumps(merged)


def _prepare(
    spec: SpecInput, data: DataInput, unit_column: str, year_column: str
) -> tuple[Any, Any]:
    from chiso import _spec, dataset

    return _spec(spec), dataset(data, unit_column=unit_column, year_column=year_column)


def _pandas() -> Any:
    from chiso._results import _pandas

    return _pandas()


def uncertainty(
    spec: SpecInput,
    data: DataInput,
    *,
    year: int | None = None,
    inputs: Mapping[str, Any] | None = None,
    weights_pm: float | None = None,
    samples: int = 1000,
    seed: int = 0,
    unit_column: str = "unit",
    year_column: str = "year",
) -> pd.DataFrame:
    """Rank intervals of every unit of ``year`` over ``samples`` Monte Carlo samples of the
    uncertain ``inputs`` (``weights_pm=20`` is a shortcut for ``{"weights_pm": 20}``).

    Returns a DataFrame in nominal rank order with columns ``unit``, ``rank_nominal``,
    ``rank_median``, ``rank_p05``, ``rank_p95`` (type-7 percentiles, as R and numpy),
    ``rank_mean``, ``rank_best``, ``rank_worst``, ``score_nominal``, ``score_mean``,
    ``score_sd``, ``score_p05``, ``score_median``, ``score_p95``; ``attrs`` has ``index``,
    ``year``, ``samples``, ``seed``, ``inputs`` and ``mean_rank_shift``.
    """
    pandas = _pandas()
    s, d = _prepare(spec, data, unit_column, year_column)
    result = _chiso.uncertainty_result(
        s, d, _inputs(inputs, weights_pm), year=year, samples=samples, seed=seed
    )
    frame: pd.DataFrame = pandas.DataFrame(result["units"]).rename(
        columns={"nominal_rank": "rank_nominal", "nominal_score": "score_nominal"}
    )
    order = [
        "unit",
        "rank_nominal",
        "rank_median",
        "rank_p05",
        "rank_p95",
        "rank_mean",
        "rank_best",
        "rank_worst",
        "score_nominal",
        "score_mean",
        "score_sd",
        "score_p05",
        "score_median",
        "score_p95",
    ]
    frame = frame[order].sort_values(["rank_nominal", "unit"], kind="stable").reset_index(drop=True)
    frame.attrs.update(
        {k: result[k] for k in ("index", "year", "samples", "seed", "inputs", "mean_rank_shift")}
    )
    return frame


def rank_probabilities(
    spec: SpecInput,
    data: DataInput,
    *,
    year: int | None = None,
    inputs: Mapping[str, Any] | None = None,
    weights_pm: float | None = None,
    samples: int = 1000,
    seed: int = 0,
    unit_column: str = "unit",
    year_column: str = "year",
) -> pd.DataFrame:
    """P(row unit ranks strictly above column unit) over the samples, units in data order
    (the same samples as :func:`uncertainty` with the same seed)."""
    pandas = _pandas()
    s, d = _prepare(spec, data, unit_column, year_column)
    result = _chiso.uncertainty_result(
        s, d, _inputs(inputs, weights_pm), year=year, samples=samples, seed=seed, pairwise=True
    )
    units = [u["unit"] for u in result["units"]]
    frame: pd.DataFrame = pandas.DataFrame(result["above"], index=units, columns=units)
    return frame


def rank_changes(
    spec: SpecInput,
    data: DataInput,
    *,
    from_year: int,
    to_year: int,
    inputs: Mapping[str, Any] | None = None,
    weights_pm: float | None = None,
    samples: int = 1000,
    seed: int = 0,
    mapping: UnitMapping | None = None,
    unit_column: str = "unit",
    year_column: str = "year",
) -> pd.DataFrame:
    """Each unit's rank change from ``from_year`` to ``to_year`` against its uncertainty.
    With ``mapping`` (e.g. ``chiso.UnitMapping.vietnam_provinces()``), renamed units and the
    absorbing side of a merger are compared with their predecessor (column ``note`` says what
    happened) and units merged away are listed in ``attrs["only_from"]``.

    Columns ``unit``, ``rank_from``, ``rank_to``, ``change`` (places gained), ``from_p05``,
    ``from_p95``, ``to_p05``, ``to_p95``, ``p_same_sign`` (share of samples where the change
    has the observed sign), ``outside_interval`` (the ``from_year`` rank lies outside the
    ``to_year`` 5–95 % interval) and ``disjoint`` (the two intervals do not overlap). ``attrs``
    holds the counts ``moved``, ``moved_outside_interval``, ``moved_disjoint``,
    ``moved_sign_95`` and the units present in one year only."""
    pandas = _pandas()
    s, d = _prepare(spec, data, unit_column, year_column)
    result = _chiso.rank_changes_result(
        s,
        d,
        _inputs(inputs, weights_pm),
        from_year=from_year,
        to_year=to_year,
        samples=samples,
        seed=seed,
        mapping=mapping,
    )
    frame: pd.DataFrame = pandas.DataFrame(result["changes"])
    if "note" in frame:
        frame["note"] = frame["note"].astype(object).where(frame["note"].notna(), None)
    keys = (
        "index",
        "from",
        "to",
        "samples",
        "seed",
        "inputs",
        "only_from",
        "only_to",
        "moved",
        "moved_outside_interval",
        "moved_disjoint",
        "moved_sign_95",
    )
    frame.attrs.update({k: result[k] for k in keys})
    return frame


def sensitivity(
    spec: SpecInput,
    data: DataInput,
    *,
    year: int | None = None,
    inputs: Mapping[str, Any] | None = None,
    weights_pm: float | None = None,
    samples: int = 500,
    seed: int = 0,
    bootstrap: int = 100,
    first_order: Literal["jansen", "saltelli"] = "jansen",
    unit_column: str = "unit",
    year_column: str = "year",
) -> pd.DataFrame:
    """First- and total-order Sobol indices of each uncertain input (Saltelli design,
    ``samples·(inputs + 2)`` runs) on the mean absolute rank shift and on each unit's rank.

    A long DataFrame with columns ``target`` (``"mean_rank_shift"`` or a unit), ``input``,
    ``first_order``, ``first_order_p05``, ``first_order_p95``, ``total_order``,
    ``total_order_p05``, ``total_order_p95`` (bootstrap percentiles; NaN where the target does
    not vary). ``attrs["rank_stats"]`` has the rank distribution over the A and B runs."""
    pandas = _pandas()
    s, d = _prepare(spec, data, unit_column, year_column)
    result = _chiso.sensitivity_result(
        s,
        d,
        _inputs(inputs, weights_pm),
        year=year,
        samples=samples,
        seed=seed,
        bootstrap=bootstrap,
        first_order=first_order,
    )
    rows = [{"target": "mean_rank_shift", **e} for e in result["mean_rank_shift"]["indices"]]
    for unit in result["units"]:
        rows.extend({"target": unit["unit"], **e} for e in unit["indices"])
    frame: pd.DataFrame = pandas.DataFrame(rows).astype(
        {
            c: "float64"
            for c in (
                "first_order",
                "first_order_p05",
                "first_order_p95",
                "total_order",
                "total_order_p05",
                "total_order_p95",
            )
        }
    )
    keys = (
        "index",
        "year",
        "samples",
        "runs",
        "seed",
        "bootstrap",
        "first_order_estimator",
        "inputs",
    )
    frame.attrs.update({k: result[k] for k in keys})
    frame.attrs["rank_stats"] = result["rank_stats"]
    return frame


class AuditFrames(TypedDict):
    """The audit as DataFrames: see :func:`audit`."""

    pearson: pd.DataFrame
    spearman: pd.DataFrame
    groups: pd.DataFrame
    children: pd.DataFrame
    loadings: dict[str, pd.DataFrame]


def audit(
    spec: SpecInput,
    data: DataInput,
    *,
    year: int | None = None,
    unit_column: str = "unit",
    year_column: str = "year",
) -> AuditFrames:
    """The statistical audit of ``year``: ``pearson`` and ``spearman`` (correlation matrices
    of every computed node, within and across levels), ``groups`` (per group: aggregation,
    ``cronbach_alpha``, ``pc1_explained``), ``children`` (per group and child: weight shares,
    effective weight, correlations with the group and the index, ``negative``, ``importance``,
    ``variance_share``, ``pca_weight``, ``equal_influence_weight``) and ``loadings`` (per
    group, children × principal components)."""
    pandas = _pandas()
    s, d = _prepare(spec, data, unit_column, year_column)
    result = _chiso.audit_result(s, d, year=year)
    ids = result["correlations"]["nodes"]
    effective = {n["id"]: n["effective_weight"] for n in result["nodes"]}
    groups = []
    children = []
    loadings: dict[str, pd.DataFrame] = {}
    for g in result["groups"]:
        pca = g["pca"]
        groups.append(
            {
                "group": g["id"],
                "aggregation": g["aggregation"],
                "cronbach_alpha": g["cronbach_alpha"],
                "pc1_explained": pca["explained"][0] if pca else None,
            }
        )
        for c in g["children"]:
            children.append({"group": g["id"], **c, "effective_weight": effective[c["id"]]})
        if pca:
            names = [c["id"] for c in g["children"]]
            loadings[g["id"]] = pandas.DataFrame(
                list(zip(*pca["loadings"])),
                index=names,
                columns=[f"PC{k + 1}" for k in range(len(pca["loadings"]))],
            )
    return {
        "pearson": pandas.DataFrame(
            result["correlations"]["pearson"], index=ids, columns=ids, dtype="float64"
        ),
        "spearman": pandas.DataFrame(
            result["correlations"]["spearman"], index=ids, columns=ids, dtype="float64"
        ),
        "groups": pandas.DataFrame(groups),
        "children": pandas.DataFrame(children).rename(columns={"id": "node"}),
        "loadings": loadings,
    }
