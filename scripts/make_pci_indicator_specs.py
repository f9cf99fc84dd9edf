#!/usr/bin/env python3
"""PCI down to its indicators, 2013–2018: one spec per year, calibrated by `chiso calibrate`.

usage: python3 scripts/make_pci_indicator_specs.py [CHISO_BINARY]   (default: target/debug/chiso)

For every year and sub-index, the published sub-index (examples/data/pci/pci_subindices.csv)
is calibrated on the indicators printed behind it (pci_indicators.csv) on the 1–10 scale.
An exact fit (largest residual ≤ 1e-4) becomes a group of indicators, each rescaled by
`min_max` between its calibrated goalposts with its direction and weight; an inexact one (some
inputs are not in VCCI's workbooks) stays a leaf that takes the published sub-index column,
with its residual in the spec's description. Writes examples/pci_indicators/pci_indicators_YYYY.toml,
for 2017 and 2018 the wide tables pci_YYYY_wide.csv those specs score, and
pci_indicator_links.csv: indicators whose calibrated coefficient (the sub-index's change per
unit of the indicator, which fixed goalposts and an unchanged weight keep) equals, to 1e-5
relative, exactly one indicator's of the same sub-index the year before — evidence that VCCI
kept the indicator, whatever its printed name. Every number comes from chiso; this script only
arranges files.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "examples", "data", "pci")
OUT = os.path.join(ROOT, "examples", "pci_indicators")
YEARS = range(2013, 2019)
WIDE_YEARS = (2017, 2018)

# id, Vietnamese and English labels, composite weight 2013–2021 (percent): crates/chiso/presets/pci.toml
SUB_INDICES = [
    ("entry_costs", "Gia nhập thị trường", "Entry costs", 5),
    ("land_access", "Tiếp cận đất đai", "Land access", 5),
    ("transparency", "Tính minh bạch", "Transparency", 20),
    ("time_costs", "Chi phí thời gian", "Time costs", 5),
    ("informal_charges", "Chi phí không chính thức", "Informal charges", 10),
    ("policy_bias", "Cạnh tranh bình đẳng", "Policy bias", 5),
    ("proactivity", "Tính năng động của chính quyền tỉnh", "Proactivity", 5),
    ("business_support", "Dịch vụ hỗ trợ doanh nghiệp", "Business support", 20),
    ("labor_policy", "Đào tạo lao động", "Labor training", 20),
    ("legal_institutions", "Thiết chế pháp lý", "Legal institutions", 5),
]
# The language VCCI printed the indicator names in (examples/data/pci/README.md).
ENGLISH_NAMES = {2013, 2017, 2018}


def q(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(text, ensure_ascii=False)


def num(x: float) -> str:
    return repr(float(x))


def load():
    published = {}
    with open(os.path.join(DATA, "pci_subindices.csv"), encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            published[(int(r["year"]), r["province"])] = r
    values = defaultdict(lambda: defaultdict(dict))  # (year, sub) -> province -> no -> text
    with open(os.path.join(DATA, "pci_indicators.csv"), encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            values[(int(r["year"]), r["sub_index"])][r["province"]][int(r["indicator_no"])] = r["value"]
    names = {}
    with open(os.path.join(DATA, "pci_indicator_names.csv"), encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            names[(int(r["year"]), r["sub_index"], int(r["indicator_no"]))] = r["indicator"]
    return published, values, names


def indicator_id(sub: str, no: int) -> str:
    return f"{sub}_{no:02d}"


def wide_table(year, published, values) -> tuple[list[str], list[list[str]]]:
    """Columns: province, the ten published sub-indices, every indicator of the year."""
    provinces = sorted(p for (y, p) in published if y == year)
    header = ["province"] + [s for s, *_ in SUB_INDICES]
    rows = [[p] + [published[(year, p)][s] for s, *_ in SUB_INDICES] for p in provinces]
    for sub, *_ in SUB_INDICES:
        table = values[(year, sub)]
        for no in sorted(table[provinces[0]]):
            header.append(indicator_id(sub, no))
            for row, p in zip(rows, provinces):
                row.append(table[p][no])
    return header, rows


def calibrate(binary, year, sub, published, values):
    provinces = sorted(values[(year, sub)])
    nos = sorted(values[(year, sub)][provinces[0]])
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["province", sub] + [indicator_id(sub, n) for n in nos])
        for p in provinces:
            w.writerow([p, published[(year, p)][sub]] + [values[(year, sub)][p][n] for n in nos])
        path = f.name
    try:
        out = subprocess.run(
            [binary, "calibrate", "--input", path, "--unit-column", "province", "--target", sub,
             "--scale", "1,10", "--format", "json"],
            capture_output=True, text=True, check=True,
        ).stdout
    finally:
        os.unlink(path)
    return json.loads(out)


def spec_text(year, fits, names) -> str:
    exact = [s for s, *_ in SUB_INDICES if fits[s]["exact"]]
    inexact = [s for s, *_ in SUB_INDICES if not fits[s]["exact"]]
    lines = [
        f"# PCI {year} down to its indicators. Generated by scripts/make_pci_indicator_specs.py from",
        "# examples/data/pci (VCCI's workbooks) with `chiso calibrate --scale 1,10`: do not edit by hand.",
        "#",
        "# Exactly linear sub-indices are groups of indicators, each rescaled to 1–10 by min_max between",
        "# calibrated goalposts (one year's data fixes only weight / goalpost width: chiso extends every",
        "# indicator's observed range by the same shares, see docs/spec.md) with its direction and weight.",
    ]
    for s in inexact:
        lines.append(
            f"# {s} is not an exact linear function of its printed indicators (largest residual "
            f"{fits[s]['max_residual']:.3f}): it is a leaf that takes the published column."
        )
    lines += [
        "",
        f"id = {q(f'pci_indicators_{year}')}",
        f"label = {{ vi = {q(f'PCI {year} theo chỉ tiêu thành phần')}, en = {q(f'PCI {year} from its indicators')} }}",
        "description = "
        + q(
            f"VCCI's PCI {year} computed from the indicators behind its sub-indices. Sub-indices calibrated "
            f"exactly (largest residual ≤ 1e-4): {', '.join(exact)}. "
            + (
                "Taken from the published column (inexact: "
                + ", ".join(f"{s} {fits[s]['max_residual']:.3f}" for s in inexact)
                + "). "
                if inexact
                else ""
            )
            + "Indicator ids are the position in that year's VCCI sheet; names as VCCI printed them."
        ),
        'root = "pci"',
        "precision = 2",
        'rank = { on = "unrounded", ties = "competition" }',
        "",
        "[[nodes]]",
        'id = "pci"',
        'label = { vi = "PCI", en = "PCI" }',
        'aggregation = "weighted_mean"',
        "multiplier = 10",
        "scale = { min = 10, max = 100 }",
        "children = [" + ", ".join(q(s) for s, *_ in SUB_INDICES) + "]",
    ]
    for sub, vi, en, weight in SUB_INDICES:
        fit = fits[sub]
        lines += ["", "[[nodes]]", f"id = {q(sub)}", f"label = {{ vi = {q(vi)}, en = {q(en)} }}",
                  f"weight = {weight}", "scale = { min = 1, max = 10 }"]
        if not fit["exact"]:
            continue
        children = [c["column"] for c in fit["children"]]
        lines += ['aggregation = "weighted_mean"', "children = [" + ", ".join(q(c) for c in children) + "]"]
        for c in fit["children"]:
            no = int(c["column"].rsplit("_", 1)[1])
            name = names[(year, sub, no)]
            label = f"{{ vi = {q(name)}, en = {q(name)} }}"
            lines += ["", "[[nodes]]", f"id = {q(c['column'])}", f"label = {label}"]
            if c["direction"] is None:
                lines.append("weight = 0.0  # carries no weight in the published sub-index")
                continue
            lines += [
                f"weight = {num(c['weight'])}",
                f"direction = {q(c['direction'])}",
                f"normalise = {{ method = \"min_max\", low = 1.0, high = 10.0, min = {num(c['min'])}, max = {num(c['max'])} }}",
            ]
    return "\n".join(lines) + "\n"


def links(all_fits, names) -> list[list[str]]:
    """Rows of pci_indicator_links.csv (exact fits only, nonzero coefficients)."""
    rows = []
    for year in YEARS:
        for sub, *_ in SUB_INDICES:
            now, before = all_fits.get((year, sub)), all_fits.get((year - 1, sub))
            if not now or not before or not now["exact"] or not before["exact"]:
                continue
            previous = {c: v for c, v in before["coefficients"].items() if v != 0}
            for column, c in now["coefficients"].items():
                if c == 0:
                    continue
                hits = [p for p, v in previous.items() if abs(v - c) <= 1e-5 * abs(c)]
                if len(hits) != 1:
                    continue
                no, prev = int(column.rsplit("_", 1)[1]), int(hits[0].rsplit("_", 1)[1])
                rows.append([str(year), sub, str(no), str(prev), repr(c),
                             names[(year, sub, no)], names[(year - 1, sub, prev)]])
    return rows


def main() -> None:
    binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target", "debug", "chiso")
    published, values, names = load()
    os.makedirs(OUT, exist_ok=True)
    all_fits = {}
    for year in YEARS:
        fits = {s: calibrate(binary, year, s, published, values) for s, *_ in SUB_INDICES}
        all_fits.update({(year, s): f for s, f in fits.items()})
        with open(os.path.join(OUT, f"pci_indicators_{year}.toml"), "w", encoding="utf-8") as f:
            f.write(spec_text(year, fits, names))
        summary = ", ".join(f"{s} {fits[s]['max_residual']:.1e}" for s, *_ in SUB_INDICES)
        print(f"{year}: {summary}")
        if year in WIDE_YEARS:
            header, rows = wide_table(year, published, values)
            with open(os.path.join(OUT, f"pci_{year}_wide.csv"), "w", encoding="utf-8", newline="") as f:
                w = csv.writer(f, lineterminator="\n")
                w.writerow(header)
                w.writerows(rows)
    with open(os.path.join(OUT, "pci_indicator_links.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["year", "sub_index", "indicator_no", "previous_year_indicator_no", "coefficient",
                    "indicator", "previous_year_indicator"])
        rows = links(all_fits, names)
        w.writerows(rows)
    print(f"{len(rows)} indicators linked to the year before by their calibrated coefficient")


if __name__ == "__main__":
    main()
