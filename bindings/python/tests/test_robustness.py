"""Uncertainty, sensitivity and audit from Python: the shared Monte Carlo vectors bit for bit,
DataFrame contracts, and the charts."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import chiso
from _support import PCI_CSV, VECTORS

CASES = sorted((VECTORS / "uncertainty").glob("*.json"))


def test_the_vectors_are_there() -> None:
    assert len(CASES) >= 2


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_seeded_vectors_bit_for_bit(path: Path) -> None:
    case: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    frame = chiso.uncertainty(
        case["index"],
        case["rows"],
        year=case["year"],
        inputs=case["inputs"],
        samples=case["samples"],
        seed=case["seed"],
    )
    expected = {u["unit"]: u for u in case["expected"]["units"]}
    assert len(frame) == len(expected)
    assert frame.attrs["mean_rank_shift"] == case["expected"]["mean_rank_shift"]
    names = {"rank_nominal": "nominal_rank", "score_nominal": "nominal_score"}
    for row in frame.to_dict("records"):
        want = expected[row["unit"]]
        assert row["rank_nominal"] == case["nominal_ranks"][row["unit"]]
        assert row["rank_p05"] <= row["rank_median"] <= row["rank_p95"]
        for column, value in row.items():
            name = str(column)
            if name != "unit":
                assert value == want[names.get(name, name)], (row["unit"], name)


def test_uncertainty_frame_and_pairwise_probabilities() -> None:
    frame = chiso.uncertainty(
        "pci", PCI_CSV, unit_column="province", year=2016, weights_pm=20, samples=400, seed=3
    )
    assert list(frame.columns[:5]) == [
        "unit",
        "rank_nominal",
        "rank_median",
        "rank_p05",
        "rank_p95",
    ]
    assert frame["rank_nominal"].tolist() == list(range(1, 64))
    assert frame.attrs["inputs"] == ["weights"]
    above = chiso.rank_probabilities(
        "pci", PCI_CSV, unit_column="province", year=2016, weights_pm=20, samples=400, seed=3
    )
    matrix = above.to_numpy()
    units = list(above.index)
    assert matrix[units.index("Đà Nẵng"), units.index("Quảng Ninh")] == 1.0
    a, b = units.index("Thái Nguyên"), units.index("TP. Hồ Chí Minh")
    assert 0.0 < matrix[a, b] < 1.0
    assert math.isclose(matrix[a, b] + matrix[b, a], 1.0)


def test_rank_changes_sensitivity_audit() -> None:
    changes = chiso.rank_changes(
        "pci",
        PCI_CSV,
        unit_column="province",
        from_year=2015,
        to_year=2016,
        weights_pm=20,
        samples=300,
        seed=1,
    )
    assert len(changes) == 63
    assert changes.attrs["moved"] == int((changes["change"] != 0).sum())
    assert changes.attrs["moved_outside_interval"] == int(
        ((changes["change"] != 0) & changes["outside_interval"]).sum()
    )
    sens = chiso.sensitivity(
        "pci",
        PCI_CSV,
        unit_column="province",
        year=2016,
        inputs={"weights_pm": 20, "exclude_one": True},
        samples=100,
        bootstrap=20,
    )
    shift = sens[sens["target"] == "mean_rank_shift"]
    assert shift["input"].tolist() == ["weights", "exclude_one"]
    assert (shift["total_order"] >= 0).all()
    assert len(sens) == 2 + 63 * 2
    report = chiso.audit("pci", PCI_CSV, unit_column="province", year=2016)
    assert report["pearson"].shape == (11, 11)
    assert report["pearson"].loc["pci", "pci"] == 1.0
    children = report["children"]
    assert math.isclose(children["variance_share"].sum(), 1.0)
    assert set(children["node"]) >= {"transparency", "labor_policy"}
    assert report["loadings"]["pci"].shape == (10, 10)


def test_errors_are_chiso_errors() -> None:
    with pytest.raises(chiso.ComputeError, match="relative spread"):
        chiso.uncertainty("pci", PCI_CSV, unit_column="province", year=2016, weights_pm=150)
    with pytest.raises(chiso.DataError, match="missing column 'tr_se'"):
        chiso.uncertainty(
            "pci",
            PCI_CSV,
            unit_column="province",
            year=2016,
            inputs={"sampling_error": {"transparency": "tr_se"}},
        )
    with pytest.raises(chiso.ComputeError, match="unknown field"):
        chiso.uncertainty(
            "pci", PCI_CSV, unit_column="province", year=2016, inputs={"weight_pm": 20}
        )


def test_charts(tmp_path: Path) -> None:
    import matplotlib  # a dev requirement: the charts must never silently not run

    matplotlib.use("Agg")
    from chiso.plot_uncertainty import caterpillar, sensitivity_bars

    frame = chiso.uncertainty(
        "pci", PCI_CSV, unit_column="province", year=2016, weights_pm=20, samples=200
    )
    ax = caterpillar(frame)
    assert len(ax.get_yticklabels()) == 63
    assert ax.get_yticklabels()[0].get_text() == "Đà Nẵng"
    ax.figure.savefig(tmp_path / "caterpillar.png")
    sens = chiso.sensitivity(
        "pci",
        PCI_CSV,
        unit_column="province",
        year=2016,
        inputs={"weights_pm": 20, "exclude_one": True},
        samples=50,
        bootstrap=10,
    )
    ax = sensitivity_bars(sens)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["weights", "exclude_one"]
    assert isinstance(sens, pd.DataFrame)
    with pytest.raises(ValueError, match="no sensitivity indices"):
        sensitivity_bars(sens, target="Atlantis")
