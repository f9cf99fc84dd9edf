"""chiso.datasets: the bundled published tables by name, as DataFrames with their source and
licence, and scoring them reproduces what was published."""

from __future__ import annotations

import pytest

import chiso
from _support import PCI_CSV, ROOT


def test_list_names_every_table_with_source_and_licence() -> None:
    tables = chiso.datasets.list()
    assert [d.name for d in tables] == [
        "pci",
        "pci_top_2019_2020",
        "pci_indicators",
        "pci_indicator_names",
        "papi",
        "papi_subdimensions",
        "asem",
        "asem_meta",
        "provinces_2025",
        "provinces_2008",
    ]
    by_name = {d.name: d for d in tables}
    assert by_name["pci"].source.startswith("VCCI (Vietnam Chamber of Commerce and Industry)")
    assert "mdtrinh/vietnamdata" in by_name["pci"].source
    assert by_name["papi"].source.startswith("UNDP, CECODES and VFF-CRT")
    assert by_name["asem"].licence == "MIT (COINr, copyright 2022 William Becker)"
    assert by_name["provinces_2025"].licence.startswith("MIT OR Apache-2.0")
    assert chiso.datasets.info("papi") == by_name["papi"]


def test_pci_has_every_published_year_with_composite_and_rank() -> None:
    df = chiso.datasets.load("pci")
    assert df.shape == (442, 16)
    counts = df.groupby("year").size().to_dict()
    assert counts == {2006: 64, 2013: 63, 2014: 63, 2015: 63, 2016: 63, 2017: 63, 2018: 63}
    assert {"pci_published", "rank_published", "tier_published"} <= set(df.columns)
    assert str(df["rank_published"].dtype) == "int64"
    leaders = df[df["rank_published"] == 1].set_index("year")
    assert leaders["province"].to_dict() == {
        2006: "Bình Dương",
        2013: "Đà Nẵng",
        2014: "Đà Nẵng",
        2015: "Đà Nẵng",
        2016: "Đà Nẵng",
        2017: "Quảng Ninh",
        2018: "Quảng Ninh",
    }
    composites = leaders["pci_published"].to_dict()
    assert composites[2006] == 76.23340820540244
    assert round(composites[2018], 2) == 70.36
    # Every year's ranks are competition ranks of its composites (1 … n).
    for _, year in df.groupby("year"):
        expected = year["pci_published"].rank(method="min", ascending=False).astype(int)
        assert (expected == year["rank_published"]).all()
    assert df.attrs["name"] == "pci"
    assert df.attrs["source"].startswith("VCCI")
    assert df.attrs["licence"].startswith("published results of VCCI")
    assert df.attrs["columns"]["pci_published"] == "the weighted PCI composite as published"
    # The same table as the repository's file, digit for digit.
    import pandas as pd

    pd.testing.assert_frame_equal(df, pd.read_csv(PCI_CSV, keep_default_na=False, na_values=[""]))


def test_pci_scored_with_its_preset_reproduces_the_published_columns() -> None:
    df = chiso.datasets.load("pci")
    scores = chiso.score("pci", df, unit_column="province").to_pandas()
    merged = scores.merge(df, left_on=["unit", "year"], right_on=["province", "year"])
    assert len(merged) == 442
    assert (merged["score"] - merged["pci_published"]).abs().max() < 2e-5
    assert (merged["rank"] == merged["rank_published"]).all()


def test_other_tables() -> None:
    asem = chiso.datasets.load("asem")
    assert asem.shape == (51, 55)
    assert asem["uCode"].iloc[0] == "AUT"
    assert int(asem.isna().sum().sum()) == 63  # the 63 missing cells of COINr's ASEM_iData
    papi = chiso.datasets.load("papi")
    assert sorted(papi["year"].unique().tolist()) == [
        2011,
        2012,
        2013,
        2016,
        2019,
        2021,
        2022,
        2023,
        2024,
    ]
    units = chiso.datasets.load("provinces_2025")
    assert units["new_province"].nunique() == 34
    text = chiso.datasets.csv_text("provinces_2008")
    assert text == (ROOT / "crates" / "chiso" / "units" / "provinces_2008.csv").read_text("utf-8")


def test_unknown_name_lists_the_known_ones() -> None:
    with pytest.raises(chiso.DataError) as caught:
        chiso.datasets.load("PCI")
    assert str(caught.value).startswith(
        "no bundled dataset 'PCI'; available datasets: pci, pci_top_2019_2020, pci_indicators"
    )
    assert caught.value.variant == "UnknownDataset"
    with pytest.raises(chiso.DataError, match="available datasets"):
        chiso.datasets.info("nope")
