"""The Python API: presets, specs, every data input, DataFrame output, errors."""

from __future__ import annotations

import csv
import json
import sys
import unicodedata
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import polars as pl
import pytest

import chiso
from _support import PCI_CSV, ROOT

IDS = [
    "entry_costs",
    "land_access",
    "transparency",
    "time_costs",
    "informal_charges",
    "policy_bias",
    "proactivity",
    "business_support",
    "labor_policy",
    "legal_institutions",
]
# Quảng Ninh, PCI 2019 (DESIGN.md): published 73.40, rank 1.
QUANG_NINH_2019 = [7.16, 7.00, 7.20, 7.89, 7.10, 7.69, 7.96, 6.68, 7.95, 7.58]


def published(year: str) -> list[dict[str, str]]:
    with PCI_CSV.open(encoding="utf-8") as f:
        return [r for r in csv.DictReader(f) if r["year"] == year]


def two_units(**columns: list[Any]) -> pd.DataFrame:
    """Quảng Ninh's 2019 sub-indices for two units, with some columns replaced."""
    data: dict[str, list[Any]] = {"unit": ["Quảng Ninh", "Hà Nội"]}
    data.update({i: [v, v] for i, v in zip(IDS, QUANG_NINH_2019)})
    data.update(columns)
    return pd.DataFrame(data)


def test_the_installed_wheel_is_tested() -> None:
    source = ROOT / "bindings" / "python" / "python"
    assert not Path(chiso.__file__).resolve().is_relative_to(source), chiso.__file__
    assert chiso.__version__.count(".") == 2


# --- presets and specs --------------------------------------------------------------------


def test_presets_resolve_by_year() -> None:
    assert "pci" in chiso.presets()
    pci = chiso.preset("pci")
    assert pci.id == "pci"
    assert pci.editions == [(2006, 2008), (2009, 2012), (2013, 2021), (2022, 2024)]
    assert pci.label["vi"] == "Chỉ số Năng lực Cạnh tranh cấp tỉnh"
    assert "editions: 2006–2008" in repr(pci)

    edition = chiso.preset("pci", 2019)
    assert edition.editions == [(2013, 2021)]
    assert edition == pci.resolve(2019)
    assert edition != pci

    nine = chiso.preset("pci", 2010).nodes()
    assert [n["id"] for n in nine if n["parent"] == "pci"] == [i for i in IDS if i != "policy_bias"]
    nodes = {n["id"]: n for n in pci.nodes(2022)}
    assert nodes["pci"]["parent"] is None and nodes["pci"]["depth"] == 0
    assert nodes["pci"]["multiplier"] == 10
    assert nodes["land_access"]["weight"] == 10  # 2022–2024 weights
    assert nodes["land_access"]["parent"] == "pci" and nodes["land_access"]["depth"] == 1
    assert (nodes["land_access"]["scale_min"], nodes["land_access"]["scale_max"]) == (1, 10)
    assert nodes["land_access"]["label_vi"] == "Tiếp cận đất đai"


def test_preset_errors() -> None:
    with pytest.raises(chiso.SpecError, match="no edition for 2003") as caught:
        chiso.preset("pci", 2003)
    assert caught.value.node is None
    with pytest.raises(chiso.SpecError, match="no preset index 'nope'; available presets: pci"):
        chiso.preset("nope")
    with pytest.raises(chiso.SpecError, match="give a year"):
        chiso.preset("pci").nodes()


def test_spec_round_trips_through_json_toml_dict_and_files(tmp_path: Path) -> None:
    for spec in (chiso.preset("pci"), chiso.preset("pci", 2014)):
        assert chiso.Spec.from_json(spec.to_json()) == spec
        assert chiso.Spec.from_toml(spec.to_toml()) == spec
        assert chiso.Spec.from_dict(spec.to_dict()) == spec
        json_file = tmp_path / "spec.json"
        json_file.write_text(spec.to_json(), encoding="utf-8")
        toml_file = tmp_path / "spec.toml"
        toml_file.write_text(spec.to_toml(), encoding="utf-8")
        assert chiso.Spec.from_path(json_file) == spec
        assert chiso.Spec.from_path(str(toml_file)) == spec
    resolved = chiso.Spec.from_toml(chiso.preset("pci", 2014).to_toml())
    rows = published("2014")
    data = {"unit": [r["province"] for r in rows], **{i: [float(r[i]) for r in rows] for i in IDS}}
    expected = chiso.score("pci", data, year=2014)
    assert chiso.score(resolved, data)["score"].tolist() == expected["score"].tolist()


def test_spec_is_immutable_and_unhashable() -> None:
    spec = chiso.preset("pci")
    with pytest.raises(AttributeError):
        spec.id = "other"  # type: ignore[misc]
    with pytest.raises(TypeError):
        hash(spec)


# --- data input ---------------------------------------------------------------------------


def test_unit_names_come_back_nfc() -> None:
    nfd = unicodedata.normalize("NFD", "Quảng Ninh")
    assert nfd != "Quảng Ninh"
    result = chiso.score("pci", two_units(unit=[nfd, "Hà Nội"]), year=2019)
    assert result["unit"].tolist() == ["Quảng Ninh", "Hà Nội"]
    assert chiso.dataset({"unit": [f"  {nfd} "], "a": [1.0]}).units == ["Quảng Ninh"]


def test_decimal_comma_text_columns() -> None:
    text = [f"{v:.2f}".replace(".", ",") for v in QUANG_NINH_2019]
    frame = pd.DataFrame({"unit": ["Quảng Ninh"], **{i: [t] for i, t in zip(IDS, text)}})
    assert all(frame[i].dtype != np.float64 for i in IDS)
    result = chiso.score("pci", frame, year=2019).to_pandas()
    assert abs(result["score"].tolist()[0] - 73.40) < 0.055
    assert result.loc[0, "rank"] == 1
    assert result.loc[0, "year"] == 2019


def test_csv_path_reproduces_every_province_of_2016() -> None:
    rows = {r["province"]: r for r in published("2016")}
    for path in (PCI_CSV, str(PCI_CSV)):
        result = chiso.score("pci", path, year=2016, unit_column="province")
        assert len(result) == 63
        for unit, score, rank in zip(result["unit"], result["score"], result["rank"]):
            assert abs(score - float(rows[unit]["pci_published"])) < 1e-4, unit
            assert rank == int(rows[unit]["rank_published"]), unit
        assert result["year"].dtype == np.int64 and set(result["year"]) == {2016}
        tiers = {u: t for u, t in zip(result["unit"], result["tier"])}
        assert all(tiers[u] == r["tier_published"] for u, r in rows.items() if r["tier_published"])


def test_dataframe_dict_records_and_dataset_inputs_agree() -> None:
    frame = pd.read_csv(PCI_CSV)
    frame = frame[frame["year"] == 2016]
    expected = chiso.score("pci", PCI_CSV, year=2016, unit_column="province").to_pandas()
    columns = {name: frame[name].to_numpy() for name in frame.columns}
    series = {name: frame[name] for name in frame.columns}
    records = frame.to_dict("records")
    dataset = chiso.dataset(frame, unit_column="province")
    assert len(dataset) == 63 and dataset.years == [2016] * 63
    assert "tier_published" in dataset.columns and "province" not in dataset.columns
    polars = pl.DataFrame([pl.Series(str(name), frame[name].to_numpy()) for name in frame.columns])
    for data in (frame, columns, series, records, dataset, polars):
        result = chiso.score("pci", data, unit_column="province").to_pandas()
        pd.testing.assert_frame_equal(result, expected)


def test_components_and_multi_year_scoring() -> None:
    result = chiso.score("pci", PCI_CSV, unit_column="province", components=True).to_pandas()
    years = [2006, 2013, 2014, 2015, 2016, 2017, 2018]
    assert len(result) == 442 and sorted(set(result["year"])) == years
    assert result.columns[:6].tolist() == ["unit", "year", "score", "rank", "tier", "tier_en"]
    assert {"land_access", "land_access_rank", "policy_bias_rank"} <= set(result.columns)
    assert result["land_access"].dtype == np.float64
    assert result["land_access_rank"].dtype == np.int64
    row = result[(result["unit"] == "Quảng Ninh") & (result["year"] == 2016)].iloc[0]
    quang_ninh = next(r for r in published("2016") if r["province"] == "Quảng Ninh")
    assert row["land_access"] == float(quang_ninh["land_access"])
    assert row["land_access_rank"] == 1 + sum(
        float(r["land_access"]) > row["land_access"] for r in published("2016")
    )
    # The 2006 edition has no tier rule: those rows have no tier.
    assert result[result["year"] == 2006]["tier"].isna().all()
    assert result[result["year"] == 2014]["tier"].notna().all()
    assert result.attrs == {"index": "pci", "precision": 2}


def test_year_is_nullable_only_when_missing() -> None:
    nodes = [{"id": "total", "children": ["a", "b"]}, {"id": "a"}, {"id": "b"}]
    spec = chiso.Spec.from_dict({"id": "demo", "root": "total", "nodes": nodes})
    result = chiso.score(spec, {"unit": ["A", "B"], "a": [1.0, 3.0], "b": [2.0, 5.0]}).to_pandas()
    assert str(result["year"].dtype) == "Int64" and result["year"].isna().all()
    assert result["score"].tolist() == [1.5, 4.0] and result["rank"].tolist() == [2, 1]
    assert "tier" not in result.columns
    one_year = chiso.score(spec, {"unit": ["A"], "a": [1], "b": [2]}, year=2020).to_pandas()
    assert str(one_year["year"].dtype) == "int64"


def test_compare_2013_to_2014() -> None:
    before = {r["province"]: r for r in published("2013")}
    after = {r["province"]: r for r in published("2014")}
    result = chiso.compare(
        "pci", PCI_CSV, from_year=2013, to_year=2014, unit_column="province"
    ).to_pandas()
    assert len(result) == 63 and set(result["presence"]) == {"both"}
    assert result["rank_to"].tolist() == sorted(result["rank_to"])
    for row in result.to_dict("records"):
        b, a = before[row["unit"]], after[row["unit"]]
        delta = float(a["pci_published"]) - float(b["pci_published"])
        assert abs(row["score_delta"] - delta) < 2e-4, row["unit"]
        assert row["rank_from"] == int(b["rank_published"])
        assert row["rank_to"] == int(a["rank_published"])
        assert row["rank_change"] == int(b["rank_published"]) - int(a["rank_published"])
        assert row["tier_to"] == a["tier_published"]
    assert result["rank_change"].dtype == np.int64


def test_compare_keeps_units_of_one_period() -> None:
    result = chiso.compare(
        "pci", PCI_CSV, from_year=2006, to_year=2013, unit_column="province"
    ).to_pandas()
    ha_tay = result[result["unit"] == "Hà Tây"].iloc[0]
    assert ha_tay["presence"] == "only_from"
    assert all(pd.isna(ha_tay[c]) for c in ("rank_to", "rank_change", "score_to", "score_delta"))
    assert str(result["rank_change"].dtype) == "Int64"
    assert result.iloc[-1]["unit"] == "Hà Tây" and len(result) == 64
    assert result.attrs["from_year"] == 2006 and result.attrs["to_year"] == 2013


def test_compare_through_the_shipped_unit_mapping() -> None:
    mapping = chiso.UnitMapping.vietnam_provinces()
    assert len(mapping) > 0 and mapping == chiso.UnitMapping.vietnam_provinces()
    ha_tay = [c for c in mapping.changes if c["old"] == "Hà Tây"]
    assert ha_tay == [
        {"old": "Hà Tây", "new": "Hà Nội", "effective": "2008-08-01", "kind": "merge"}
    ]
    result = chiso.compare(
        "pci",
        PCI_CSV,
        from_year=2006,
        to_year=2013,
        unit_column="province",
        unit_mapping=mapping,
    )
    notes = dict(zip(result["unit"], result["note"]))
    assert notes["Hà Tây"] == "merged into Hà Nội on 2008-08-01"
    assert "absorbed Hà Tây" in notes["Hà Nội"]
    assert pd.isna(notes["Đà Nẵng"])


def test_a_unit_mapping_from_csv_matches_renamed_units() -> None:
    mapping = chiso.UnitMapping.from_csv("old,new,effective\nTỉnh A,Tỉnh B,2020-01-01\n")
    assert mapping.changes[0]["kind"] == "rename"
    spec = chiso.Spec.from_dict(
        {"id": "demo", "root": "total", "nodes": [{"id": "total", "children": ["a"]}, {"id": "a"}]}
    )
    data = {"unit": ["Tỉnh A", "Tỉnh B"], "year": [2019, 2020], "a": [1.0, 2.0]}
    plain = chiso.compare(spec, data, from_year=2019, to_year=2020)
    assert plain["presence"].tolist() == ["only_to", "only_from"]
    mapped = chiso.compare(spec, data, from_year=2019, to_year=2020, unit_mapping=mapping)
    assert mapped["presence"].tolist() == ["both"] and mapped["score_delta"].tolist() == [1.0]
    assert mapped["note"].tolist() == ["renamed Tỉnh B on 2020-01-01"]
    with pytest.raises(chiso.DataError, match="is not a date YYYY-MM-DD") as caught:
        chiso.UnitMapping.from_csv("old,new,effective\nA,B,2020\n")
    assert (caught.value.row, caught.value.column) == (1, "effective")


# --- analysis -----------------------------------------------------------------------------


def test_diagnose_nam_dinh_2016() -> None:
    d = chiso.diagnose("pci", PCI_CSV, "Nam Định", year=2016, unit_column="province")
    assert (d["rank"], d["previous_year"], d["previous_rank"], d["rank_change"]) == (
        30,
        2015,
        17,
        -13,
    )
    assert d["tier"] is not None and d["tier"]["label"]["vi"] == "Khá"
    assert [c["id"] for c in d["components"]] == IDS
    assert d["weakest"][0] == "legal_institutions" and "legal_institutions" in d["fell"]
    parts = d["decomposition"]
    assert parts is not None
    total = sum(points for _, points in parts["contributions"]) + parts["weight_effect"]
    assert abs(total - parts["total"]) < 1e-9
    frame = pd.DataFrame(d["components"])
    assert frame.set_index("id").loc["entry_costs", "leader_unit"] == "Quảng Ninh"


def test_plan_to_the_top_10_and_its_options() -> None:
    p = chiso.plan("pci", PCI_CSV, "Nam Định", "top:10", year=2016, unit_column="province")
    assert p["reachable"] and (p["rank_now"], p["rank_planned"]) == (30, 10)
    assert p["target"] == {"kind": "rank", "value": 10}
    assert abs(sum(s["gain"] for s in p["steps"]) - p["total_gain"]) < 1e-9
    assert all(s["gain"] <= s["max_gain"] + 1e-12 for s in p["steps"])
    caps = {s["id"]: 0.0 for s in p["steps"] if s["gain"] > 0}
    capped = chiso.plan(
        "pci", PCI_CSV, "Nam Định", "top:10", year=2016, unit_column="province", caps=caps
    )
    assert all(s["gain"] == 0 for s in capped["steps"] if s["id"] in caps)
    assert not capped["reachable"] or capped["total_gain"] >= p["total_gain"]
    with pytest.raises(ValueError, match="field must be"):
        bad_field: Any = "x"
        chiso.plan("pci", PCI_CSV, "Nam Định", "top:10", unit_column="province", field=bad_field)
    with pytest.raises(chiso.ComputeError, match="target 'top10' is not one of"):
        chiso.plan("pci", PCI_CSV, "Nam Định", "top10", year=2016, unit_column="province")
    with pytest.raises(chiso.DataError, match="unit 'Nowhere' is not in the data") as caught:
        chiso.diagnose("pci", PCI_CSV, "Nowhere", year=2016, unit_column="province")
    assert caught.value.unit == "Nowhere"


# --- errors -------------------------------------------------------------------------------


def location(error: chiso.ChisoError) -> dict[str, Any]:
    names = ("node", "row", "unit", "column", "line")
    return {name: getattr(error, name) for name in names}


def at(**fields: Any) -> dict[str, Any]:
    """A full location: the given fields, None for the others."""
    return {**dict.fromkeys(["node", "row", "unit", "column", "line"]), **fields}


def test_out_of_scale_names_row_unit_and_column() -> None:
    with pytest.raises(chiso.DataError) as caught:
        chiso.score("pci", two_units(land_access=[7.0, 11.5]), year=2019)
    assert isinstance(caught.value, ValueError)
    assert location(caught.value) == at(row=2, unit="Hà Nội", column="land_access")
    assert str(caught.value) == (
        "row 2 (Hà Nội), column 'land_access': 11.5 is outside the scale 1–10 of node 'land_access'"
    )


def test_missing_column() -> None:
    with pytest.raises(chiso.DataError, match="missing column 'informal_charges'") as caught:
        chiso.score("pci", two_units().drop(columns="informal_charges"), year=2019)
    assert caught.value.column == "informal_charges" and caught.value.row is None
    with pytest.raises(chiso.DataError, match="missing column 'province'") as caught:
        chiso.score("pci", two_units(), year=2019, unit_column="province")
    assert caught.value.column == "province"


def test_non_numeric_cell() -> None:
    with pytest.raises(chiso.DataError, match="'n/a' is not a number") as caught:
        chiso.score("pci", two_units(labor_policy=["7,1", "n/a"]), year=2019)
    assert location(caught.value) == at(row=2, unit="Hà Nội", column="labor_policy")


def test_missing_value_nan_and_none() -> None:
    for missing in (np.nan, None):
        with pytest.raises(chiso.DataError, match="the value is missing") as caught:
            chiso.score("pci", two_units(labor_policy=[missing, 7.1]), year=2019)
        assert (caught.value.row, caught.value.column) == (1, "labor_policy")


def test_unknown_method_names_the_node() -> None:
    spec = {
        "id": "demo",
        "root": "total",
        "nodes": [
            {"id": "total", "children": ["a", "b"], "aggregation": "avg"},
            {"id": "a"},
            {"id": "b"},
        ],
    }
    with pytest.raises(chiso.SpecError, match="unknown aggregation method 'avg'") as caught:
        chiso.Spec.from_dict(spec)
    assert isinstance(caught.value, ValueError)
    assert location(caught.value) == at(node="total")


def test_cycle_names_the_node() -> None:
    spec = {
        "id": "demo",
        "root": "total",
        "nodes": [
            {"id": "total", "children": ["a"]},
            {"id": "a", "children": ["b"]},
            {"id": "b", "children": ["a"]},
        ],
    }
    with pytest.raises(chiso.SpecError, match="a -> b -> a") as caught:
        chiso.Spec.from_json(json.dumps(spec))
    assert caught.value.node == "a"


def test_duplicate_unit() -> None:
    nfd = unicodedata.normalize("NFD", "Hà Nội")
    with pytest.raises(chiso.DataError, match="unit 'Hà Nội' appears again") as caught:
        chiso.score("pci", two_units(unit=["Hà Nội", nfd]), year=2019)
    assert (caught.value.row, caught.value.unit, caught.value.column) == (2, "Hà Nội", None)


def test_year_without_edition() -> None:
    with pytest.raises(chiso.SpecError, match="no edition for 2003"):
        chiso.score("pci", two_units(year=[2019, 2003]))
    with pytest.raises(chiso.DataError, match="no rows for 2018; years present: 2019"):
        chiso.score("pci", two_units(year=[2019, 2019]), year=2018)


def test_bad_year_and_empty_unit_name_the_configured_columns() -> None:
    with pytest.raises(chiso.DataError, match="'20x9' is not a year") as caught:
        chiso.score("pci", two_units(nam=["2019", "20x9"]), year_column="nam")
    assert (caught.value.row, caught.value.column) == (2, "nam")
    with pytest.raises(chiso.DataError, match="unit name in column 'tinh' is empty") as caught:
        data = two_units(unit=["A", None]).rename(columns={"unit": "tinh"})
        chiso.score("pci", data, year=2019, unit_column="tinh")
    assert (caught.value.row, caught.value.column) == (2, "tinh")


def test_strict_rejects_unknown_columns() -> None:
    with pytest.raises(chiso.DataError, match="not a node of index 'pci'") as caught:
        chiso.score("pci", two_units(note=["x", "y"]), year=2019, strict=True)
    assert caught.value.column == "note"
    assert len(chiso.score("pci", two_units(note=["x", "y"]), year=2019)) == 2


def test_compute_error_is_not_a_value_error() -> None:
    spec = chiso.Spec.from_dict(
        {
            "id": "demo",
            "root": "total",
            "nodes": [
                {"id": "total", "children": ["a", "b"]},
                {"id": "a", "normalise": {"method": "min_max", "low": 1, "high": 10}},
                {"id": "b"},
            ],
        }
    )
    with pytest.raises(chiso.ComputeError, match="min_max normalisation is undefined") as caught:
        chiso.score(spec, {"unit": ["A", "B"], "a": [3, 3], "b": [1, 2]})
    assert caught.value.node == "a" and not isinstance(caught.value, ValueError)


def test_csv_errors_carry_the_line() -> None:
    with pytest.raises(chiso.DataError, match="row has 3 fields but the header has 2") as caught:
        chiso.Dataset.from_csv("unit,a\nA,1,2\n")
    assert caught.value.line == 2


def test_panic_is_a_chiso_error_asking_for_a_bug_report() -> None:
    with pytest.raises(chiso.ChisoError, match="internal error in chiso .*boom.*bug") as caught:
        chiso._chiso._panic("boom")
    assert type(caught.value) is chiso.ChisoError
    assert caught.value.variant == "Internal"
    assert location(caught.value) == at()
    # The module is usable after the panic.
    assert chiso.preset("pci").id == "pci"


def test_error_classes() -> None:
    for bad_input in (chiso.SpecError, chiso.DataError):
        assert issubclass(bad_input, chiso.ChisoError) and issubclass(bad_input, ValueError)
    assert issubclass(chiso.ComputeError, chiso.ChisoError)
    assert not issubclass(chiso.ComputeError, ValueError)
    assert chiso.DataError.__module__ == "chiso" and chiso.ChisoError.__module__ == "chiso"
    error = chiso.DataError("by hand")
    assert error.row is None and error.column is None
    assert chiso.SpecFileNotFoundError.__mro__[1:4] == (
        chiso.SpecError,
        chiso.ChisoError,
        ValueError,
    )
    assert issubclass(chiso.SpecFileNotFoundError, FileNotFoundError)
    assert issubclass(chiso.DataFileNotFoundError, chiso.DataError)
    assert issubclass(chiso.DataFileNotFoundError, FileNotFoundError)
    assert issubclass(chiso.OptionError, chiso.ComputeError)
    assert issubclass(chiso.OptionError, ValueError)
    for name in ("SpecFileNotFoundError", "DataFileNotFoundError", "OptionError"):
        assert getattr(chiso, name).__module__ == "chiso" and name in chiso.__all__


def test_missing_files_raise_file_not_found_error(tmp_path: Path) -> None:
    missing = tmp_path / "nope.csv"
    for read in (
        lambda: chiso.score("pci", missing, year=2016),
        lambda: chiso.Dataset.from_csv_path(missing),
        lambda: chiso.UnitMapping.from_csv_path(missing),
    ):
        with pytest.raises(FileNotFoundError) as caught:
            read()
        error = caught.value
        assert type(error) is chiso.DataFileNotFoundError
        assert isinstance(error, chiso.DataError) and isinstance(error, ValueError)
        # The message is the CLI's ("chiso: data error: " + this), errno ENOENT.
        assert str(error) == f"cannot read '{missing}': no such file"
        assert error.variant == "NoSuchFile" and error.errno == 2 and error.line is None
    with pytest.raises(FileNotFoundError) as spec_caught:
        chiso.Spec.from_path(tmp_path / "nope.toml")
    assert type(spec_caught.value) is chiso.SpecFileNotFoundError
    assert str(spec_caught.value) == (
        f"cannot read the specification '{tmp_path / 'nope.toml'}': no such file"
    )
    # A folder is not missing: a DataError saying what it is, not a FileNotFoundError.
    with pytest.raises(chiso.DataError, match="Is a directory") as folder:
        chiso.Dataset.from_csv_path(tmp_path)
    assert folder.value.variant == "Unreadable"
    assert not isinstance(folder.value, FileNotFoundError)


def test_malformed_targets_and_options_are_value_errors() -> None:
    # The same message as `chiso plan --target top10` prints after "chiso: compute error: ".
    with pytest.raises(ValueError) as caught:
        chiso.plan("pci", PCI_CSV, "Nam Định", "top10", year=2016, unit_column="province")
    error = caught.value
    assert type(error) is chiso.OptionError and isinstance(error, chiso.ComputeError)
    assert str(error) == "target 'top10' is not one of score:S, rank:N, top:N, gain:K (e.g. top:10)"
    assert error.variant == "InvalidTarget"
    for target in ("rank:0", "score:x", "gain:-1", "best:3"):
        with pytest.raises(chiso.OptionError, match=f"target '{target}' is not one of"):
            chiso.plan("pci", PCI_CSV, "Nam Định", target, year=2016, unit_column="province")
    with pytest.raises(chiso.OptionError, match="'nope' is not a sub-index of pci"):
        chiso.plan(
            "pci",
            PCI_CSV,
            "Nam Định",
            "top:10",
            year=2016,
            unit_column="province",
            caps={"nope": 1.0},
        )


def test_wrong_input_types() -> None:
    with pytest.raises(TypeError, match="spec must be"):
        chiso.score(3, {"unit": ["A"]})  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="data must be"):
        chiso.score("pci", 3)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="column 'a'"):
        chiso.Dataset.from_columns({"unit": ["A"], "a": 1})  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="delimiter"):
        chiso.Dataset.from_csv("unit\nA\n", delimiter=";;")


def test_plain_lists_without_pandas(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # `import pandas` now fails
    monkeypatch.setitem(sys.modules, "polars", None)
    data = {"unit": ["Quảng Ninh"], **{i: [v] for i, v in zip(IDS, QUANG_NINH_2019)}}
    scores = chiso.score("pci", data, year=2019, components=True)
    with pytest.raises(ImportError, match=r"chiso\[pandas\]"):
        scores.to_pandas()
    with pytest.raises(ImportError, match=r"chiso\[polars\]"):
        scores.to_polars()
    plain = scores.to_dict()
    assert plain["rank"] == [1] and plain["year"] == [2019] and plain["land_access"] == [7.0]
    assert abs(plain["score"][0] - 73.40) < 0.055
    assert "Quảng Ninh" in repr(scores) and "73.40" in repr(scores)
    table = chiso.score_columns(
        chiso.preset("pci"), chiso.dataset(data), year=2019, components=True
    )
    assert table["columns"]["rank"].tolist() == [1] and table["columns"]["year"].tolist() == [2019]
    assert table["columns"]["rank"].dtype == np.int64
    assert table["stages"]["score"]["fields"] == ["score", "rank"]
    land = dict(table["stages"]["score"]["nodes"])["land_access"]
    assert land["score"].tolist() == [7.0] and land["rank"].tolist() == [1.0]


def test_report_in_both_languages_and_formats() -> None:
    vi = chiso.report("pci", PCI_CSV, "Nam Định", year=2016, unit_column="province")
    assert "Nam Định đạt 58,54 điểm, xếp hạng 30/63" in vi
    en = chiso.report(
        "pci", PCI_CSV, "Nam Định", year=2016, unit_column="province", lang="en", target="gain:5"
    )
    assert "Nam Định scored 58.54 points, rank 30/63" in en and "a gain of 5 places" in en
    html = chiso.report(
        "pci", PCI_CSV, "Nam Định", year=2016, unit_column="province", format="html"
    )
    assert html.startswith("<!doctype html>") and html.count("<svg") == 2
    with pytest.raises(ValueError, match="format must be"):
        bad_format: Any = "pdf"
        chiso.report(
            "pci", PCI_CSV, "Nam Định", year=2016, unit_column="province", format=bad_format
        )
