#!/usr/bin/env python3
"""The `pci_indicators` preset: PCI 2013–2018 down to its indicators, with ids stable across years.

usage: python3 scripts/make_pci_indicators_preset.py

Reads the calibrated specs of each year (examples/pci_indicators/pci_indicators_YYYY.toml, made
by scripts/make_pci_indicator_specs.py from `chiso calibrate`), VCCI's printed indicator names
(examples/data/pci/pci_indicator_names.csv) and the coefficient links
(examples/pci_indicators/pci_indicator_links.csv), and writes:

- crates/chiso/presets/pci_indicators.toml: one tree, one edition per year (weights, goalposts
  and printed names of that year; indicators VCCI did not print that year removed; sub-indices
  that their indicators do not reproduce made leaves that take the published column);
- examples/pci_indicators/pci_indicator_ids.csv: every (year, sub-index, position) → stable id,
  with the indicator it continues and the reason for the link;
- examples/pci_indicators/pci_indicators_wide.csv: the data the preset scores, a row per
  province and year, the ten published sub-indices and every indicator under its stable id.

Matching (an indicator keeps its id when VCCI kept the indicator), per sub-index, year by year:
- same language as the year before (2014→2015→2016 Vietnamese, 2017→2018 English): the same
  printed name (after folding case, punctuation and spacing), else a calibrated coefficient equal
  to 1e-5 (fixed goalposts and weight: pci_indicator_links.csv) with a similar name, else the
  same name with a note added or dropped (one folded name starts the other), else a name similar enough to be a rewording (difflib ratio ≥ 0.75), one to one, best first;
- language switch (2013 English → 2014 Vietnamese, 2016 Vietnamese → 2017 English): the
  translations matched by hand below (TRANSLATIONS), each one read side by side; a coefficient
  link, where there is one, is reported as confirming it.
Every number is copied from the calibrated specs: this script only arranges them.
"""

from __future__ import annotations

import csv
import difflib
import json
import os
import re
from collections import defaultdict

import tomllib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "examples", "data", "pci")
SPECS = os.path.join(ROOT, "examples", "pci_indicators")
PRESET = os.path.join(ROOT, "crates", "chiso", "presets", "pci_indicators.toml")
YEARS = list(range(2013, 2019))
ENGLISH = {2013, 2017, 2018}
SUBS = [
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
SIMILAR = 0.75

# Hand-matched translations across the language switches: year → sub-index → {position that
# year: position the year before}. Positions not listed are new indicators.
IDENTITY = lambda n: {i: i for i in range(1, n + 1)}  # noqa: E731
TRANSLATIONS = {
    2014: {
        # 2014 inserts a "days from a valid file to the certificate" (2) and "meets none of the
        # criteria" (13); the rest are the 2013 questions in order.
        "entry_costs": {1: 1, 3: 2, 4: 3, 5: 4, 6: 5, 7: 6, 8: 7, 9: 8, 10: 9, 11: 10, 12: 11},
        "land_access": IDENTITY(8),
        "transparency": IDENTITY(10),
        "time_costs": IDENTITY(9),
        "informal_charges": IDENTITY(5),
        "policy_bias": IDENTITY(14),
        "proactivity": IDENTITY(6),
        "business_support": IDENTITY(24),
        "labor_policy": IDENTITY(11),
        # 12 (share of cases resolved in the year) is marked "new in 2014" by VCCI.
        "legal_institutions": IDENTITY(11),
    },
    2017: {
        # 2017 redesign: 2016's land-certificate wait (3), one-stop-shop share (6) and "none of
        # the criteria" (12) dropped; online registration (5) new.
        "entry_costs": {1: 1, 2: 2, 3: 4, 4: 5, 6: 7, 7: 8, 8: 9, 9: 10, 10: 11},
        # 2 (days to wait for a certificate) was under entry costs until 2016 (another
        # sub-index: a new id); 5–7 (reasons for land difficulties) new; land share (2016.2) dropped.
        "land_access": {1: 1, 3: 3, 4: 6, 8: 4, 9: 5, 10: 7, 11: 8},
        # 4–6 (bidding, information requests) new; budget published promptly (2016.10) dropped.
        "transparency": {1: 1, 2: 2, 3: 9, 7: 3, 8: 4, 9: 5, 10: 6, 11: 7, 12: 8},
        # inspections now counted as "5+ a year" (8) and "overlapping" (9), not the median
        # number (2016.2): new; 7 and 11 new; "no noticeable change" (2016.9) dropped.
        "time_costs": {1: 1, 2: 4, 3: 5, 4: 6, 5: 7, 6: 8, 10: 3},
        # 5, 7, 8, 9 (informal charges by occasion) new.
        "informal_charges": {1: 1, 2: 4, 3: 3, 4: 5, 6: 2},
        "policy_bias": IDENTITY(14),
        # 7–9 (dialogues and responses) new.
        "proactivity": IDENTITY(6),
        "business_support": IDENTITY(24),
        "labor_policy": IDENTITY(11),
        # 3 and 14–17 (discipline of staff, security) new; appeal against officials (2) is 2016's
        # mechanism to denounce officials' corruption (1), reworded.
        "legal_institutions": {1: 2, 2: 1, 4: 11, 5: 5, 6: 10, 7: 6, 8: 7, 9: 8, 10: 9, 11: 3, 12: 4, 13: 12},
    },
}


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^\w%]+", " ", text.casefold())).strip()


def q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def num(x: float) -> str:
    return repr(float(x))


def load():
    names = defaultdict(dict)
    with open(os.path.join(DATA, "pci_indicator_names.csv"), encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            names[(int(r["year"]), r["sub_index"])][int(r["indicator_no"])] = r["indicator"]
    links = set()
    with open(os.path.join(SPECS, "pci_indicator_links.csv"), encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            links.add((int(r["year"]), r["sub_index"], int(r["indicator_no"]), int(r["previous_year_indicator_no"])))
    specs = {}
    for y in YEARS:
        with open(os.path.join(SPECS, f"pci_indicators_{y}.toml"), "rb") as f:
            specs[y] = tomllib.load(f)
    return names, links, specs


def match(year, sub, names, links):
    """{position this year: (position the year before, reason)}."""
    new, old = names[(year, sub)], names[(year - 1, sub)]
    linked = lambda n, o: (year, sub, n, o) in links  # noqa: E731
    if year in TRANSLATIONS:
        out = {}
        for n, o in TRANSLATIONS[year][sub].items():
            reason = "translation, matched by hand"
            if linked(n, o):
                reason += "; calibrated coefficient equal to 1e-5"
            out[n] = (o, reason)
        return out
    candidates = []
    for n, nt in new.items():
        for o, ot in old.items():
            sim = difflib.SequenceMatcher(None, fold(nt), fold(ot)).ratio()
            if fold(nt) == fold(ot):
                candidates.append(
                    (3.0, n, o, "same printed name" + ("; calibrated coefficient equal" if linked(n, o) else ""))
                )
            elif linked(n, o) and sim >= 0.5:
                candidates.append(
                    (2.0 + sim, n, o, f"calibrated coefficient equal to 1e-5; name reworded (similarity {sim:.2f})")
                )
            elif fold(nt).startswith(fold(ot)) or fold(ot).startswith(fold(nt)):
                candidates.append((1.9, n, o, "same name with a note added or dropped"))
            elif sim >= SIMILAR:
                candidates.append((1.0 + sim, n, o, f"name reworded (similarity {sim:.2f})"))
    out, used = {}, set()
    for _, n, o, reason in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if n not in out and o not in used:
            out[n] = (o, reason)
            used.add(o)
    return out


def natural_range(names_of_id, values_of_id):
    """The values an indicator can take, from its printed names and every value it took:
    a 1–5 rating; days, hours or a count (0 up); a share (0–1, or 0–100 where VCCI printed it
    in percent); else a score (0 up). The planner keeps the indicator within it."""
    text = " ".join(names_of_id)
    if re.search(r"1\s*[:=]", text) and "5" in text:
        return (1, 5)
    if re.search(r"\bdays?\b|\bhours?\b|number of|số ngày|số giờ|số cuộc|số hội chợ|số lượng", text, re.IGNORECASE):
        return (0, None)
    share = "%" in text or re.search(r"percentage|ratio|tỉ lệ|tỷ lệ", text, re.IGNORECASE)
    if share and max(values_of_id) <= 1:
        return (0, 1)
    if share and max(values_of_id) <= 100:
        return (0, 100)
    if min(values_of_id) < 0:
        raise SystemExit(f"negative values under {names_of_id[0]}: declare its range by hand")
    return (0, None)


def children(spec, sub):
    """The calibrated indicator nodes of a sub-index that year ({} when it is a leaf)."""
    by_id = {n["id"]: n for n in spec["nodes"]}
    return {int(c.rsplit("_", 1)[1]): by_id[c] for c in by_id[sub].get("children", [])}


def main() -> None:
    names, links, specs = load()
    ids = {}  # (year, sub, position) -> stable id
    rows = []  # pci_indicator_ids.csv
    count = defaultdict(int)
    # An indicator's direction (from the sign of its calibrated coefficient) must agree across
    # the years an id spans: a flipped sign means the scale was recoded, so the link is refused.
    dirs = {
        (y, sub, no): node.get("direction")
        for y in YEARS
        for sub in SUBS
        for no, node in children(specs[y], sub).items()
    }
    for year in YEARS:
        for sub in SUBS:
            links_here = match(year, sub, names, links) if year > YEARS[0] else {}
            for no, name in sorted(names[(year, sub)].items()):
                if no in links_here:
                    now, before = dirs.get((year, sub, no)), dirs.get((year - 1, sub, links_here[no][0]))
                    if now and before and now != before:
                        prev = links_here.pop(no)[0]
                        count[sub] += 1
                        ident = f"{sub}_i{count[sub]:02d}"
                        ids[(year, sub, no)] = ident
                        rows.append(
                            [
                                year,
                                sub,
                                no,
                                ident,
                                "",
                                f"new: matches {year - 1} position {prev} by name, "
                                f"but its direction flipped ({before} → {now}): the scale was recoded",
                                "en" if year in ENGLISH else "vi",
                                name,
                            ]
                        )
                        continue
                if no in links_here:
                    prev, reason = links_here[no]
                    ident = ids[(year - 1, sub, prev)]
                else:
                    count[sub] += 1
                    ident = f"{sub}_i{count[sub]:02d}"
                    prev, reason = (
                        "",
                        ("first year" if year == YEARS[0] else "new: no indicator of the year before matches"),
                    )
                ids[(year, sub, no)] = ident
                rows.append([year, sub, no, ident, prev, reason, "en" if year in ENGLISH else "vi", name])

    # Direction must agree across the years an id spans (a flipped sign would mean a wrong link).
    direction = {}
    for year in YEARS:
        for sub in SUBS:
            for no, node in children(specs[year], sub).items():
                d = node.get("direction")
                ident = ids[(year, sub, no)]
                if d and direction.setdefault(ident, d) != d:
                    raise SystemExit(f"{ident}: direction {d} in {year}, {direction[ident]} before")

    os.makedirs(SPECS, exist_ok=True)
    with open(os.path.join(SPECS, "pci_indicator_ids.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(
            [
                "year",
                "sub_index",
                "indicator_no",
                "id",
                "previous_year_indicator_no",
                "reason",
                "printed_in",
                "indicator",
            ]
        )
        w.writerows(rows)

    # Natural ranges, from every name and value an id had.
    values_by_id, names_by_id = defaultdict(list), defaultdict(list)
    with open(os.path.join(DATA, "pci_indicators.csv"), encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            values_by_id[ids[(int(r["year"]), r["sub_index"], int(r["indicator_no"]))]].append(float(r["value"]))
    for year, sub, no, ident, *_ in rows:
        names_by_id[ident].append(names[(year, sub)][no])
    ranges = {i: natural_range(names_by_id[i], values_by_id[i]) for i in names_by_id}

    # The tree: every id under its sub-index, in order of first appearance; base values are the
    # latest year's, each edition states its own.
    order = defaultdict(list)
    latest = {}
    for year, sub, no, ident, *_ in rows:
        if ident not in order[sub]:
            order[sub].append(ident)
        latest[ident] = (year, sub, no)
    sub_labels = {n["id"]: n["label"] for n in specs[2018]["nodes"] if n["id"] in SUBS}
    lines = [
        "# PCI 2013–2018 down to its indicators, ids stable across years. Generated by",
        "# scripts/make_pci_indicators_preset.py from examples/pci_indicators (calibrated by",
        "# `chiso calibrate`) and VCCI's printed names: do not edit by hand.",
        "#",
        "# Each edition is one year: the indicators VCCI printed that year (others removed), their",
        "# weights, and per indicator (`[[editions.nodes]]`) its calibrated goalposts (`normalise`) and",
        "# printed name (`label`: VCCI printed one language a year — English in 2013, 2017 and 2018,",
        "# Vietnamese in 2014–2016 — and both label fields carry that print; no translation is made up). Sub-indices their printed indicators",
        "# do not reproduce (entry costs 2013, business support and labor policy 2014–2018) are",
        "# leaves that year (`leaves`) and take the published column. The matching of ids across",
        "# years, with a reason per link: examples/pci_indicators/pci_indicator_ids.csv. `range` is",
        "# the values an indicator can take (1–5 ratings, shares 0–1 or 0–100, counts and days from 0),",
        "# read from its printed names and values: the indicator planner's natural bounds.",
        "",
        'id = "pci_indicators"',
        'label = { vi = "PCI theo chỉ tiêu thành phần", en = "PCI down to its indicators" }',
        "description = "
        + q(
            "VCCI's Provincial Competitiveness Index 2013–2018 computed from the indicators behind its "
            "sub-indices, with rescaling and weights recovered by calibration (exact to 1.2e-6 on 49 of the "
            "60 sub-index-years). Indicator ids are stable where VCCI kept the indicator; labels are the "
            "names VCCI printed that year, in the one language it printed them in (English in 2013, 2017 "
            "and 2018, Vietnamese in 2014–2016). Entry costs 2013 and business support and labor policy "
            "2014–2018 are not reproduced by their printed indicators: they take the published sub-index "
            "column."
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
        "children = [" + ", ".join(q(s) for s in SUBS) + "]",
    ]
    composite = {n["id"]: n["weight"] for n in specs[2018]["nodes"] if n["id"] in SUBS}
    for sub in SUBS:
        lab = sub_labels[sub]
        lines += [
            "",
            "[[nodes]]",
            f"id = {q(sub)}",
            f"label = {{ vi = {q(lab['vi'])}, en = {q(lab['en'])} }}",
            f"weight = {composite[sub]}",
            "scale = { min = 1, max = 10 }",
            'aggregation = "weighted_mean"',
            "children = [" + ", ".join(q(i) for i in order[sub]) + "]",
        ]
    for sub in SUBS:
        for ident in order[sub]:
            year, _, no = latest[ident]
            name = names[(year, sub)][no]
            lo, hi = ranges[ident]
            bounds = f"min = {lo}" + (f", max = {hi}" if hi is not None else "")
            lines += [
                "",
                "[[nodes]]",
                f"id = {q(ident)}",
                f"label = {{ vi = {q(name)}, en = {q(name)} }}",
                f"direction = {q(direction.get(ident, 'higher_is_better'))}",
                f"range = {{ {bounds} }}",
            ]
    for year in YEARS:
        present = {ids[(year, sub, no)] for sub in SUBS for no in names[(year, sub)]}
        leaves = [sub for sub in SUBS if not children(specs[year], sub)]
        weights, changes = [], []
        for sub in SUBS:
            kids = children(specs[year], sub)
            for no, name in sorted(names[(year, sub)].items()):
                ident = ids[(year, sub, no)]
                change = ["", "[[editions.nodes]]", f"id = {q(ident)}", f"label = {{ vi = {q(name)}, en = {q(name)} }}"]
                if sub not in leaves:
                    node = kids[no]
                    weights.append(f"{ident} = {num(node['weight'])}")
                    if "normalise" in node:
                        n = node["normalise"]
                        change.append(
                            f'normalise = {{ method = "min_max", low = {num(n["low"])}, high = {num(n["high"])}, '
                            f"min = {num(n['min'])}, max = {num(n['max'])} }}"
                        )
                changes += change
        absent = [i for sub in SUBS for i in order[sub] if i not in present]
        # The residuals as the per-year spec states them ("inexact: business_support 0.086, …").
        m = re.search(r"\(inexact: ([^)]*)\)", specs[year].get("description", ""))
        inexact = (f"{m.group(1)} (largest residual of the calibration)" if m else ", ".join(leaves)) or "none"
        lines += [
            "",
            "[[editions]]",
            f"from = {year}",
            f"to = {year}",
            "note = " + q(f"VCCI's {year} workbook; leaves that take the published column: {inexact}."),
            "remove = [" + ", ".join(q(i) for i in absent) + "]",
            "leaves = [" + ", ".join(q(s) for s in leaves) + "]",
        ]
        lines += ["", "[editions.weights]"] + weights
        lines += changes
    # Tier bands: as in pci.toml (fitted to the published tiers of 2013–2016).
    with open(os.path.join(ROOT, "crates", "chiso", "presets", "pci.toml"), encoding="utf-8") as f:
        pci = f.read()
    tiers = pci[pci.index("[[tiers]]") :]
    lines += ["", tiers.rstrip()]
    with open(PRESET, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")

    # The data the preset scores.
    published = {}
    with open(os.path.join(DATA, "pci_subindices.csv"), encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            published[(int(r["year"]), r["province"])] = r
    values = defaultdict(dict)
    with open(os.path.join(DATA, "pci_indicators.csv"), encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            y = int(r["year"])
            values[(y, r["province"])][ids[(y, r["sub_index"], int(r["indicator_no"]))]] = r["value"]
    columns = [i for sub in SUBS for i in order[sub]]
    with open(os.path.join(SPECS, "pci_indicators_wide.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["year", "province"] + SUBS + columns)
        for (y, p), r in sorted(published.items()):
            if y in YEARS:
                w.writerow([y, p] + [r[s] for s in SUBS] + [values[(y, p)].get(c, "") for c in columns])
    kept = sum(1 for r in rows if r[4] != "")
    print(f"{len(rows)} indicator-years, {len(columns)} ids, {kept} links to the year before")


if __name__ == "__main__":
    main()
