#!/usr/bin/env python3
"""Writes tests/vectors/*.json: language-neutral cases that the Rust, Python and JS tests all check.

Expected values come from the published PCI tables (examples/data/pci/) or from arithmetic
written out here, never from chiso itself. Re-run after changing the data:
    python3 scripts/make_vectors.py
"""
import csv
import json
import os
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "examples", "data", "pci")
OUT = os.path.join(ROOT, "tests", "vectors")
IDS = ["entry_costs", "land_access", "transparency", "time_costs", "informal_charges",
       "policy_bias", "proactivity", "business_support", "labor_policy", "legal_institutions"]
WEIGHTS = {  # DESIGN.md, percent, in the order of IDS (None: not in the edition)
    2006: [5, 5, 15, 10, 5, 5, 15, 15, 15, 10],
    2010: [10, 5, 20, 15, 10, None, 10, 5, 20, 5],
    2013: [5, 5, 20, 5, 10, 5, 5, 20, 20, 5],
    2022: [5, 10, 5, 5, 15, 10, 15, 15, 10, 10],
}


def nfc(text):
    # Some source cells spell tiers in decomposed form (NFD); chiso's labels are NFC.
    return unicodedata.normalize("NFC", text)


def load(name):
    with open(os.path.join(DATA, name), encoding="utf-8") as f:
        return list(csv.DictReader(f))


def input_row(r, year=True):
    row = {"unit": r["province"]}
    if year:
        row["year"] = int(r["year"])
    for i in IDS:
        if r[i] != "":
            row[i] = float(r[i])
    return row


def write(name, case):
    case = {"name": name, **case}
    with open(os.path.join(OUT, name + ".json"), "w", encoding="utf-8") as f:
        json.dump(case, f, ensure_ascii=False, indent=1)
        f.write("\n")


def pci_by_hand(values, weights):
    return 10 * sum(w / 100 * v for v, w in zip(values, weights) if w is not None)


def competition_ranks(scores):
    return [1 + sum(1 for t in scores if t > s) for s in scores]


def main():
    os.makedirs(OUT, exist_ok=True)
    full = load("pci_subindices.csv")
    top = load("pci_top_2019_2020.csv")

    # Every province of the latest complete year: unrounded inputs, published composite and rank.
    rows16 = [r for r in full if r["year"] == "2016"]
    write("pci_2016_all_provinces", {
        "description": "PCI 2016, all 63 provinces, unrounded published sub-indices; expected = published composite and rank.",
        "index": "pci",
        "year": 2016,
        "rows": [input_row(r) for r in rows16],
        "tolerance": 1e-4,
        "expected": [{"unit": r["province"], "year": 2016, "score": float(r["pci_published"]),
                      "rank": int(r["rank_published"]), "tier": nfc(r["tier_published"]) or None} for r in rows16],
    })

    # The 2006 edition (64 provinces, Hà Tây separate).
    rows06 = [r for r in full if r["year"] == "2006"]
    write("pci_2006_all_provinces", {
        "description": "PCI 2006 (weights of 2006–2008), 64 provinces; expected = published composite and rank; no tier rule that year.",
        "index": "pci",
        "year": 2006,
        "rows": [input_row(r) for r in rows06],
        "tolerance": 1e-4,
        "expected": [{"unit": r["province"], "year": 2006, "score": float(r["pci_published"]),
                      "rank": int(r["rank_published"]), "tier": None} for r in rows06],
    })

    # The published leaders of 2019, rounded to 2 decimals. Each input is within 0.005 of the
    # unrounded value, so the composite is within 10 * 0.005 = 0.05 (weights sum to 100 %),
    # plus 0.005 for the rounding of the published composite: tolerance 0.055. Ranks are among
    # these 22 rows (Hồ Chí Minh City, rank 14, is published without scores).
    rows19 = [r for r in top if r["year"] == "2019"]
    write("pci_2019_leaders_rounded", {
        "description": "PCI 2019 leaders (ranks 1–23 without 14), inputs rounded to 2 decimals; tolerance 10·0.005 + 0.005.",
        "index": "pci",
        "year": 2019,
        "rows": [input_row(r) for r in rows19],
        "tolerance": 0.055,
        "expected": [{"unit": r["province"], "year": 2019, "score": float(r["pci_published"]),
                      "rank": int(r["rank_published"]) - (1 if int(r["rank_published"]) > 14 else 0),
                      "tier": None} for r in rows19],
    })

    # Quảng Ninh 2019 alone: the DESIGN.md example, a decimal-comma CSV as Vietnamese Excel writes it.
    qn = next(r for r in rows19 if r["province"] == "Quảng Ninh")
    header = ";".join(["unit", "year"] + IDS)
    line = ";".join([qn["province"], "2019"] + [qn[i].replace(".", ",") for i in IDS])
    write("pci_2019_quang_ninh_decimal_comma", {
        "description": "Quảng Ninh 2019 → 73.40, rank 1, from a ';'-separated CSV with decimal commas and a BOM.",
        "index": "pci",
        "csv": "\ufeff" + header + "\n" + line + "\n",
        "tolerance": 0.055,
        "expected": [{"unit": "Quảng Ninh", "year": 2019, "score": 73.40, "rank": 1, "tier": None}],
    })

    # The nine-sub-index edition (2009–2012): hand-computed, and exact ties share a rank (1, 2, 2, 4).
    w = WEIGHTS[2010]
    units = [("Tỉnh A", [6.0, 5.0, 7.0, 6.5, 5.5, None, 6.0, 5.0, 6.0, 5.0]),
             ("Tỉnh B", [5.0, 6.0, 6.0, 6.0, 6.0, None, 6.0, 6.0, 6.0, 6.0]),
             ("Tỉnh C", [5.0, 6.0, 6.0, 6.0, 6.0, None, 6.0, 6.0, 6.0, 6.0]),
             ("Tỉnh D", [5.0, 5.0, 5.0, 5.0, 5.0, None, 5.0, 5.0, 5.0, 5.0])]
    scores = [pci_by_hand(v, w) for _, v in units]
    ranks = competition_ranks(scores)
    write("pci_2010_nine_subindices_ties", {
        "description": "2009–2012 edition (no policy_bias), hand-computed 10·Σ(w/100)·s; B and C have the same sub-indices and tie exactly: competition ranking.",
        "index": "pci",
        "year": 2010,
        "rows": [{"unit": u, "year": 2010, **{i: x for i, x in zip(IDS, v) if x is not None}} for u, v in units],
        "tolerance": 1e-9,
        "expected": [{"unit": u, "year": 2010, "score": s, "rank": k, "tier": None}
                     for (u, _), s, k in zip(units, scores, ranks)],
    })

    # Tiers: published tiers of 2014 (fitted score bands of the preset) for every province.
    rows14 = [r for r in full if r["year"] == "2014"]
    write("pci_2014_tiers", {
        "description": "PCI 2014, all 63 provinces; expected tiers are the published ones.",
        "index": "pci",
        "year": 2014,
        "rows": [input_row(r) for r in rows14],
        "tolerance": 1e-4,
        "expected": [{"unit": r["province"], "year": 2014, "score": float(r["pci_published"]),
                      "rank": int(r["rank_published"]), "tier": nfc(r["tier_published"])} for r in rows14],
    })

    # Year-over-year: 2013 → 2014 from published ranks and composites.
    by13 = {r["province"]: r for r in full if r["year"] == "2013"}
    both = [r for r in rows14 if r["province"] in by13]
    write("pci_compare_2013_2014", {
        "description": "Comparison 2013 → 2014, all provinces: score delta and places gained (rank_from − rank_to) from published values.",
        "index": "pci",
        "compare": {"from": 2013, "to": 2014},
        "rows": [input_row(r) for r in full if r["year"] in ("2013", "2014")],
        "tolerance": 2e-4,
        "expected": [{"unit": r["province"],
                      "score_delta": float(r["pci_published"]) - float(by13[r["province"]]["pci_published"]),
                      "rank_from": int(by13[r["province"]]["rank_published"]),
                      "rank_to": int(r["rank_published"]),
                      "rank_change": int(by13[r["province"]]["rank_published"]) - int(r["rank_published"])}
                     for r in both],
    })

    # Bad inputs: each must fail with this error kind and a message naming what is wrong.
    qn_row = input_row(qn)
    bad_scale = dict(qn_row, unit="Hà Nội", land_access=11.5)
    write("error_out_of_scale", {
        "description": "A sub-index above its 1–10 scale: a data error naming the row, unit and column.",
        "index": "pci",
        "rows": [qn_row, bad_scale],
        "error": {"kind": "data", "contains": ["row 2", "Hà Nội", "land_access", "11.5", "1–10"]},
    })
    missing = {k: v for k, v in qn_row.items() if k != "informal_charges"}
    write("error_missing_column", {
        "description": "A sub-index column is absent: a data error naming the column.",
        "index": "pci",
        "rows": [missing],
        "error": {"kind": "data", "contains": ["missing column 'informal_charges'"]},
    })
    write("error_no_edition", {
        "description": "A year no PCI edition covers: a spec error listing the editions.",
        "index": "pci",
        "rows": [dict(qn_row, year=2003)],
        "error": {"kind": "spec", "contains": ["no edition for 2003", "2006–2008", "2022–2024"]},
    })
    write("error_duplicate_unit", {
        "description": "The same unit twice in one year: a data error naming both rows.",
        "index": "pci",
        "rows": [qn_row, dict(qn_row)],
        "error": {"kind": "data", "contains": ["row 2", "Quảng Ninh", "first at row 1"]},
    })
    write("error_not_a_number", {
        "description": "A cell with text: a data error naming row, unit, column and the text.",
        "index": "pci",
        "csv": "unit,year," + ",".join(IDS) + "\nQuảng Ninh,2019," + ",".join(["7.1"] * 9 + ["n/a"]) + "\n",
        "error": {"kind": "data", "contains": ["row 1", "Quảng Ninh", "legal_institutions", "'n/a'"]},
    })
    write("error_unknown_aggregation", {
        "description": "A spec with an unknown aggregation method: a spec error naming the node and the method.",
        "spec": {"id": "demo", "root": "total", "nodes": [
            {"id": "total", "aggregation": "weighted_average", "children": ["a", "b"]},
            {"id": "a"}, {"id": "b"}]},
        "rows": [{"unit": "X", "a": 1, "b": 2}],
        "error": {"kind": "spec", "contains": ["node 'total'", "unknown aggregation method 'weighted_average'", "weighted_mean"]},
    })
    write("error_cycle", {
        "description": "A spec whose children form a cycle: a spec error with the path.",
        "spec": {"id": "demo", "root": "total", "nodes": [
            {"id": "total", "children": ["a"]},
            {"id": "a", "children": ["b"]},
            {"id": "b", "children": ["a"]}]},
        "rows": [{"unit": "X"}],
        "error": {"kind": "spec", "contains": ["cycle", "a -> b -> a"]},
    })
    write("error_negative_weight", {
        "description": "A negative weight: a spec error naming the node.",
        "spec": {"id": "demo", "root": "total", "nodes": [
            {"id": "total", "children": ["a", "b"]},
            {"id": "a", "weight": -1}, {"id": "b"}]},
        "rows": [{"unit": "X", "a": 1, "b": 2}],
        "error": {"kind": "spec", "contains": ["node 'a'", "weight -1"]},
    })

    # Analysis: the diagnosis and the top-10 plan of Nam Định in 2016, computed here from the
    # published table (statistics.median; the plan's optimum by enumerating the vertices of
    # the linear program min Σg s.t. Σ 10·wᵢ/100·gᵢ ≥ threshold − score, 0 ≤ gᵢ ≤ 10 − sᵢ).
    import itertools
    import statistics
    unit = "Nam Định"
    me = next(r for r in rows16 if r["province"] == unit)
    others = sorted((float(r["pci_published"]) for r in rows16 if r["province"] != unit), reverse=True)
    threshold = others[9]
    weights13 = WEIGHTS[2013]
    a = [10 * w / 100 for w in weights13]
    current = [float(me[i]) for i in IDS]
    caps = [10 - x for x in current]
    delta = threshold - float(me["pci_published"])
    best = None
    for bits in itertools.product([0, 1], repeat=len(IDS)):
        base = sum(a[i] * caps[i] * bits[i] for i in range(len(IDS)))
        cost = sum(caps[i] * bits[i] for i in range(len(IDS)))
        if base >= delta:
            best = cost if best is None else min(best, cost)
        for free in (i for i in range(len(IDS)) if not bits[i]):
            g = (delta - base) / a[free]
            if 0 <= g <= caps[free]:
                best = cost + g if best is None else min(best, cost + g)
    write("plan_nam_dinh_2016_top10", {
        "description": "Nam Định 2016 to the top 10, others fixed: threshold = 10th best other composite; the fewest total points by vertex enumeration.",
        "index": "pci",
        "rows": [input_row(r) for r in rows16],
        "plan": {"unit": unit, "year": 2016, "target": "top:10"},
        # Published composites differ from recomputed ones by up to 2e-5; total_gain = Δ / 0.2.
        "tolerance": 1e-3,
        "expected": {"reachable": True, "rank_now": int(me["rank_published"]), "rank_planned": 10,
                     "threshold": threshold, "total_gain": best},
    })
    prev = next(r for r in full if r["year"] == "2015" and r["province"] == unit)
    write("diagnose_nam_dinh_2016", {
        "description": "Nam Định 2016 against 2015: each sub-index's median and leader over the 63 provinces (statistics.median, max) and its change.",
        "index": "pci",
        "rows": [input_row(r) for r in full if r["year"] in ("2015", "2016")],
        "diagnose": {"unit": unit, "year": 2016},
        "tolerance": 1e-4,
        "expected": {
            "rank": int(me["rank_published"]), "previous_rank": int(prev["rank_published"]),
            "score_change": float(me["pci_published"]) - float(prev["pci_published"]),
            "components": [{"id": i,
                            "median": statistics.median(float(r[i]) for r in rows16),
                            "leader": max(float(r[i]) for r in rows16),
                            "change": float(me[i]) - float(prev[i])} for i in IDS],
        },
    })

    # A user spec with a lower-is-better raw indicator, min-max normalised (PCI's 1 + 9·share).
    write("spec_min_max_lower_is_better", {
        "description": "Inline spec: two raw indicators min–max rescaled to 1–10 (one reversed), equal-weight mean; hand-computed.",
        "spec": {"id": "demo", "root": "total", "nodes": [
            {"id": "total", "aggregation": "weighted_mean", "children": ["days", "share"]},
            {"id": "days", "direction": "lower_is_better", "normalise": {"method": "min_max", "low": 1, "high": 10}},
            {"id": "share", "normalise": {"method": "min_max", "low": 1, "high": 10}}]},
        "rows": [{"unit": "A", "days": 10, "share": 0.2}, {"unit": "B", "days": 30, "share": 0.6},
                 {"unit": "C", "days": 20, "share": 1.0}],
        "tolerance": 1e-9,
        "expected": [{"unit": "A", "year": None, "score": (10 + 1) / 2, "rank": 2, "tier": None},
                     {"unit": "B", "year": None, "score": (1 + 5.5) / 2, "rank": 3, "tier": None},
                     {"unit": "C", "year": None, "score": (5.5 + 10) / 2, "rank": 1, "tier": None}],
    })

    coinr_asem_default()


def coinr_asem_default():
    """COINr's example (ASEM, 51 units, 49 indicators, 4 levels, 14 lower-is-better, 63 missing
    cells) with examples/coinr/asem.toml: every node's score and rank for every unit, expected
    values from COINr 1.1.14's own output (tests/coinr/default.csv). COINr ranks aggregates only;
    an indicator's rank is written out here as the competition rank of COINr's normalised value
    (best first: normalised scores are direction-adjusted)."""
    import tomllib
    coinr = os.path.join(ROOT, "tests", "coinr")
    with open(os.path.join(ROOT, "examples", "coinr", "asem.toml"), "rb") as f:
        spec = tomllib.load(f)
    with open(os.path.join(coinr, "asem_data.csv"), encoding="utf-8", newline="") as f:
        text = f.read()
    with open(os.path.join(coinr, "default.csv"), encoding="utf-8", newline="") as f:
        table = list(csv.DictReader(f))
    nodes = [n["id"] for n in spec["nodes"] if n["id"] != spec["root"]]
    indicators = [n["id"] for n in spec["nodes"] if "children" not in n]
    assert len(table) == 51 and len(nodes) == 59 and len(indicators) == 49
    value = {(r["uCode"], n): float(r[n]) for r in table for n in nodes + ["Index"] if r[n] != ""}
    rank = {}
    for n in indicators:
        present = [r["uCode"] for r in table if (r["uCode"], n) in value]
        for u, k in zip(present, competition_ranks([value[(u, n)] for u in present])):
            rank[(u, n)] = k
    for n in nodes + ["Index"]:
        if n not in indicators:
            for r in table:
                rank[(r["uCode"], n)] = int(r[n + "_rank"])
    write("coinr_asem_default", {
        "description": "COINr's ASEM example (51 units, 4 levels, 14 lower-is-better, 63 missing cells) with "
                       "examples/coinr/asem.toml (min-max 0-100, arithmetic means over the children present); "
                       "expected = COINr 1.1.14's default.csv: every node's score and rank.",
        "spec": spec,
        "csv": text,
        "unit_column": "uCode",
        "tolerance": 1e-9,
        "expected": [{"unit": r["uCode"], "year": None, "score": value[(r["uCode"], "Index")],
                      "rank": rank[(r["uCode"], "Index")], "tier": None,
                      "components": [{"id": n, "score": value[(r["uCode"], n)], "rank": rank[(r["uCode"], n)]}
                                     for n in nodes if (r["uCode"], n) in value]}
                     for r in table],
    })



def uncertainty_vectors(full):
    """tests/vectors/uncertainty/*.json: Monte Carlo cases. The nominal ranks come from the
    published table; the seeded distributions are chiso's own exact output (through the CLI),
    which the Rust, Python and JS suites must reproduce bit for bit, besides invariants."""
    import subprocess
    import tempfile

    out_dir = os.path.join(OUT, "uncertainty")
    os.makedirs(out_dir, exist_ok=True)
    rows16 = [r for r in full if r["year"] == "2016"]
    cases = [
        ("pci_2016_weights_sampling_error",
         "PCI 2016, weights ±20 % and a 0.15 standard error on transparency, 200 samples, seed 42.",
         {"weights_pm": 20, "sampling_error": {"transparency": 0.15}},
         ["--weights-pm", "20", "--se", "transparency=0.15"]),
        ("pci_2016_dirichlet_exclude_one",
         "PCI 2016, Dirichlet weights (concentration 50) and leaving one sub-index (or none) out, 200 samples, seed 42.",
         {"weights_dirichlet": 50, "exclude_one": True},
         ["--weights-dirichlet", "50", "--exclude-one"]),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "rows.csv")
        with open(path, "w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(["unit", "year"] + IDS)
            for r in rows16:
                writer.writerow([r["province"], 2016] + [repr(float(r[i])) for i in IDS])
        for name, description, inputs, flags in cases:
            command = ["cargo", "run", "--release", "-q", "-p", "chiso-cli", "--", "uncertainty", "--index", "pci",
                       "--input", path, "--year", "2016", "--samples", "200", "--seed", "42", "--format", "json", *flags]
            result = json.loads(subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True).stdout)
            case = {
                "name": name,
                "description": description,
                "index": "pci",
                "year": 2016,
                "rows": [input_row(r) for r in rows16],
                "inputs": inputs,
                "samples": 200,
                "seed": 42,
                # From the published table: the nominal ranks every sample is measured against.
                "nominal_ranks": {r["province"]: int(r["rank_published"]) for r in rows16},
                # chiso's exact seeded output, compared bit for bit.
                "expected": {"mean_rank_shift": result["mean_rank_shift"], "units": result["units"]},
            }
            with open(os.path.join(out_dir, name + ".json"), "w", encoding="utf-8") as f:
                json.dump(case, f, ensure_ascii=False, indent=1)
                f.write("\n")



def profile_vectors(full):
    """tests/vectors/profile/: a unit's profile across indices, full tables and published rows.

    Full-table rows are the published PCI sub-indices; the expected numbers are the published
    composites and ranks (DESIGN.md: Nam Định 2018 63.01, 35/63, +1.58 points, +6 places) and,
    for published rows, the press releases quoted in examples/profile/README.md (changes are
    this year's row minus last year's, written out below)."""
    out = os.path.join(OUT, "profile")
    os.makedirs(out, exist_ok=True)

    def put(name, case):
        with open(os.path.join(out, name + ".json"), "w", encoding="utf-8") as f:
            json.dump({"name": name, **case}, f, ensure_ascii=False, indent=1)
            f.write("\n")

    def published(unit, year, score, rank, out_of):
        return {"unit": unit, "year": year, "score": score, "rank": rank, "out_of": out_of}

    unit = "Nam Định"
    rows = [r for r in full if r["year"] in ("2017", "2018")]
    now = next(r for r in rows if r["year"] == "2018" and r["province"] == unit)
    before = next(r for r in rows if r["year"] == "2017" and r["province"] == unit)
    others = sorted((float(r["pci_published"]) for r in rows if r["year"] == "2018" and r["province"] != unit),
                    reverse=True)
    put("nam_dinh_2018", {
        "description": "Nam Định 2018 against 2017: PCI from the full table (published composites and ranks), PAR INDEX from its published result (75.60, 40/63, −0.9 points: 2017 = 76.50, rank not given); top 10 asked of both.",
        "profile": {"unit": unit, "year": 2018, "previous": 2017, "targets": ["top:10"]},
        "sources": [
            {"index": "pci", "kind": "table", "rows": [input_row(r) for r in rows]},
            {"index": "par_index", "kind": "published",
             "rows": [published(unit, 2018, 75.60, 40, 63), published(unit, 2017, 75.60 + 0.9, None, 63)]},
        ],
        "tolerance": 1e-4,
        "expected": [
            {"index": "pci", "source": "full_table", "score": float(now["pci_published"]), "rank": 35, "out_of": 63,
             "previous_year": 2017, "previous_score": float(before["pci_published"]), "previous_rank": 41,
             "score_change": float(now["pci_published"]) - float(before["pci_published"]), "rank_change": 6,
             "percentile": 100 * (63 - 35) / 62, "previous_percentile": 100 * (63 - 41) / 62,
             "targets": [{"status": "planned", "threshold": others[9],
                          "distance": others[9] - float(now["pci_published"]), "rank_planned": 10}]},
            {"index": "par_index", "source": "published", "score": 75.60, "rank": 40, "out_of": 63,
             "previous_year": 2017, "previous_score": 76.50, "previous_rank": None, "score_change": -0.9,
             "rank_change": None, "percentile": 100 * (63 - 40) / 62, "weakest": None,
             "targets": [{"status": "needs_full_table"}]},
        ],
    })

    d = "Hải Hà"
    # (index, 2020 score, rank, change in points, change in places): the 2020 press release;
    # 2019 = 2020 − change (the e-government change in points is not given).
    release = [("ddci", 45.74, 12, -12.99, -2), ("par_index", 89.64, 10, 0.58, -4), ("sipas", 93.12, 10, -0.5, -3),
               ("dgi", 84.83, 8, 0.34, -3), ("egov_district", 133.28, 3, None, 7)]
    put("hai_ha_2020", {
        "description": "Hải Hà district 2020 against 2019, published results only (13 districts in 2020; the 2019 field size is not given).",
        "profile": {"unit": d, "year": 2020, "previous": 2019, "targets": []},
        "sources": [
            {"index": i, "kind": "published",
             "rows": [published(d, 2020, s, r, 13),
                      published(d, 2019, None if ds is None else round(s - ds, 2), r + dr, None)]}
            for i, s, r, ds, dr in release
        ],
        "tolerance": 1e-9,
        "expected": [
            {"index": i, "source": "published", "score": s, "rank": r, "out_of": 13, "previous_rank": r + dr,
             "rank_change": dr, "score_change": ds, "percentile": 100 * (13 - r) / 12, "previous_percentile": None}
            for i, s, r, ds, dr in release
        ],
    })

    unit = "Hà Nội"
    rows = [r for r in full if r["year"] in ("2006", "2013")]
    now = next(r for r in rows if r["year"] == "2013" and r["province"] == unit)
    before = next(r for r in rows if r["year"] == "2006" and r["province"] == unit)
    put("ha_noi_2013_mapped", {
        "description": "Hà Nội 2013 against 2006 through the shipped province mapping (Hà Tây merged into Hà Nội in 2008): published composites and ranks.",
        "profile": {"unit": unit, "year": 2013, "previous": 2006, "targets": [], "mapping": "vn-provinces"},
        "sources": [{"index": "pci", "kind": "table", "rows": [input_row(r) for r in rows]}],
        "tolerance": 1e-4,
        "expected": [
            {"index": "pci", "source": "full_table", "score": float(now["pci_published"]),
             "rank": int(now["rank_published"]), "out_of": 63, "previous_rank": int(before["rank_published"]),
             "previous_out_of": 64, "score_change": float(now["pci_published"]) - float(before["pci_published"]),
             "rank_change": int(before["rank_published"]) - int(now["rank_published"]),
             "note": "absorbed Hà Tây on 2008-08-01"},
        ],
    })


main()
uncertainty_vectors(load("pci_subindices.csv"))
profile_vectors(load("pci_subindices.csv"))
