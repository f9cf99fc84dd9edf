"""Runs every code sample of the user guide and checks that nothing in it can rot.

The guide (docs/, built by mkdocs.yml) shows code only by including files with
pymdownx.snippets (`--8<-- "path"`); this script:

1. checks every fenced code block of docs/**/*.md: it is either made only of snippet
   includes or a `text` block (diagrams, layouts) — a command or program typed into a page
   would never be run, so it is an error;
2. checks every included file is something CI runs or checks: a sample under docs/samples
   (run here), its recorded output (`NAME.EXT.out`, compared here), a spec (read by the chiso
   CLI here), an example that `scripts/test.sh` runs (examples/rust, examples/python,
   examples/web) or a data file;
3. runs the samples: `*.sh` with bash (the release `chiso` binary on PATH), `*.py` with the
   venv's Python (the installed wheel), `*.mjs` with Node (`chiso` resolving to
   bindings/wasm), each from the repository root; when `NAME.EXT.out` exists, the sample's
   standard output must equal it (CHISO_BLESS=1 rewrites it).

Usage: python scripts/docs_samples.py [--check-only] [SAMPLE ...]
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
SAMPLES = DOCS / "samples"
# Pages written by tools at build time (typedoc), not by hand.
GENERATED = [DOCS / "reference" / "typescript", DOCS / "reference" / "rust"]
RUNNERS = {".sh", ".py", ".mjs"}
SPEC_SUFFIXES = {".toml", ".json"}
DATA_SUFFIXES = {".csv"}
# Example programs that scripts/test.sh runs in its rust, python and wasm steps.
RUN_BY_TEST_SH = [
    "examples/rust/",
    "examples/python/",
    "examples/web/",
    "examples/coinr/",
    "scripts/test.sh",
    "scripts/setup.sh",
]

FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})\s*([\w+-]*)(.*)$")
SNIPPET = re.compile(r'^\s*-{1,2}8<-{1,2}\s+"([^"]+)"\s*$')


def pages() -> list[Path]:
    out = []
    for page in sorted(DOCS.rglob("*.md")):
        if any(g in page.parents for g in GENERATED):
            continue
        out.append(page)
    return out


def fenced_blocks(page: Path):
    """Yields (line number, language, body lines) for each fenced block of a page."""
    lines = page.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        indent, fence, lang = m.group(1), m.group(2), m.group(3)
        start, body = i + 1, []
        i += 1
        while i < len(lines) and not lines[i].strip().startswith(fence):
            body.append(lines[i][len(indent) :] if lines[i].startswith(indent) else lines[i])
            i += 1
        yield start, lang, body
        i += 1


def included_path(spec: str) -> Path:
    # pymdownx.snippets: "path", "path:3:9" (lines) or "path:section".
    path = spec.split(":", 1)[0]
    return (ROOT / path).resolve()


def check_pages() -> tuple[list[str], set[Path]]:
    errors, included = [], set()
    for page in pages():
        rel = page.relative_to(ROOT)
        for line, lang, body in fenced_blocks(page):
            content = [b for b in body if b.strip()]
            snippets = [SNIPPET.match(b) for b in content]
            if content and all(snippets):
                for s in snippets:
                    assert s is not None
                    path = included_path(s.group(1))
                    if not path.is_file():
                        errors.append(f"{rel}:{line}: includes {s.group(1)}, which does not exist")
                    included.add(path)
            elif lang != "text":
                errors.append(
                    f"{rel}:{line}: a ```{lang or '(no language)'} block typed into the page; "
                    "put it in docs/samples/ (run by this script) and include it with "
                    '--8<-- "docs/samples/…", or mark a non-code block as ```text'
                )
    for path in sorted(included):
        rel = path.relative_to(ROOT).as_posix()
        if path.is_relative_to(SAMPLES):
            if path.suffix in RUNNERS | SPEC_SUFFIXES | DATA_SUFFIXES or path.suffix == ".out":
                continue
        elif any(rel.startswith(p) for p in RUN_BY_TEST_SH) or path.suffix in DATA_SUFFIXES:
            continue
        elif path.suffix in SPEC_SUFFIXES:
            continue  # checked as a spec below
        errors.append(f"{rel} is shown in the guide but neither run nor checked by CI")
    return errors, included


def env() -> dict[str, str]:
    e = dict(os.environ)
    venv = ROOT / ".venv" / "bin"
    e["PATH"] = os.pathsep.join([str(ROOT / "target" / "release"), str(venv), e.get("PATH", "")])
    e["MPLBACKEND"] = "Agg"
    e["PYTHONHASHSEED"] = "0"
    e["NO_COLOR"] = "1"
    return e


def run_sample(path: Path, node_modules: Path) -> str:
    if path.suffix == ".sh":
        cmd = ["bash", "-euo", "pipefail", str(path)]
    elif path.suffix == ".py":
        cmd = [str(ROOT / ".venv" / "bin" / "python"), str(path)]
    else:
        # `import ... from "chiso"` resolves through a node_modules beside a copy of the sample.
        copy = node_modules.parent / path.name
        copy.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
        cmd = ["node", str(copy)]
    done = subprocess.run(cmd, cwd=ROOT, env=env(), capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise RuntimeError(
            f"{path.relative_to(ROOT)} failed (exit {done.returncode}):\n{done.stdout}\n{done.stderr}"
        )
    return done.stdout


def check_spec(path: Path) -> str | None:
    """A spec shown in the guide must read: `chiso spec --index FILE` validates it."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json" and '"nodes"' not in text:
        return None  # a JSON file that is not a spec (e.g. a vector)
    if path.suffix == ".toml" and not re.search(r"^\s*\[\[nodes\]\]|^nodes\s*=", text, re.M):
        return None  # a manifest or another TOML file, not a spec
    cli = ROOT / "target" / "release" / "chiso"
    done = subprocess.run(
        [str(cli), "spec", "--index", str(path), "--format", "json"],
        cwd=ROOT,
        env=env(),
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        return f"{path.relative_to(ROOT)} is not a valid spec: {done.stderr.strip()}"
    return None


def main(argv: list[str]) -> int:
    check_only = "--check-only" in argv
    chosen = [(ROOT / a).resolve() for a in argv if not a.startswith("--")]
    errors, included = check_pages()
    if errors and not chosen:
        print("\n".join(errors), file=sys.stderr)
        return 1
    if check_only:
        print(f"docs: {len(pages())} pages, {len(included)} included files: ok")
        return 0
    bless = os.environ.get("CHISO_BLESS") == "1"
    samples = chosen or sorted(p for p in SAMPLES.rglob("*") if p.suffix in RUNNERS)
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        node_modules = Path(tmp) / "node_modules"
        node_modules.mkdir()
        (node_modules / "chiso").symlink_to(ROOT / "bindings" / "wasm")
        for sample in samples:
            rel = sample.relative_to(ROOT)
            try:
                out = run_sample(sample, node_modules)
            except RuntimeError as e:
                failures.append(str(e))
                continue
            expected = sample.with_name(sample.name + ".out")
            if bless:
                expected.write_text(out, encoding="utf-8")
                print(f"--- {rel}: output recorded")
            elif expected.exists():
                want = expected.read_text(encoding="utf-8")
                if out != want:
                    failures.append(
                        f"{rel}: output differs from {expected.relative_to(ROOT)} "
                        f"(CHISO_BLESS=1 rewrites it)\n--- got:\n{out}\n--- expected:\n{want}"
                    )
                    continue
                print(f"--- {rel}: ok (output as recorded)")
            else:
                print(f"--- {rel}: ok")
    specs = sorted(p for p in included if p.suffix in SPEC_SUFFIXES)
    specs += sorted(p for p in SAMPLES.rglob("*") if p.suffix in SPEC_SUFFIXES and p not in specs)
    for spec in specs:
        problem = check_spec(spec)
        if problem:
            failures.append(problem)
    if failures:
        print("\n\n".join(failures), file=sys.stderr)
        return 1
    print(
        f"docs: {len(samples)} samples run, {len(specs)} specs read, {len(pages())} pages checked"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
