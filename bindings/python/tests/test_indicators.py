"""chiso.diagnose and chiso.plan with level="indicators" on the pci_indicators preset: Nam Định
2018 (published: 63.00968, 35th of 63); the plan written into the data and re-scored reaches
the top 10."""

from __future__ import annotations

import csv

import pytest

import chiso
from _support import ROOT

WIDE = ROOT / "examples" / "pci_indicators" / "pci_indicators_wide.csv"


def test_top_10_over_indicators_reaches_the_top_10_when_re_scored() -> None:
    plan = chiso.plan(
        "pci_indicators",
        str(WIDE),
        "Nam Định",
        "top:10",
        year=2018,
        unit_column="province",
        level="indicators",
    )
    assert plan["rank_now"] == 35 and abs(plan["score_now"] - 63.00968) < 1e-4
    assert plan["reachable"] and plan["rank_planned"] <= 10
    with open(WIDE, encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["year"] == "2018"]
    for row in rows:
        if row["province"] == "Nam Định":
            for step in plan["steps"]:
                row[step["id"]] = repr(step["planned"])
    columns = {name: [r[name] for r in rows] for name in rows[0]}
    data: dict[str, list[object]] = {
        k: list(v) if k == "province" else [float(x) if x else None for x in v]
        for k, v in columns.items()
    }
    table = chiso.score("pci_indicators", data, year=2018, unit_column="province").to_pandas()
    nam_dinh = table[table["unit"] == "Nam Định"].iloc[0]
    assert nam_dinh["rank"] <= 10 and abs(nam_dinh["score"] - plan["score_planned"]) < 1e-9


def test_indicator_diagnosis_and_a_bad_level() -> None:
    d = chiso.diagnose(
        "pci_indicators",
        str(WIDE),
        "Nam Định",
        year=2018,
        unit_column="province",
        level="indicators",
    )
    assert (d["rank"], d["previous_year"]) == (35, 2017)
    ids = [i["id"] for i in d["indicators"]]
    assert "transparency_i08" in ids and not any(i.startswith("business_support") for i in ids)
    wide = str(WIDE)
    with pytest.raises(ValueError, match="level must be 'sub_indices' or 'indicators'"):
        chiso.diagnose("pci_indicators", wide, "Nam Định", unit_column="province", level="leaves")  # type: ignore[call-overload]
