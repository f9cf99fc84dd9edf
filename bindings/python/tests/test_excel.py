"""Workbooks through the Python package: VCCI's 2018 and 2014 summaries (bundled copies in
tests/data/xlsx) give the published composites and ranks; ``to_excel`` writes a workbook that
reads back with the same numbers; the spreadsheet bad inputs (tests/bad_inputs/spreadsheets.json)
raise ``chiso.DataError`` with the core's variant and message, as in Rust."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

import chiso
from _support import PCI_CSV, ROOT

XLSX = ROOT / "tests" / "data" / "xlsx"
SPREADSHEETS: list[dict[str, Any]] = json.loads(
    (ROOT / "tests" / "bad_inputs" / "spreadsheets.json").read_text(encoding="utf-8")
)["cases"]


def published(year: int) -> dict[str, tuple[float, int]]:
    with PCI_CSV.open(encoding="utf-8") as f:
        return {
            r["province"]: (float(r["pci_published"]), int(r["rank_published"]))
            for r in csv.DictReader(f)
            if r["year"] == str(year)
        }


@pytest.mark.parametrize(
    ("year", "sheet", "unit_column"), [(2018, "Summary", "Province"), (2014, "Summary_VN", "Tỉnh")]
)
def test_vcci_summaries_give_the_published_composites_and_ranks(
    year: int, sheet: str, unit_column: str
) -> None:
    path = XLSX / f"PCI_{year}_summary.xlsx"
    data, report = chiso.excel_sheet(path, sheet, spec="pci", unit_column=unit_column, year=year)
    frame = chiso.score("pci", data).to_pandas()
    expected = published(year)
    assert len(frame) == 63
    for unit, score, rank in zip(
        frame["unit"].tolist(), frame["score"].tolist(), frame["rank"].tolist()
    ):
        composite, published_rank = expected[unit]
        assert abs(score - composite) < 2e-5, unit
        assert rank == published_rank, unit
    assert report["sheet"] == sheet
    assert [n["row"] for n in report["notes"] if n["row"]][:2] == [66, 67]
    if year == 2018:
        written = {a["written"]: a["unit"] for a in report["unit_aliases"]}
        assert written["BRVT"] == "Bà Rịa - Vũng Tàu"
        transparency = next(c for c in report["columns"] if c["name"] == "transparency")
        assert (transparency["header"], transparency["matched_by"]) == (
            "Sub-Index 3: Transparency",
            "alias",
        )


def test_to_excel_reads_back_with_the_same_numbers(tmp_path: Path) -> None:
    data = chiso.read_excel(
        XLSX / "PCI_2018_summary.xlsx", "Summary", spec="pci", unit_column="Province", year=2018
    )
    out = tmp_path / "pci.xlsx"
    chiso.to_excel("pci", data, out)
    scores = chiso.score("pci", data, components=True).to_pandas().set_index("unit")
    index = chiso.read_excel(out, "Index")
    assert index.columns[:3] == ["pci", "pci_rank", "out_of"]
    for unit, value, rank in zip(index.units, index.values("pci"), index.values("pci_rank")):
        assert value == scores.loc[unit, "score"]  # the unrounded value, bit for bit
        assert rank == published(2018)[unit][1]
    level = chiso.read_excel(out, "Level 1", spec="pci", year=2018)
    for unit, value in zip(level.units, level.values("transparency")):
        assert value == scores.loc[unit, "transparency"]


def test_a_missing_year_is_a_clear_error(tmp_path: Path) -> None:
    # A single year in the file's name is the sheet's year (VCCI names its workbooks so).
    data = chiso.read_excel(XLSX / "PCI_2018_summary.xlsx", spec="pci", unit_column="Province")
    assert set(data.years or []) == {2018}
    # Without one, the year must be given.
    plain = tmp_path / "summary.xlsx"
    plain.write_bytes((XLSX / "PCI_2018_summary.xlsx").read_bytes())
    with pytest.raises(chiso.DataError) as caught:
        chiso.read_excel(plain, spec="pci", unit_column="Province")
    assert caught.value.variant == "NoYear"
    assert "year=2018" in str(caught.value)


@pytest.mark.parametrize("case", SPREADSHEETS, ids=[c["id"] for c in SPREADSHEETS])
def test_spreadsheet_bad_input(case: dict[str, Any]) -> None:
    expected = case["expect"]
    with pytest.raises(chiso.ChisoError) as caught:
        data = chiso.read_excel(
            ROOT / case["xlsx"],
            case.get("sheet"),
            spec=case["spec"],
            unit_column=case["unit_column"],
            year=case.get("year"),
        )
        chiso.score(case["spec"], data)
    error = caught.value
    assert isinstance(error, chiso.DataError)
    assert error.variant == expected["variant"]
    for part in expected["contains"]:
        assert part in str(error)
