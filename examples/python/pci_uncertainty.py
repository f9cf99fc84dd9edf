"""Is a rank move real? PCI 2016 rank intervals under weights ±20 %, the 2015 → 2016 rank
changes against them, the sensitivity of the ranking to its choices, and the caterpillar
chart (written to pci_2016_rank_intervals.png in the system's temporary folder).

Run: python examples/python/pci_uncertainty.py
"""

from __future__ import annotations

import os
import tempfile

import matplotlib

import chiso
from chiso.plot_uncertainty import caterpillar

DATA = os.path.join(
    os.path.dirname(__file__), "..", "data", "pci", "pci_subindices.csv"
)

intervals = chiso.uncertainty(
    "pci",
    DATA,
    unit_column="province",
    year=2016,
    weights_pm=20,
    samples=10_000,
    seed=2016,
)
print(
    intervals[["unit", "rank_nominal", "rank_median", "rank_p05", "rank_p95"]]
    .head(10)
    .to_string()
)

changes = chiso.rank_changes(
    "pci",
    DATA,
    unit_column="province",
    from_year=2015,
    to_year=2016,
    weights_pm=20,
    samples=10_000,
    seed=2016,
)
a = changes.attrs
print(
    f"\n2015 → 2016: {a['moved']} of {len(changes)} provinces changed rank; "
    f"{a['moved_outside_interval']} moved beyond their 2016 interval, "
    f"{a['moved_disjoint']} have disjoint intervals, "
    f"{a['moved_sign_95']} keep the sign of their change in ≥ 95 % of samples."
)

indices = chiso.sensitivity(
    "pci",
    DATA,
    unit_column="province",
    year=2016,
    inputs={
        "weights_pm": 20,
        "aggregation": ["weighted_mean", "geometric_mean"],
        "exclude_one": True,
    },
    samples=1000,
    seed=1,
)
print("\nSensitivity of the mean rank shift:")
print(
    indices[indices["target"] == "mean_rank_shift"]
    .drop(columns="target")
    .to_string(index=False)
)

matplotlib.use("Agg")  # no display needed: the chart goes to a file
out = os.path.join(tempfile.gettempdir(), "pci_2016_rank_intervals.png")
caterpillar(intervals).figure.savefig(out, dpi=120, bbox_inches="tight")
print(f"\nCaterpillar chart: {out}")
