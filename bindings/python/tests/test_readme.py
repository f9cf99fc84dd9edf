"""Every ```python block of the package README runs, from the repository root."""

from __future__ import annotations

import re

import pytest

from _support import README, ROOT

BLOCKS = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)


def test_readme_has_examples() -> None:
    assert len(BLOCKS) >= 2


@pytest.mark.parametrize("code", BLOCKS, ids=[f"block{i + 1}" for i in range(len(BLOCKS))])
def test_readme_block_runs(code: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    exec(compile(code, str(README), "exec"), {"__name__": "__readme__"})


def test_readme_shows_the_real_display(monkeypatch: pytest.MonkeyPatch) -> None:
    """The text table the README prints is what `print(scores.top(3))` prints."""
    import chiso

    monkeypatch.chdir(ROOT)
    text = README.read_text(encoding="utf-8")
    shown = re.search(r"prints \(in Jupyter[^\n]*\n\n```\n(.*?)```", text, flags=re.S)
    assert shown is not None
    scores = chiso.score(
        "pci", "examples/data/pci/pci_subindices.csv", unit_column="province", year=2016
    )
    assert repr(scores.top(3)) + "\n" == shown.group(1)
