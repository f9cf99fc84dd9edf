"""chiso.plot: every chart drawn with the Agg backend, checked by the data it drew."""

from __future__ import annotations

import math
import sys
from typing import Any, cast

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.cbook import is_math_text  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

import chiso  # noqa: E402
import chiso.plot  # noqa: E402
from _support import PCI_CSV  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures() -> Any:
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def scores() -> chiso.Scores:
    return chiso.score("pci", PCI_CSV, unit_column="province")


@pytest.fixture(scope="module")
def nam_dinh() -> Any:
    return chiso.diagnose("pci", PCI_CSV, "Nam Định", year=2016, unit_column="province")


def bars(ax: Any) -> list[Rectangle]:
    return [p for p in ax.patches if isinstance(p, Rectangle)]


def test_radar_draws_the_unit_the_median_and_the_best(nam_dinh: Any) -> None:
    ax = chiso.plot.radar(nam_dinh)
    components = nam_dinh["components"]
    assert len(components) == 10
    unit, median, leader = ax.get_lines()[:3]
    for line, field in ((unit, "score"), (median, "median"), (leader, "leader")):
        values = [c[field] for c in components]
        assert np.asarray(line.get_ydata()).tolist() == values + values[:1]  # closed, unrounded
        angles = np.asarray(line.get_xdata()).tolist()
        assert angles[0] == angles[-1] == 0.0 and len(angles) == 11
    assert unit.get_label() == "Nam Định" and median.get_label() == "median"
    labels = [t.get_text().replace("\n", " ") for t in ax.get_xticklabels()]
    assert labels == [c["label"]["en"] for c in components]
    assert ax.name == "polar" and ax.get_ylim()[0] == 0
    assert "Nam Định · PCI · 2016" in ax.figure.texts[0].get_text() or any(
        "Nam Định · PCI · 2016" in t.get_text() for t in ax.figure.texts
    )
    vi = chiso.plot.radar(nam_dinh, lang="vi")
    assert vi.get_lines()[1].get_label() == "trung vị"
    assert "Tiếp cận đất đai" in [t.get_text().replace("\n", " ") for t in vi.get_xticklabels()]


def test_radar_on_given_axes_and_errors(nam_dinh: Any) -> None:
    figure = plt.figure()
    polar = figure.add_subplot(projection="polar")
    assert chiso.plot.radar(nam_dinh, ax=polar, title="T") is polar
    with pytest.raises(ValueError, match="lang must be"):
        chiso.plot.radar(nam_dinh, lang="fr")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="no sub-indices"):
        chiso.plot.radar(cast(Any, {**nam_dinh, "components": []}))
    with pytest.raises(TypeError, match="polar"):
        chiso.plot.radar(nam_dinh, ax=plt.figure().add_subplot())


def test_ranking_bar_widths_are_the_scores_in_rank_order(scores: chiso.Scores) -> None:
    ax = chiso.plot.ranking(scores, year=2016, highlight=["Nam Định"])
    year = scores["year"] == 2016
    order = np.argsort(scores["rank"][year], kind="stable")
    expected = scores["score"][year][order]
    drawn = bars(ax)
    assert len(drawn) == 63
    assert [b.get_width() for b in drawn] == expected.tolist()
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == "1. Đà Nẵng" and labels[29] == "30. Nam Định"
    assert to_hex(drawn[29].get_facecolor()) == chiso.plot.UNIT
    assert to_hex(drawn[0].get_facecolor()) == chiso.plot.BARS
    assert ax.get_xlim()[0] == 0  # bars start at zero
    assert [t.get_text() for t in ax.texts][:2] == ["70.00", "65.60"]  # 2 decimals shown
    assert ax.get_title() == "PCI 2016"


def test_ranking_top_keeps_ties_and_single_year_needs_no_year() -> None:
    spec = chiso.Spec.from_dict(
        {"id": "demo", "root": "t", "nodes": [{"id": "t", "children": ["x"]}, {"id": "x"}]}
    )
    scores = chiso.score(spec, {"unit": ["A", "B", "C", "D"], "x": [3.0, 2.0, 2.0, 1.0]})
    ax = chiso.plot.ranking(scores, top=2)
    assert [b.get_width() for b in bars(ax)] == [3.0, 2.0, 2.0]  # B and C tie for 2nd
    assert [t.get_text() for t in ax.get_yticklabels()] == ["1. A", "2. B", "2. C"]


def test_ranking_errors(scores: chiso.Scores) -> None:
    with pytest.raises(ValueError, match="several years"):
        chiso.plot.ranking(scores)
    with pytest.raises(ValueError, match="no scores for 2010"):
        chiso.plot.ranking(scores, year=2010)
    with pytest.raises(ValueError, match="not in the scores: Atlantis"):
        chiso.plot.ranking(scores, year=2016, highlight=["Atlantis"])
    with pytest.raises(ValueError, match="top must be"):
        chiso.plot.ranking(scores, year=2016, top=0)
    with pytest.raises(TypeError, match="chiso.Scores"):
        chiso.plot.ranking(scores.to_pandas(), year=2016)  # type: ignore[arg-type]


def test_bump_lines_are_the_ranks_by_year(scores: chiso.Scores) -> None:
    units = ["Nam Định", "Đà Nẵng", "Hà Tây"]
    ax = chiso.plot.bump(scores, units)
    lines = ax.get_lines()
    assert [line.get_label() for line in lines] == units
    years = [2006, 2013, 2014, 2015, 2016, 2017, 2018]
    frame = scores.to_pandas()
    for line, unit in zip(lines, units):
        assert np.asarray(line.get_xdata()).tolist() == years
        ranks = frame[frame.unit == unit].set_index("year")["rank"]
        expected = [float(ranks[y]) if y in ranks.index else math.nan for y in years]
        np.testing.assert_array_equal(np.asarray(line.get_ydata(), dtype=float), expected)
    # Hà Tây merged into Hà Nội in 2008: ranked in 2006 only, a gap after.
    assert np.isnan(np.asarray(lines[2].get_ydata(), dtype=float)[1:]).all()
    low, high = ax.get_ylim()
    assert low > high and high == 0  # rank 1 at the top


def test_bump_errors(scores: chiso.Scores) -> None:
    with pytest.raises(ValueError, match="not in the scores: Atlantis"):
        chiso.plot.bump(scores, ["Nam Định", "Atlantis"])
    with pytest.raises(ValueError, match="list of one or more"):
        chiso.plot.bump(scores, "Nam Định")
    one_year = chiso.score("pci", PCI_CSV, unit_column="province", year=2016)
    with pytest.raises(ValueError, match="at least two years"):
        chiso.plot.bump(one_year, ["Nam Định"])


def test_waterfall_steps_are_the_decomposition(nam_dinh: Any) -> None:
    ax = chiso.plot.waterfall(nam_dinh)
    parts = nam_dinh["decomposition"]
    contributions = [points for _, points in parts["contributions"]]
    assert parts["weight_effect"] == 0  # 2015 and 2016 share an edition
    drawn = bars(ax)
    assert len(drawn) == len(contributions) + 2
    assert drawn[0].get_y() == 0 and drawn[0].get_height() == nam_dinh["previous_score"]
    level = nam_dinh["previous_score"]
    for bar, change in zip(drawn[1:-1], contributions):
        assert bar.get_height() == change and bar.get_y() == level
        colour = chiso.plot.UP if change >= 0 else chiso.plot.DOWN
        assert to_hex(bar.get_facecolor()) == colour
        level += change
    assert drawn[-1].get_height() == nam_dinh["score"]
    assert abs(level - nam_dinh["score"]) < 1e-9  # the steps end at this year's score
    names = [t.get_text().replace("\n", " ") for t in ax.get_xticklabels()]
    assert names[0] == "2015" and names[-1] == "2016" and names[2] == "Land access"


def test_waterfall_shows_changed_weights_between_editions() -> None:
    d = chiso.diagnose(
        "pci", PCI_CSV, "Nam Định", year=2013, previous_year=2006, unit_column="province"
    )
    parts = d["decomposition"]
    assert parts is not None and parts["weight_effect"] != 0
    ax = chiso.plot.waterfall(d, lang="vi")
    drawn = bars(ax)
    assert drawn[-2].get_height() == pytest.approx(parts["weight_effect"], abs=1e-12)
    assert [t.get_text() for t in ax.get_xticklabels()][-2] == "thay đổi\ntrọng số"
    assert abs(drawn[-2].get_y() + drawn[-2].get_height() - d["score"]) < 1e-9


def test_waterfall_needs_a_previous_year() -> None:
    d = chiso.diagnose("pci", PCI_CSV, "Nam Định", year=2006, unit_column="province")
    assert d["decomposition"] is None
    with pytest.raises(ValueError, match="no year-over-year decomposition"):
        chiso.plot.waterfall(d)


def test_charts_need_matplotlib(monkeypatch: pytest.MonkeyPatch, nam_dinh: Any) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
    with pytest.raises(ImportError, match=r"chiso\[plot\]"):
        chiso.plot.radar(nam_dinh)


def test_names_with_dollar_signs_draw_as_written() -> None:
    # matplotlib reads text between two $ as math: unescaped, "$\frac$" fails to draw and
    # "$x^2$" draws as a formula. Unit names and labels show as written.
    names = ["a $\\frac$ b", "$x^2$ Hà Nội", "cost $5", "Huế"]
    spec = chiso.Spec.from_dict(
        {
            "id": "d",
            "root": "t",
            "nodes": [
                {"id": "t", "children": ["a", "b", "c"]},
                {"id": "a", "label": {"vi": "$\\sqrt$ a", "en": "$\\sqrt$ a"}},
                {"id": "b"},
                {"id": "c"},
            ],
        }
    )
    data = {
        "unit": names * 2,
        "year": [2019] * 4 + [2020] * 4,
        "a": [1.0, 2.0, 3.0, 4.0, 2.0, 1.0, 4.0, 3.0],
        "b": [2.0, 2.0, 2.0, 2.0, 3.0, 3.0, 3.0, 3.0],
        "c": [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0],
    }
    scores = chiso.score(spec, data)

    def shown(text: Any) -> tuple[str, bool]:
        """What matplotlib draws for a Text: the string and whether it is math."""
        return cast(tuple[str, bool], text._preprocess_math(text.get_text()))

    ax = chiso.plot.ranking(scores, year=2020)
    ax.figure.canvas.draw()
    assert [shown(t) for t in ax.get_yticklabels()] == [
        ("1. cost $5", False),
        ("2. Huế", False),
        ("3. a $\\frac$ b", False),
        ("4. $x^2$ Hà Nội", False),
    ]
    ax = chiso.plot.bump(scores, names[:2])
    ax.figure.canvas.draw()
    assert [shown(t)[0] for t in ax.texts] == [" a $\\frac$ b", " $x^2$ Hà Nội"]
    diagnosis = chiso.diagnose(spec, data, names[0], year=2020)
    radar = chiso.plot.radar(diagnosis)
    radar.figure.canvas.draw()
    assert [shown(t)[0] for t in radar.get_xticklabels()] == ["$\\sqrt$ a", "b", "c"]
    heading = cast(Any, radar.figure).get_suptitle()
    assert heading == "a \\$\\frac\\$ b · D · 2020" and not is_math_text(heading)
    waterfall = chiso.plot.waterfall(diagnosis)
    waterfall.figure.canvas.draw()
    assert shown(waterfall.title) == ("a $\\frac$ b: D 2019 → 2020", False)
