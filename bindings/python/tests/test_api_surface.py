"""Only the API is public: `dir(chiso)` lists `__all__` (and private names) after a plain
`import chiso`, and every public module declares `__all__` with names that exist."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

import chiso

PUBLIC_MODULES = [
    "chiso",
    "chiso.datasets",
    "chiso.robustness",
    "chiso.plot",
    "chiso.plot_uncertainty",
]


def test_dir_of_chiso_is_its_all() -> None:
    # A fresh interpreter: importing submodules elsewhere in the tests adds attributes.
    code = "import chiso, json; print(json.dumps([n for n in dir(chiso) if n[0] != '_']))"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    public = set(__import__("json").loads(out.stdout))
    assert public == {n for n in chiso.__all__ if not n.startswith("_")}
    for leaked in ["TYPE_CHECKING", "Union", "Any", "Mapping", "annotations", "backend_of"]:
        assert leaked not in public
    assert not hasattr(chiso, "TYPE_CHECKING") and not hasattr(chiso, "annotations")


def test_signatures_still_resolve() -> None:
    import typing

    assert typing.get_type_hints(chiso.spec_schema)["return"] == dict[str, typing.Any]


@pytest.mark.parametrize("name", PUBLIC_MODULES)
def test_public_modules_declare_all(name: str) -> None:
    module = importlib.import_module(name)
    names = module.__all__
    assert len(names) == len(set(names)), name
    for n in names:
        assert hasattr(module, n), f"{name}.{n}"
    assert "TYPE_CHECKING" not in names and "annotations" not in names


def test_star_import_gives_exactly_all() -> None:
    scope: dict[str, object] = {}
    exec("from chiso import *", scope)
    assert {n for n in scope if n != "__builtins__"} == set(chiso.__all__)
