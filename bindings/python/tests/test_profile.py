"""chiso.profile: the shared vectors of tests/vectors/profile/ (as crates/chiso/tests/profile.rs
checks them), the bundled examples, mixed sources, the page, the chart and bad input."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import chiso  # noqa: E402
import chiso.plot  # noqa: E402
from _support import VECTORS  # noqa: E402

ROOT = VECTORS.parent.parent
EXAMPLES = ROOT / "examples" / "profile"
CASES = sorted((VECTORS / "profile").glob("*.json"))


def check(name: str, got: Any, want: Any, tolerance: float) -> None:
    if isinstance(want, float):
        assert isinstance(got, (int, float)) and math.isclose(
            got, want, rel_tol=0, abs_tol=tolerance
        ), (name, got, want)
    elif isinstance(want, dict):
        for key, value in want.items():
            check(f"{name}.{key}", got[key], value, tolerance)
    elif isinstance(want, list):
        assert isinstance(got, list) and len(got) == len(want), (name, got)
        for i, (g, w) in enumerate(zip(got, want)):
            check(f"{name}[{i}]", g, w, tolerance)
    else:
        assert got == want, (name, got, want)


def test_three_shared_vectors() -> None:
    assert [p.name for p in CASES] == [
        "ha_noi_2013_mapped.json",
        "hai_ha_2020.json",
        "nam_dinh_2018.json",
    ]


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_shared_vector(path: Path) -> None:
    case = json.loads(path.read_text(encoding="utf-8"))
    p = case["profile"]
    sources = [
        {"index": s["index"], ("data" if s["kind"] == "table" else "published"): s["rows"]}
        for s in case["sources"]
    ]
    result = chiso.profile(
        p["unit"],
        p["year"],
        sources,
        previous=p["previous"],
        targets=p["targets"],
        mapping=p.get("mapping"),
    )
    check(case["name"], result.rows, case["expected"], case["tolerance"])


def test_nam_dinh_manifest_mixes_a_full_table_and_published_rows() -> None:
    p = chiso.profile(manifest=EXAMPLES / "nam_dinh_2018.toml")
    pci, par = p.rows
    assert (pci["source"], par["source"]) == ("full_table", "published")
    assert f"{pci['score']:.2f}" == "63.01" and (
        pci["rank"],
        pci["out_of"],
        pci["rank_change"],
    ) == (35, 63, 6)
    assert f"{pci['score_change']:+.2f}" == "+1.58"
    assert (par["score"], par["rank"], par["out_of"]) == (75.6, 40, 63)
    assert math.isclose(par["score_change"], -0.9, abs_tol=1e-9)
    assert pci["targets"][0]["status"] == "planned" and pci["targets"][0]["rank_planned"] <= 10
    assert par["targets"][0]["status"] == "needs_full_table"
    assert "needs the full table" in par["targets"][0]["message"]
    assert par["weakest"] is None and all(c["score"] < c["median"] for c in pci["weakest"])

    frame = p.to_pandas()
    assert list(frame["index"]) == ["pci", "par_index"] and list(frame["rank"]) == [35, 40]
    table = p._repr_html_()
    assert "63.01" in table and "35/63" in table and "published" in table


def test_pages_render_in_both_languages() -> None:
    p = chiso.profile(manifest=EXAMPLES / "quang_ninh_2016.toml")
    page = p.page("vi", "html")
    assert page.startswith("<!doctype html>") and '<svg class="profile-chart"' in page
    assert "Thay đổi điểm so với 2013" in page
    assert p.page("en", "md").startswith("# Quảng Ninh 2016 — across indices")
    with pytest.raises(ValueError, match="lang must be"):
        p.page("fr", "md")  # type: ignore[arg-type]


def test_position_chart_draws_the_percentiles() -> None:
    p = chiso.profile(manifest=EXAMPLES / "hai_ha_2020.toml")
    ax = chiso.plot.position(p, lang="vi")
    now = np.asarray(ax.collections[0].get_offsets())
    expected = [100 * (13 - r["rank"]) / 12 for r in p.rows]
    assert np.allclose(now[:, 0], expected, rtol=0, atol=1e-9)
    # The 2019 field size is not published: no previous position is drawn.
    assert np.asarray(ax.collections[1].get_offsets()).size == 0
    plt.close("all")


def test_bad_input_is_named() -> None:
    rows = {"unit": ["Hải Hà"], "year": [2020], "score": [93.12], "rank": [14], "out_of": [13]}
    with pytest.raises(chiso.DataError, match="no larger than out_of"):
        chiso.profile("Hải Hà", 2020, [{"index": "sipas", "published": rows}])
    rows["rank"] = [10]
    with pytest.raises(chiso.DataError, match="did you mean Hải Hà"):
        chiso.profile("Hai Ha", 2020, [{"index": "sipas", "published": rows}])
    with pytest.raises(ValueError, match="exactly one of 'data'"):
        chiso.profile("Hải Hà", 2020, [{"index": "sipas", "published": rows, "data": rows}])
    with pytest.raises(chiso.OptionError, match="target 'best'"):
        chiso.profile("Hải Hà", 2020, [{"index": "sipas", "published": rows}], targets=["best"])
    no_out_of = {k: v for k, v in rows.items() if k != "out_of"}
    with pytest.raises(chiso.DataError, match="missing column 'out_of'"):
        chiso.profile("Hải Hà", 2020, [{"index": "sipas", "published": no_out_of}])


def test_rank_changes_across_a_merger() -> None:
    from chiso.robustness import rank_changes

    pci = ROOT / "examples" / "data" / "pci" / "pci_subindices.csv"
    frame = rank_changes(
        "pci",
        pci,
        from_year=2006,
        to_year=2013,
        weights_pm=10,
        samples=50,
        seed=1,
        mapping=chiso.UnitMapping.vietnam_provinces(),
        unit_column="province",
    )
    assert frame.attrs["only_from"] == ["Hà Tây"]
    hn = frame[frame["unit"] == "Hà Nội"].iloc[0]
    assert "absorbed Hà Tây" in hn["note"]
    assert frame[frame["unit"] == "Đà Nẵng"].iloc[0]["note"] is None
