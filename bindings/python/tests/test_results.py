"""Results objects: display (text and HTML, rounded), data (full precision), pandas and
polars, wide and long, selection; diacritics from input to every output."""

from __future__ import annotations

import unicodedata
from typing import Any

import numpy as np
import pandas as pd
import polars as pl
import pytest

import chiso
from _support import PCI_CSV


@pytest.fixture(scope="module")
def scores() -> chiso.Scores:
    return chiso.score("pci", PCI_CSV, unit_column="province", components=True)


@pytest.fixture(scope="module")
def y2016() -> chiso.Scores:
    return chiso.score("pci", PCI_CSV, unit_column="province", year=2016)


def test_text_display_rounds_and_elides(y2016: chiso.Scores) -> None:
    text = repr(y2016)
    lines = text.splitlines()
    assert lines[0] == "chiso.Scores: pci, 2016, 63 units, 63 rows"
    assert lines[1].split() == ["unit", "year", "score", "rank", "tier"]
    assert lines[2].split() == ["Đà", "Nẵng", "2016", "70.00", "1", "Rất", "tốt"]
    assert "… 48 more rows …" in text and "Cao Bằng" in lines[-2]
    assert len(lines) == 2 + 10 + 1 + 5 + 1
    # Full precision in the data, 2 decimals on screen.
    assert y2016["score"][0] == pytest.approx(70.001394, abs=1e-6)
    assert "70.001" not in text


def test_html_display(y2016: chiso.Scores) -> None:
    page = y2016._repr_html_()
    assert page.count("<tr>") == 1 + 15 + 1  # header, shown rows, the elision row
    assert "<td>Đà Nẵng</td>" in page
    assert '<td style="text-align: right">70.00</td>' in page
    assert "48 more rows" in page and "full precision" in page
    spec = chiso.Spec.from_dict(
        {"id": "d", "root": "t", "nodes": [{"id": "t", "children": ["x"]}, {"id": "x"}]}
    )
    tricky = chiso.score(spec, {"unit": ["<b>A&B</b>"], "x": [1.0]})
    assert "&lt;b&gt;A&amp;B&lt;/b&gt;" in tricky._repr_html_()
    assert "<b>A" not in tricky._repr_html_()


def test_wide_columns_and_dtypes(scores: chiso.Scores) -> None:
    frame = scores.to_pandas()
    assert frame.columns[:6].tolist() == ["unit", "year", "score", "rank", "tier", "tier_en"]
    assert frame["year"].dtype == np.int64 and frame["rank"].dtype == np.int64
    assert frame["policy_bias_rank"].dtype == np.int64
    assert frame.attrs == {"index": "pci", "precision": 2}
    polars = scores.to_polars()
    assert polars.columns == frame.columns.tolist()
    assert polars.schema["unit"] == pl.String and polars.schema["rank"] == pl.Int64
    assert polars.schema["policy_bias"] == pl.Float64
    assert polars["policy_bias"].null_count() == 0
    assert polars["score"].to_list() == frame["score"].tolist()
    assert scores.columns == frame.columns.tolist() and len(scores) == 442
    assert scores.stages == ["score"] and scores.root == "pci"
    assert scores.nodes[:2] == ["entry_costs", "land_access"]
    assert scores.years == [2006, 2013, 2014, 2015, 2016, 2017, 2018]


def test_long_shape(scores: chiso.Scores) -> None:
    long = scores.to_pandas("long")
    assert long.columns.tolist() == ["unit", "year", "node", "score", "rank"]
    assert len(long) == 442 * 11  # the headline and ten sub-indices of every row
    assert long["rank"].dtype == np.int64 and not long["score"].isna().any()
    wide = scores.to_pandas()
    row = long[(long.unit == "Nam Định") & (long.year == 2016) & (long.node == "land_access")]
    expected = wide[(wide.unit == "Nam Định") & (wide.year == 2016)].iloc[0]
    assert row["score"].item() == expected["land_access"]
    assert row["rank"].item() == expected["land_access_rank"]
    headline = long[long.node == "pci"].reset_index(drop=True)
    assert headline["score"].tolist() == wide["score"].tolist()
    polars = scores.to_polars("long")
    assert polars.shape == long.shape and polars["node"].to_list() == long["node"].tolist()
    assert scores.to_pandas("wide", stage="score").equals(wide)
    with pytest.raises(ValueError, match="no stage 'normalised'; stages: score"):
        scores.to_pandas("long", stage="normalised")
    with pytest.raises(ValueError, match="shape must be"):
        scores.to_pandas("tall")  # type: ignore[arg-type]


def test_nodes_absent_from_an_edition_are_missing() -> None:
    """2010 (nine sub-indices, no policy_bias) scored with 2013 in one call."""
    frame = pd.read_csv(PCI_CSV)
    later = frame[frame.year == 2013]
    earlier = later.assign(year=2010, policy_bias=np.nan)
    scores = chiso.score(
        "pci", pd.concat([earlier, later]), unit_column="province", components=True
    )
    wide = scores.to_pandas()
    assert str(wide["policy_bias_rank"].dtype) == "Int64"
    assert wide[wide.year == 2010]["policy_bias"].isna().all()
    assert wide[wide.year == 2013]["policy_bias"].notna().all()
    assert scores.to_polars()["policy_bias_rank"].null_count() == 63
    long = scores.to_pandas("long")
    assert len(long) == 63 * 10 + 63 * 11  # no rows for the node a year lacks
    assert scores.to_dict()["policy_bias_rank"][0] is None


def test_headline_only_long_shape(y2016: chiso.Scores) -> None:
    long = y2016.to_polars("long")
    assert long.shape == (63, 5) and set(long["node"].to_list()) == {"pci"}


def test_top_and_column_access(scores: chiso.Scores, y2016: chiso.Scores) -> None:
    best = y2016.top(3)
    assert best["unit"].tolist() == ["Đà Nẵng", "Quảng Ninh", "Đồng Tháp"]
    assert best["rank"].tolist() == [1, 2, 3] and len(best) == 3
    assert scores.top(2, year=2013)["unit"].tolist() == ["Đà Nẵng", "Thừa Thiên Huế"]
    assert scores.top(1, year=2013).to_pandas()["land_access"].notna().all()
    with pytest.raises(ValueError, match="several years"):
        scores.top(5)
    with pytest.raises(ValueError, match="no rows for 2010"):
        scores.top(5, year=2010)
    assert len(y2016.top(0)) == 0
    with pytest.raises(KeyError, match="no column 'points'"):
        y2016["points"]
    assert y2016["rank"].dtype == np.int64 and y2016["unit"].dtype == object


def test_ties_share_a_rank_and_top_keeps_them() -> None:
    spec = chiso.Spec.from_dict(
        {"id": "d", "root": "t", "nodes": [{"id": "t", "children": ["x"]}, {"id": "x"}]}
    )
    scores = chiso.score(spec, {"unit": ["C", "A", "B"], "x": [2.0, 3.0, 2.0]})
    assert scores["rank"].tolist() == [2, 1, 2]
    assert scores.top(2)["unit"].tolist() == ["A", "B", "C"]
    assert scores.to_dict() == {
        "unit": ["C", "A", "B"],
        "year": [None, None, None],
        "score": [2.0, 3.0, 2.0],
        "rank": [2, 1, 2],
    }
    assert "year" not in repr(scores).splitlines()[1]


def test_comparison_display_and_long(scores: chiso.Scores) -> None:
    change = chiso.compare("pci", PCI_CSV, from_year=2006, to_year=2013, unit_column="province")
    text = repr(change)
    assert text.startswith("chiso.Comparison: pci, 2006 → 2013, 64 units")
    assert "only_from" in text and "Hà Tây" in text
    assert change.from_year == 2006 and change.to_year == 2013
    long = change.to_pandas("long")
    assert long.columns.tolist() == ["unit", "year", "score", "rank", "tier", "tier_en"]
    assert len(long) == 64 + 63  # Hà Tây in 2006 only, merged into Hà Nội in 2008
    assert set(long[long.unit == "Hà Tây"]["year"]) == {2006}
    frame = scores.to_pandas()
    wide = frame[frame.year == 2013].set_index("unit")
    got = long[long.year == 2013].set_index("unit")
    assert (got.loc[wide.index, "rank"] == wide["rank"]).all()
    assert change.to_polars("long").shape == long.shape
    assert change.to_pandas().attrs["from_year"] == 2006
    with pytest.raises(ValueError, match="no stages"):
        change.to_pandas(stage="score")
    assert "<caption>chiso.Comparison: pci, 2006 → 2013, 64 units</caption>" in (
        change._repr_html_()
    )


def test_diacritics_survive_every_round_trip(tmp_path: Any) -> None:
    name = "Thừa Thiên Huế"
    nfd = unicodedata.normalize("NFD", name)
    assert nfd != name
    frame = pd.read_csv(PCI_CSV)
    frame = frame[frame.year == 2016].replace({"province": {name: nfd}})
    polars = pl.DataFrame([pl.Series(str(c), frame[c].to_numpy()) for c in frame.columns])
    for data in (frame, polars):
        scores = chiso.score("pci", data, unit_column="province", components=True)
        assert name in scores["unit"].tolist()
        assert name in scores.to_pandas()["unit"].tolist()
        assert name in scores.to_polars("long")["unit"].to_list()
        few = chiso.score("pci", data, unit_column="province", components=True).top(63)
        assert name in few["unit"].tolist()
        shown = chiso.score(
            "pci", frame[frame.province.isin([nfd, "Hà Nội"])], unit_column="province"
        )
        assert name in repr(shown) and name in shown._repr_html_()
        # Back in as data: the output of one call is the input of the next.
        again = chiso.score("pci", scores.to_pandas()[["unit", "year", *scores.nodes]])
        assert again.to_dict()["score"] == scores.to_dict()["score"]
    path = tmp_path / "out.csv"
    chiso.score("pci", frame, unit_column="province").to_pandas().to_csv(path, index=False)
    assert name in path.read_text(encoding="utf-8")
    spec = chiso.preset("pci", 2016)
    assert chiso.Spec.from_dict(spec.to_dict()).label["vi"] == spec.label["vi"]
    assert "Chỉ số Năng lực Cạnh tranh cấp tỉnh" == spec.label["vi"]


def test_display_rounds_half_away_from_zero_like_the_cli() -> None:
    """The text display uses the core's formatter: 0.125 → 0.13 and 2.675 → 2.68, as the CLI
    and JS print them (Python's own formatting gives 0.12 and 2.67)."""
    spec = chiso.Spec.from_dict(
        {"id": "t", "root": "t", "nodes": [{"id": "t", "children": ["x"]}, {"id": "x"}]}
    )
    scores = chiso.score(spec, {"unit": ["A", "B"], "x": [0.125, 2.675]})
    text = repr(scores)
    assert "0.13" in text and "2.68" in text, text
    assert f"{0.125:.2f}" == "0.12" and f"{2.675:.2f}" == "2.67"
    assert chiso._chiso.format_numbers([0.125, None, float("nan"), -0.001], 2, True) == [
        "0,13",
        "",
        "",
        "0,00",
    ]
