"""Scoring from several Python threads at once (the core releases the GIL while it computes):
every thread gets exactly the single-threaded result."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np

import chiso


def _spec() -> chiso.Spec:
    nodes = [{"id": "t", "children": ["g0", "g1"], "multiplier": 10}]
    for g in range(2):
        nodes.append({"id": f"g{g}", "children": [f"x{g * 5 + k}" for k in range(5)]})
    for i in range(10):
        nodes.append(
            {
                "id": f"x{i}",
                "direction": "lower_is_better" if i % 3 == 0 else "higher_is_better",
                "normalise": {"method": "min_max", "low": 1, "high": 10},
            }
        )
    return chiso.Spec.from_dict({"id": "threads", "root": "t", "nodes": nodes})


def test_threads_score_together_and_agree() -> None:
    rng = np.random.default_rng(11)
    n = 20_000
    columns: dict[str, Any] = {"unit": [f"Đơn vị {i}" for i in range(n)]}
    for i in range(10):
        columns[f"x{i}"] = rng.normal(50, 10, n)
    spec = _spec()
    data = chiso.dataset(columns)  # parsed once, scored by every thread
    expected = chiso.score(spec, data, components=True).to_dict()

    def work(_: int) -> dict[str, list[Any]]:
        return chiso.score(spec, data, components=True).to_dict()

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(work, range(8)))
    for result in results:
        assert result["unit"] == expected["unit"]
        assert result["rank"] == expected["rank"]
        assert result["score"] == expected["score"]  # bit for bit
        assert result["x0"] == expected["x0"]
