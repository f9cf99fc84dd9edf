"""chiso against a straightforward pandas and numpy implementation of the same scoring, in
one run (not part of the test suite; times depend on the machine).

Cases, each timed end to end from a pandas DataFrame to a pandas DataFrame with unit, year,
score and rank:

- ``pci``: the bundled published PCI sub-indices (63 provinces, 2016, or all 316 rows of
  five years): weighted mean of ten sub-indices × 10, ranked within each year;
- ``raw``: synthetic raw indicators (N units × 50 indicators, a fifth lower-is-better),
  min–max normalised to 1–10, weighted means of 10 groups of 5 indicators, weighted mean of
  the groups × 10, ranked.

Every implementation's scores and ranks are checked against chiso's before timing (to 1e-9
and exactly), so the times compare the same work. Each time is the best of several runs.

Run: python bindings/python/bench/bench_score.py [--sizes 63,100000,1000000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import gc
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

import chiso

ROOT = Path(__file__).resolve().parents[3]
PCI_CSV = ROOT / "examples" / "data" / "pci" / "pci_subindices.csv"
GROUPS, PER_GROUP = 10, 5
LOW, HIGH, MULTIPLIER = 1.0, 10.0, 10.0


def best_of(repeat: int, work: Callable[[], Any]) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def check(name: str, frame: pd.DataFrame, reference: pd.DataFrame) -> None:
    """Same units, scores (1e-9) and ranks (exactly) as chiso."""
    assert frame["unit"].tolist() == reference["unit"].tolist(), name
    worst = float(np.max(np.abs(frame["score"].to_numpy() - reference["score"].to_numpy())))
    assert worst < 1e-9, f"{name}: scores differ by {worst}"
    assert (frame["rank"].to_numpy() == reference["rank"].to_numpy()).all(), f"{name}: ranks"


# --- PCI from published sub-indices -------------------------------------------------------


def pci_weights(year: int) -> dict[str, float]:
    nodes = chiso.preset("pci").nodes(year)
    return {n["id"]: n["weight"] for n in nodes if n["parent"] == "pci"}


def pci_pandas(frame: pd.DataFrame) -> pd.DataFrame:
    """What a researcher writes today: per year, that year's weights, a weighted mean, rank."""
    parts = []
    for year in frame["year"].unique().tolist():
        rows = frame[frame["year"] == year]
        weights = pci_weights(int(year))
        w = np.array(list(weights.values()))
        score = (rows[list(weights)] * w).sum(axis=1) / w.sum() * MULTIPLIER
        parts.append(score)
    score = pd.concat(parts).loc[frame.index]
    rank = score.groupby(frame["year"]).rank(method="min", ascending=False).astype("int64")
    return pd.DataFrame(
        {"unit": frame["province"], "year": frame["year"], "score": score, "rank": rank}
    ).reset_index(drop=True)


def pci_chiso(frame: pd.DataFrame) -> pd.DataFrame:
    return chiso.score("pci", frame, unit_column="province").to_pandas()


# --- raw indicators -----------------------------------------------------------------------


def raw_spec(
    weights: np.ndarray[Any, Any], lower: set[int], group_weights: np.ndarray[Any, Any]
) -> chiso.Spec:
    nodes: list[dict[str, Any]] = [
        {
            "id": "index",
            "children": [f"g{g}" for g in range(GROUPS)],
            "multiplier": MULTIPLIER,
        }
    ]
    for g in range(GROUPS):
        children = [f"x{g * PER_GROUP + k}" for k in range(PER_GROUP)]
        nodes.append({"id": f"g{g}", "children": children, "weight": float(group_weights[g])})
    for i in range(GROUPS * PER_GROUP):
        nodes.append(
            {
                "id": f"x{i}",
                "weight": float(weights[i]),
                "direction": "lower_is_better" if i in lower else "higher_is_better",
                "normalise": {"method": "min_max", "low": LOW, "high": HIGH},
            }
        )
    return chiso.Spec.from_dict({"id": "bench", "root": "index", "nodes": nodes})


def raw_data(
    n: int, seed: int = 7
) -> tuple[pd.DataFrame, np.ndarray[Any, Any], set[int], np.ndarray[Any, Any]]:
    rng = np.random.default_rng(seed)
    columns = {"unit": [f"đơn vị {i}" for i in range(n)], "year": np.full(n, 2024)}
    values = rng.normal(50, 15, size=(n, GROUPS * PER_GROUP))
    for i in range(GROUPS * PER_GROUP):
        columns[f"x{i}"] = values[:, i]
    weights = rng.integers(1, 5, size=GROUPS * PER_GROUP).astype(float)
    lower = set(range(0, GROUPS * PER_GROUP, 5))
    group_weights = rng.integers(1, 4, size=GROUPS).astype(float)
    return pd.DataFrame(columns), weights, lower, group_weights


def raw_pandas(
    frame: pd.DataFrame,
    weights: np.ndarray[Any, Any],
    lower: set[int],
    group_weights: np.ndarray[Any, Any],
) -> pd.DataFrame:
    """Straightforward pandas: column-wise min–max, grouped weighted means, rank."""
    ids = [f"x{i}" for i in range(GROUPS * PER_GROUP)]
    x = frame[ids]
    share = (x - x.min()) / (x.max() - x.min())
    flip = [f"x{i}" for i in sorted(lower)]
    normalised = LOW + (HIGH - LOW) * share
    normalised[flip] = HIGH - (HIGH - LOW) * share[flip]
    w = pd.Series(weights, index=ids)
    groups = {}
    for g in range(GROUPS):
        cols = ids[g * PER_GROUP : (g + 1) * PER_GROUP]
        groups[f"g{g}"] = (normalised[cols] * w[cols]).sum(axis=1) / w[cols].sum()
    gw = pd.Series(group_weights, index=list(groups))
    score = (pd.DataFrame(groups) * gw).sum(axis=1) / gw.sum() * MULTIPLIER
    rank = score.groupby(frame["year"]).rank(method="min", ascending=False).astype("int64")
    return pd.DataFrame(
        {"unit": frame["unit"], "year": frame["year"], "score": score, "rank": rank}
    )


def raw_numpy(
    frame: pd.DataFrame,
    weights: np.ndarray[Any, Any],
    lower: set[int],
    group_weights: np.ndarray[Any, Any],
) -> pd.DataFrame:
    """Straightforward numpy on the DataFrame's values: one matrix, broadcasting, a sort."""
    ids = [f"x{i}" for i in range(GROUPS * PER_GROUP)]
    x = frame[ids].to_numpy()
    low, high = x.min(axis=0), x.max(axis=0)
    share = (x - low) / (high - low)
    flip = np.zeros(x.shape[1], dtype=bool)
    flip[sorted(lower)] = True
    normalised = np.where(flip, HIGH - (HIGH - LOW) * share, LOW + (HIGH - LOW) * share)
    w = weights.reshape(GROUPS, PER_GROUP)
    groups = (normalised.reshape(len(x), GROUPS, PER_GROUP) * w).sum(axis=2) / w.sum(axis=1)
    score = (groups * group_weights).sum(axis=1) / group_weights.sum() * MULTIPLIER
    # Competition ranking (ties share the best place) within the single year.
    order = np.argsort(-score, kind="stable")
    sorted_scores = score[order]
    first = np.r_[True, sorted_scores[1:] != sorted_scores[:-1]]
    places = np.maximum.accumulate(np.where(first, np.arange(1, len(x) + 1), 0))
    rank = np.empty(len(x), dtype=np.int64)
    rank[order] = places
    return pd.DataFrame(
        {"unit": frame["unit"], "year": frame["year"], "score": score, "rank": rank}
    )


def raw_chiso(frame: pd.DataFrame, spec: chiso.Spec) -> pd.DataFrame:
    return chiso.score(spec, frame).to_pandas()[["unit", "year", "score", "rank"]]


def raw_chiso_all(frame: pd.DataFrame, spec: chiso.Spec) -> pd.DataFrame:
    """Every node's score and rank (61 nodes), as one wide DataFrame."""
    return chiso.score(spec, frame, components=True).to_pandas()


# --- main ---------------------------------------------------------------------------------


def report(case: str, times: dict[str, float]) -> None:
    base = times["chiso"]
    parts = [f"{name} {seconds * 1000:9.2f} ms" for name, seconds in times.items()]
    ratios = [
        f"{name}/chiso {seconds / base:5.2f}×" for name, seconds in times.items() if name != "chiso"
    ]
    print(f"{case:<28} " + "  ".join(parts) + "   " + "  ".join(ratios))


def bench_pci(label: str, frame: pd.DataFrame, repeat: int) -> None:
    frame = frame.reset_index(drop=True)
    check(label, pci_pandas(frame), pci_chiso(frame))
    times = {
        "chiso": best_of(repeat, lambda: pci_chiso(frame)),
        "pandas": best_of(repeat, lambda: pci_pandas(frame)),
    }
    report(label, times)


def bench_raw(n: int, repeat: int) -> None:
    frame, weights, lower, group_weights = raw_data(n)
    spec = raw_spec(weights, lower, group_weights)
    reference = raw_chiso(frame, spec)
    check(f"raw {n} pandas", raw_pandas(frame, weights, lower, group_weights), reference)
    check(f"raw {n} numpy", raw_numpy(frame, weights, lower, group_weights), reference)
    del reference
    times = {
        "chiso": best_of(repeat, lambda: raw_chiso(frame, spec)),
        "chiso all nodes": best_of(repeat, lambda: raw_chiso_all(frame, spec)),
        "pandas": best_of(repeat, lambda: raw_pandas(frame, weights, lower, group_weights)),
        "numpy": best_of(repeat, lambda: raw_numpy(frame, weights, lower, group_weights)),
    }
    report(f"raw {n:,} × 50", times)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument(
        "--sizes", default="63,100000", help="units in the raw case, comma-separated"
    )
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    table = pd.read_csv(PCI_CSV)
    bench_pci("pci 2016 (63 units)", table[table.year == 2016], args.repeat)
    bench_pci("pci 5 years (316 rows)", table, args.repeat)
    for n in (int(s) for s in args.sizes.split(",")):
        bench_raw(n, args.repeat if n <= 100_000 else max(1, args.repeat // 2))


if __name__ == "__main__":
    main()
