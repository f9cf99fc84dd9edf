"""PCI 2018 rank intervals under weights ±20 %: the table and the caterpillar chart
(written to docs/generated/, which the guide shows)."""

from pathlib import Path

import matplotlib

import chiso

matplotlib.use("Agg")
from chiso.plot_uncertainty import caterpillar  # noqa: E402 (after matplotlib.use)

intervals = chiso.uncertainty(
    "pci",
    "examples/data/pci/pci_subindices.csv",
    unit_column="province",
    year=2018,
    weights_pm=20,
    samples=2000,
    seed=1,
)
cols = ["unit", "rank_nominal", "rank_median", "rank_p05", "rank_p95"]
print(intervals[cols].head(5).to_string(index=False))

ax = caterpillar(intervals, units=list(intervals["unit"][:20]), title="PCI 2018, weights ±20 %")
out = Path("docs/generated")
out.mkdir(exist_ok=True)
ax.figure.savefig(out / "pci_2018_rank_intervals.svg", bbox_inches="tight")
