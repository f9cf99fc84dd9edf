"""Rank the provinces on PCI 2016 from the bundled published table, then answer the
provincial questions: how did Nam Định move, and what would it take to enter the top 10?

Run: python examples/python/rank_pci.py   (after `pip install` of the chiso wheel)
"""

from pathlib import Path

import chiso

TABLE = Path(__file__).resolve().parents[1] / "data" / "pci" / "pci_subindices.csv"

pci = chiso.preset("pci")
scores = chiso.score(pci, TABLE, unit_column="province", year=2016)
top = scores.top(10)
print(top)  # a text table, scores at 2 decimals
assert top["unit"][0] == "Đà Nẵng" and round(float(top["score"][0]), 2) == 70.00

change = chiso.compare(pci, TABLE, from_year=2015, to_year=2016, unit_column="province")
nam_dinh = change.to_pandas().set_index("unit").loc["Nam Định"]
print(
    f"\nNam Định 2016: {nam_dinh['score_to']:.2f} points, rank {nam_dinh['rank_to']}/63, "
    f"{nam_dinh['score_delta']:+.2f} points and {nam_dinh['rank_change']:+d} places on 2015"
)

plan = chiso.plan(pci, TABLE, "Nam Định", "top:10", year=2016, unit_column="province")
print(
    f"To enter the top 10: composite {plan['score_now']:.2f} → {plan['score_planned']:.2f}, "
    f"rank {plan['rank_planned']}"
)
for step in plan["steps"]:
    if step["gain"] > 0:
        label, now, then = step["label"]["en"], step["current"], step["planned"]
        print(f"  {label}: {now:.2f} → {then:.2f} (+{step['gain']:.2f})")
assert plan["reachable"] and plan["rank_planned"] <= 10
