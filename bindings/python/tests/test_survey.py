"""chiso.survey: the bundled SIPAS-style microdata against shares computed here by hand, the
bootstrap's seed, the index intervals, and bad input."""

from __future__ import annotations

import csv
import math
from collections import defaultdict

import pytest

import chiso
from _support import ROOT

SPEC = ROOT / "examples" / "data" / "survey" / "sipas_survey.toml"
DATA = ROOT / "examples" / "data" / "survey" / "sipas_microdata.csv"
QUESTIONS = {
    "access": "q_access",
    "procedures": "q_procedures",
    "civil_servants": "q_civil_servants",
    "results": "q_results",
    "feedback": "q_feedback",
}


def by_hand() -> dict[tuple[str, str], tuple[float, int]]:
    """Weighted share answering 4 or 5 among valid answers (9 = no answer), in percent."""
    sums: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    with open(DATA, encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter=";"):
            for indicator, question in QUESTIONS.items():
                answer = row[question]
                if answer in ("", "9"):
                    continue
                s = sums[(row["unit"], indicator)]
                w = float(row["weight"].replace(",", "."))
                s[0] += w * (answer in ("4", "5"))
                s[1] += w
                s[2] += 1
    return {k: (100 * v[0] / v[1], int(v[2])) for k, v in sums.items()}


def test_estimates_are_the_weighted_shares() -> None:
    result = chiso.survey(SPEC, DATA, replicates=20)
    expected = by_hand()
    assert len(result["estimates"]) == len(expected) == 4 * 5
    for e in result["estimates"]:
        value, n = expected[(e["unit"], e["indicator"])]
        assert math.isclose(e["value"], value, abs_tol=1e-9), e
        assert e["n"] == n
    # Units with several villages (clusters) get a bootstrap interval.
    intervals = [e["bootstrap"] for e in result["estimates"] if e["bootstrap"] is not None]
    assert intervals and all(low <= high for low, high in intervals)


def test_the_seed_fixes_the_bootstrap() -> None:
    a = chiso.survey(SPEC, DATA.read_text(encoding="utf-8"), seed=7, replicates=30)
    b = chiso.survey(SPEC, DATA, seed=7, replicates=30)
    c = chiso.survey(SPEC, DATA, seed=8, replicates=30)
    assert a == b
    assert [e["bootstrap"] for e in a["estimates"]] != [e["bootstrap"] for e in c["estimates"]]


def test_intervals_of_an_index() -> None:
    result = chiso.survey(SPEC, DATA, replicates=30, index="sipas")
    headline = [i for i in result["intervals"] if i["node"] == "sipas"]
    assert len(headline) == 4
    for i in headline:
        assert i["low"] <= i["high"] and 1 <= i["rank_best"] <= i["rank_worst"] <= 4


def test_bad_input_is_named() -> None:
    with pytest.raises(FileNotFoundError):
        chiso.survey(ROOT / "nope.toml", DATA)
    with pytest.raises(chiso.SpecError, match="survey statistic"):
        spec = 'unit_column = "unit"\n[[indicators]]\nid = "a"\nquestion = "q"\n'
        chiso.survey(spec + 'statistic = "median"\n', DATA)
