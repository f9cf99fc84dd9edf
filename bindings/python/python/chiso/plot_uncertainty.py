"""Charts of robustness results: the "caterpillar" plot of rank intervals and sensitivity bars.

matplotlib is imported when a chart is drawn, so ``import chiso`` never needs it
(``pip install matplotlib``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chiso.plot import _literal

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["caterpillar", "sensitivity_bars"]


def _pyplot() -> Any:
    try:
        import matplotlib.pyplot as plt
    except ImportError:
        raise ImportError("chiso's charts need matplotlib: pip install matplotlib") from None
    return plt


def caterpillar(
    frame: pd.DataFrame,
    *,
    order: str = "nominal",
    units: list[str] | None = None,
    ax: Any = None,
    title: str | None = None,
) -> Any:
    """Rank intervals as horizontal bars (5th–95th percentile), the median as a dot and the
    nominal rank as a cross, one row per unit, best at the top.

    ``frame`` is :func:`chiso.robustness.uncertainty`'s result; ``order`` is ``"nominal"`` or
    ``"median"``; ``units`` limits the chart to some units. Returns the matplotlib Axes."""
    plt = _pyplot()
    data = frame if units is None else frame[frame["unit"].isin(units)]
    key = "rank_nominal" if order == "nominal" else "rank_median"
    data = data.sort_values([key, "unit"], kind="stable")
    if ax is None:
        _, ax = plt.subplots(figsize=(6.5, max(2.5, 0.22 * len(data) + 1.0)))
    y = list(range(len(data)))
    ax.hlines(
        y,
        data["rank_p05"],
        data["rank_p95"],
        color="#4a78b5",
        linewidth=3,
        alpha=0.6,
        label="5–95 % interval",
    )
    ax.plot(data["rank_median"], y, "o", color="#1f3f6e", markersize=4, label="median")
    ax.plot(data["rank_nominal"], y, "x", color="#c0392b", markersize=5, label="nominal")
    ax.set_yticks(y)
    ax.set_yticklabels([_literal(u) for u in data["unit"]], fontsize=7)
    ax.invert_yaxis()
    ax.set_xlabel("rank")
    ax.grid(axis="x", alpha=0.3)
    ax.legend(loc="upper right", fontsize=7)  # best units sit top left: that corner is free
    attrs = frame.attrs
    name = _literal(f"{str(attrs.get('index', '')).upper()} {attrs.get('year') or ''}".strip())
    default = f"{name}: rank intervals, {attrs.get('samples', '?')} samples"
    ax.set_title(title or default, fontsize=9)
    return ax


def sensitivity_bars(
    frame: pd.DataFrame,
    *,
    target: str = "mean_rank_shift",
    ax: Any = None,
    title: str | None = None,
) -> Any:
    """First- and total-order indices of each input on ``target`` (``"mean_rank_shift"`` or a
    unit) as paired bars with their bootstrap intervals. ``frame`` is
    :func:`chiso.robustness.sensitivity`'s result. Returns the matplotlib Axes."""
    plt = _pyplot()
    data = frame[frame["target"] == target]
    if data.empty:
        raise ValueError(f"no sensitivity indices for target {target!r}")
    if ax is None:
        _, ax = plt.subplots(figsize=(1.2 * len(data) + 2.5, 3.2))
    x = list(range(len(data)))
    width = 0.38
    for shift, (column, colour, label) in zip(
        (-width / 2, width / 2),
        (("first_order", "#4a78b5", "first order"), ("total_order", "#c0392b", "total order")),
    ):
        value = data[column].fillna(0.0)
        low = (value - data[f"{column}_p05"].fillna(value)).clip(lower=0.0)
        high = (data[f"{column}_p95"].fillna(value) - value).clip(lower=0.0)
        ax.bar(
            [i + shift for i in x],
            value,
            width,
            color=colour,
            label=label,
            yerr=[low, high],
            capsize=3,
        )
    ax.set_xticks(x)
    ax.set_xticklabels([_literal(i) for i in data["input"]])
    ax.axhline(0.0, color="black", linewidth=0.6)
    ax.set_ylabel("Sobol index")
    ax.legend(fontsize=7)
    ax.set_title(title or _literal(f"Sensitivity of {target.replace('_', ' ')}"), fontsize=9)
    return ax
