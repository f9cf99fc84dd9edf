"""Prepares the Python package's sources for the API reference (docs/reference/python.md).

The compiled module's docstrings live in the Rust source (pyo3 `///` comments) and its types
in the stub `chiso/_chiso.pyi`; mkdocstrings reads sources statically, so it would see the
types without the docstrings and hide every undocumented object. This copies the package to
target/docs-python/ with the installed module's docstrings written into the stub, so the
reference shows both, always from the current build. Run by `scripts/test.sh docs`.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import shutil
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "bindings" / "python" / "python" / "chiso"
OUT = ROOT / "target" / "docs-python" / "chiso"


def with_docstring(node: ast.ClassDef | ast.FunctionDef, doc: str | None) -> None:
    if not doc or ast.get_docstring(node) is not None:
        return
    text = ast.Expr(ast.Constant(inspect.cleandoc(doc)))
    body = node.body
    if len(body) == 1 and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body[0] = text  # the stub's `...`
    else:
        body.insert(0, text)


def document(tree: ast.Module, module: Any) -> int:
    count = 0
    for node in tree.body:
        if not isinstance(node, (ast.ClassDef, ast.FunctionDef)):
            continue
        runtime = getattr(module, node.name, None)
        if runtime is None:
            continue
        before = ast.get_docstring(node)
        with_docstring(node, getattr(runtime, "__doc__", None))
        count += before is None and ast.get_docstring(node) is not None
        if isinstance(node, ast.ClassDef):
            for member in node.body:
                if isinstance(member, ast.FunctionDef):
                    attr = inspect.getattr_static(runtime, member.name, None)
                    doc = getattr(attr, "__doc__", None)
                    if isinstance(attr, (staticmethod, classmethod)):
                        doc = attr.__func__.__doc__
                    with_docstring(member, doc)
    return count


def examples_sections(text: str) -> str:
    """Puts an `Examples` heading above each doctest block that lacks one, so that the
    numpy-style parser shows it as code rather than as Markdown quotes."""
    out: list[str] = []
    in_doctest = False
    for line in text.split("\n"):
        stripped = line.lstrip()
        starts = stripped.startswith(">>>")
        if starts and not in_doctest:
            previous = [x.strip() for x in out if x.strip()][-2:]
            if previous != ["Examples", "--------"]:
                indent = line[: len(line) - len(stripped)]
                if out and out[-1].strip():
                    out.append("")
                out += [indent + "Examples", indent + "--------"]
        in_doctest = bool(stripped) and (starts or in_doctest)
        out.append(line)
    return "\n".join(out)


def main() -> None:
    shutil.rmtree(OUT.parent, ignore_errors=True)
    shutil.copytree(SOURCE, OUT, ignore=shutil.ignore_patterns("*.so", "__pycache__"))
    for module in OUT.glob("*.py"):
        module.write_text(examples_sections(module.read_text(encoding="utf-8")), encoding="utf-8")
    stub = OUT / "_chiso.pyi"
    tree = ast.parse(stub.read_text(encoding="utf-8"))
    count = document(tree, importlib.import_module("chiso._chiso"))
    stub.write_text(ast.unparse(tree) + "\n", encoding="utf-8")
    print(f"python API: {count} docstrings of the compiled module written into {stub.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
