"""Charts of chiso results with matplotlib (``pip install 'chiso[plot]'``).

Each function draws on ``ax`` (or on a new figure) and returns the matplotlib Axes; its
``.figure`` is the Figure to save. The numbers drawn are the results' own, unrounded:

- :func:`radar` — a unit's sub-indices against the median and the best score of each;
- :func:`ranking` — scores of one year as bars, best first;
- :func:`bump` — rank over the years for chosen units;
- :func:`position` — a unit's place in the field of every index of a :func:`chiso.profile`
  (100 = first, 0 = last) and its movement since the previous year;
- :func:`waterfall` — the year's change of the composite, sub-index by sub-index (the core's
  decomposition in :func:`chiso.diagnose`).

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import chiso, chiso.plot
>>> spec = chiso.Spec.from_dict({"id": "demo", "root": "total", "nodes": [
...     {"id": "total", "children": ["x", "y"]}, {"id": "x"}, {"id": "y"}]})
>>> scores = chiso.score(spec, {"unit": ["A", "B"], "x": [1.0, 3.0], "y": [2.0, 4.0]})
>>> ax = chiso.plot.ranking(scores)
>>> [float(bar.get_width()) for bar in ax.patches]
[3.5, 1.5]
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from chiso._results import Scores

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.projections.polar import PolarAxes  # noqa: F401 (for the annotation)

    from chiso._chiso import _Diagnosis
    from chiso._profile import Profile

__all__ = ["bump", "position", "radar", "ranking", "waterfall"]

Lang = Literal["vi", "en"]

UNIT = "#c0392b"  # the unit diagnosed or highlighted
MEDIAN = "#7f8c8d"
LEADER = "#16a085"
BARS = "#5b7fa6"
UP = "#2e8b57"
DOWN = "#c0392b"
TOTAL = "#34495e"

_WORDS = {
    "median": {"vi": "trung vị", "en": "median"},
    "leader": {"vi": "cao nhất mỗi chỉ số", "en": "best on each sub-index"},
    "score": {"vi": "điểm", "en": "score"},
    "rank": {"vi": "thứ hạng", "en": "rank"},
    "weights": {"vi": "thay đổi trọng số", "en": "weight changes"},
}


def _pyplot() -> Any:
    try:
        import matplotlib.pyplot as plt
    except ImportError:
        raise ImportError("chiso.plot needs matplotlib: pip install 'chiso[plot]'") from None
    return plt


def _word(key: str, lang: Lang) -> str:
    return _WORDS[key][lang]


def _check_lang(lang: str) -> None:
    if lang not in ("vi", "en"):
        raise ValueError(f"lang must be 'vi' or 'en', not {lang!r}")


def radar(
    diagnosis: _Diagnosis,
    *,
    lang: Lang = "en",
    ax: Axes | None = None,
    title: str | None = None,
) -> PolarAxes:
    """A radar (spider) chart of a unit's sub-indices, from :func:`chiso.diagnose`: the unit's
    scores, the median of all units and the best score of each sub-index, on a common radial
    axis from 0. ``ax``, when given, must be polar (``add_subplot(projection="polar")``).

    Returns the polar Axes; its lines are, in order, the unit, the median and the best scores
    (each closed: the first point repeated at the end).
    """
    _check_lang(lang)
    plt = _pyplot()
    components = diagnosis["components"]
    if not components:
        raise ValueError("the diagnosis has no sub-indices to draw")
    from matplotlib.projections.polar import PolarAxes

    if ax is None:
        figure = plt.figure(figsize=(8, 8))
        ax = figure.add_axes((0.17, 0.16, 0.66, 0.66), projection="polar")
    if not isinstance(ax, PolarAxes):
        raise TypeError("radar draws on polar axes: figure.add_subplot(projection='polar')")
    n = len(components)
    angles = [2 * math.pi * i / n for i in range(n)] + [0.0]
    series = [
        (_literal(diagnosis["unit"]), [c["score"] for c in components], UNIT, "-", 2.4),
        (_word("median", lang), [c["median"] for c in components], MEDIAN, "--", 1.5),
        (_word("leader", lang), [c["leader"] for c in components], LEADER, ":", 1.8),
    ]
    for label, values, colour, style, width in series:
        closed = values + values[:1]
        ax.plot(angles, closed, color=colour, linestyle=style, linewidth=width, label=label)
    unit_values = series[0][1]
    ax.fill(angles, unit_values + unit_values[:1], color=UNIT, alpha=0.12)
    ax.set_theta_offset(math.pi / 2)
    ax.set_theta_direction(-1)
    ax.set_xticks(angles[:-1])
    ax.set_xticklabels([_literal(_wrap(c["label"][lang])) for c in components], fontsize=10)
    ax.tick_params(axis="x", pad=12)
    top = max(max(v) for _, v, *_ in series)
    ax.set_ylim(0, math.ceil(top))
    ax.set_rlabel_position(180 / n)  # radial numbers between the first two spokes
    ax.tick_params(axis="y", labelsize=8, colors="#777777")
    ax.grid(color="#dddddd")
    year = diagnosis["year"]
    heading = title or " · ".join(
        _literal(part)
        for part in (diagnosis["unit"], diagnosis["index"].upper(), year)
        if part is not None
    )
    words = {"vi": ("điểm", "hạng"), "en": ("score", "rank")}[lang]
    figure = ax.figure
    figure.suptitle(heading, y=0.97, fontsize=15, fontweight="bold")
    figure.text(
        0.5,
        0.915,
        f"{words[0]} {diagnosis['score']:.2f} · "
        f"{words[1]} {diagnosis['rank']}/{diagnosis['out_of']}",
        ha="center",
        fontsize=11,
        color="#555555",
    )
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=3, fontsize=10, frameon=False)
    return ax


def _literal(text: object) -> str:
    """A unit name, label or id as matplotlib text that shows as written: ``$`` escaped, so
    that a name such as ``a $\\frac$ b`` is neither rendered as math nor fails to draw."""
    return str(text).replace("$", r"\$")


def _wrap(text: str, width: int = 16) -> str:
    """Breaks a label onto two lines at a space near the middle when it is long."""
    if len(text) <= width or " " not in text:
        return text
    middle = len(text) // 2
    spaces = [i for i, ch in enumerate(text) if ch == " "]
    cut = min(spaces, key=lambda i: abs(i - middle))
    return text[:cut] + "\n" + text[cut + 1 :]


def _year_rows(scores: Scores, year: int | None) -> np.ndarray[Any, Any]:
    years = scores.years
    if year is None:
        if len(years) > 1:
            raise ValueError(f"the scores cover several years ({years[0]}–{years[-1]}); give year=")
        return np.arange(len(scores))
    if year not in years:
        raise ValueError(f"no scores for {year}; years: {', '.join(map(str, years)) or 'none'}")
    return np.flatnonzero(scores["year"] == year)


def ranking(
    scores: Scores,
    *,
    year: int | None = None,
    top: int | None = None,
    highlight: Iterable[str] = (),
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """Horizontal bars of the scores of ``year`` (or of the only year), best at the top, each
    labelled with its score at the index's precision; ``top`` keeps the best ``top`` rows
    (ties included), ``highlight`` colours the named units.

    Returns the Axes; its bars (``ax.patches``) are in rank order, their widths the scores.
    """
    if not isinstance(scores, Scores):
        raise TypeError(
            f"scores must be chiso.Scores (from chiso.score), not {type(scores).__name__}"
        )
    plt = _pyplot()
    rows = _year_rows(scores, year)
    rank = scores["rank"][rows]
    units = scores["unit"][rows]
    values = scores["score"][rows]
    order = np.lexsort((units.astype(str), rank))
    if top is not None:
        if top < 1:
            raise ValueError(f"top must be at least 1, not {top}")
        order = order[rank[order] <= rank[order][min(top, len(order)) - 1]]
    marked = set(highlight)
    unknown = marked - set(units.tolist())
    if unknown:
        raise ValueError(f"units to highlight are not in the scores: {', '.join(sorted(unknown))}")
    if ax is None:
        figure = plt.figure(figsize=(8, max(2.5, 0.26 * len(order) + 1.2)), layout="constrained")
        ax = figure.add_subplot()
    labels = [f"{int(r)}. {_literal(u)}" for r, u in zip(rank[order], units[order])]
    colours = [UNIT if u in marked else BARS for u in units[order]]
    positions = np.arange(len(order))
    bars = ax.barh(positions, values[order], color=colours, height=0.72)
    ax.set_yticks(positions, labels, fontsize=8 if len(order) > 30 else 10)
    ax.invert_yaxis()
    ax.bar_label(
        bars, labels=[f"{v:.{scores.precision}f}" for v in values[order]], padding=3, fontsize=8
    )
    # Bars start at zero, so their lengths compare as the scores do; the labels carry the
    # differences.
    high = float(values[order].max()) if len(order) else 1.0
    ax.set_xlim(0, high * 1.1)
    ax.margins(y=0.01)
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_xlabel("score")
    shown_year = int(scores["year"][rows][0]) if scores.years and len(rows) else None
    ax.set_title(
        title or " ".join(_literal(p) for p in (scores.index.upper(), shown_year) if p is not None),
        fontweight="bold",
    )
    return ax


def bump(
    scores: Scores,
    units: Sequence[str],
    *,
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """Rank over the years of the chosen ``units`` (rank 1 at the top), one line per unit,
    labelled at its last year; a year a unit was not ranked leaves a gap.

    Returns the Axes; line ``i`` is ``units[i]``, with the years as x and the ranks as y.
    """
    if not isinstance(scores, Scores):
        raise TypeError(
            f"scores must be chiso.Scores (from chiso.score), not {type(scores).__name__}"
        )
    years = scores.years
    if len(years) < 2:
        raise ValueError("a bump chart needs scores of at least two years")
    if isinstance(units, str) or not units:
        raise ValueError("give a list of one or more unit names")
    known = set(scores["unit"].tolist())
    unknown = [u for u in units if u not in known]
    if unknown:
        raise ValueError(f"units not in the scores: {', '.join(unknown)}")
    plt = _pyplot()
    if ax is None:
        figure = plt.figure(figsize=(8, 4.8), layout="constrained")
        ax = figure.add_subplot()
    all_units = scores["unit"]
    all_years = scores["year"]
    ranks = scores["rank"]
    colours = plt.get_cmap("tab10")
    worst = 1
    for i, unit in enumerate(units):
        by_year = {
            int(y): int(r) for y, r in zip(all_years[all_units == unit], ranks[all_units == unit])
        }
        ys = [float(by_year[y]) if y in by_year else math.nan for y in years]
        worst = max([worst, *by_year.values()])
        colour = colours(i % 10)
        ax.plot(years, ys, marker="o", linewidth=2, color=colour, label=_literal(unit))
        last = max(by_year)
        ax.annotate(
            f" {_literal(unit)}",
            (last, by_year[last]),
            color=colour,
            va="center",
            fontsize=9,
            annotation_clip=False,
        )
    ax.set_ylim(worst + 1, 0)
    span = years[-1] - years[0]
    ax.set_xlim(years[0] - span * 0.03, years[-1] + span * 0.2)  # room for the labels
    ax.set_xticks(years)
    ax.set_ylabel("rank")
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="y", color="#eeeeee")
    index = _literal(scores.index.upper())
    ax.set_title(title or f"{index} rank, {years[0]}–{years[-1]}", fontweight="bold")
    return ax


def waterfall(
    diagnosis: _Diagnosis,
    *,
    lang: Lang = "en",
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """How the composite moved from the previous year to this one, sub-index by sub-index:
    a bar for the previous score, one floating bar per sub-index's contribution (the core's
    decomposition in :func:`chiso.diagnose`), one for the effect of changed weights when an
    edition changed them, and a bar for this year's score.

    Returns the Axes; ``ax.patches`` are those bars in that order (heights: the scores and the
    contributions, negative for a fall; each floating bar starts where the previous ended).
    """
    _check_lang(lang)
    parts = diagnosis["decomposition"]
    previous = diagnosis["previous_score"]
    if parts is None or previous is None:
        raise ValueError(
            "the diagnosis has no year-over-year decomposition: give data with the previous "
            "year (and a weighted-mean or weighted-sum index)"
        )
    plt = _pyplot()
    labels_by_id = {c["id"]: c["label"][lang] for c in diagnosis["components"]}
    steps: list[tuple[str, float]] = [
        (labels_by_id.get(str(i), str(i)), float(v)) for i, v in parts["contributions"]
    ]
    if abs(parts["weight_effect"]) > 1e-12:
        steps.append((_word("weights", lang), float(parts["weight_effect"])))
    if ax is None:
        figure = plt.figure(figsize=(max(7.0, 0.8 * len(steps) + 3), 4.8), layout="constrained")
        ax = figure.add_subplot()
    year, before = diagnosis["year"], diagnosis["previous_year"]
    names = [str(before)] + [_literal(_wrap(label, 12)) for label, _ in steps] + [str(year)]
    ax.bar(0, previous, color=TOTAL, width=0.7)
    level = float(previous)
    for x, (_, change) in enumerate(steps, start=1):
        ax.bar(x, change, bottom=level, color=UP if change >= 0 else DOWN, width=0.7)
        level += change
    ax.bar(len(steps) + 1, diagnosis["score"], color=TOTAL, width=0.7)
    for bar, value in zip(ax.patches, [previous] + [c for _, c in steps] + [diagnosis["score"]]):
        top = bar.get_y() + max(bar.get_height(), 0)
        text = f"{value:.2f}" if bar.get_y() == 0 else f"{value:+.2f}"
        ax.annotate(
            text,
            (bar.get_x() + bar.get_width() / 2, top),
            ha="center",
            va="bottom",
            fontsize=8,
            xytext=(0, 2),
            textcoords="offset points",
        )
    heights = [previous, diagnosis["score"]]
    running = float(previous)
    for _, change in steps:
        running += change
        heights.append(running)
    low, high = min(heights), max(heights)
    ax.set_ylim(max(0.0, low - (high - low) * 1.5 - 1), high + (high - low) * 0.3 + 0.5)
    ax.set_xticks(range(len(names)), names, rotation=35, ha="right", fontsize=8)
    ax.set_ylabel(_word("score", lang))
    ax.spines[["top", "right"]].set_visible(False)
    unit, index = _literal(diagnosis["unit"]), _literal(diagnosis["index"].upper())
    ax.set_title(title or f"{unit}: {index} {before} → {year}", fontweight="bold")
    return ax


def position(
    profile: Profile,
    *,
    lang: Lang = "en",
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """The unit's relative position in every index of a profile (the core's ``percentile``:
    100 = first, 0 = last), as a dot this year and a hollow dot the previous year, joined by
    the movement. Rows without a rank are left empty.

    Returns the Axes; ``ax.collections[0]`` holds this year's points (x = percentile, y =
    the row, top row first) and ``ax.collections[1]`` the previous year's.
    """
    _check_lang(lang)
    plt = _pyplot()
    rows = profile.rows
    if ax is None:
        figure = plt.figure(figsize=(7.5, 0.6 * len(rows) + 1.5), layout="constrained")
        ax = figure.add_subplot()
    y = [len(rows) - 1 - i for i in range(len(rows))]
    now = [(r["percentile"], yy) for r, yy in zip(rows, y) if r["percentile"] is not None]
    before = [
        (r["previous_percentile"], yy)
        for r, yy in zip(rows, y)
        if r["previous_percentile"] is not None
    ]
    for r, yy in zip(rows, y):
        if r["percentile"] is not None and r["previous_percentile"] is not None:
            up = r["percentile"] >= r["previous_percentile"]
            ax.plot(
                [r["previous_percentile"], r["percentile"]],
                [yy, yy],
                color=UP if up else DOWN,
                lw=2,
            )
    ax.scatter(
        [p for p, _ in now],
        [yy for _, yy in now],
        color=BARS,
        s=50,
        zorder=3,
        label=str(profile.year),
    )
    ax.scatter(
        [p for p, _ in before],
        [yy for _, yy in before],
        facecolors="white",
        edgecolors=TOTAL,
        s=40,
        zorder=3,
        label=str(profile.previous),
    )
    ax.set_yticks(y, [_literal(_wrap(r["label"][lang], 28)) for r in rows], fontsize=8)
    ax.set_xlim(-5, 105)
    ax.set_xlabel("vị trí (100 = đứng đầu)" if lang == "vi" else "position (100 = first)")
    ax.legend(loc="lower right", fontsize=8)
    ax.set_title(_literal(title if title is not None else f"{profile.unit} {profile.year}"))
    return ax
