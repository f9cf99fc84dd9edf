"""The type stubs match the compiled module, and typed code using the API type-checks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

USAGE = Path(__file__).resolve().parent / "typing_usage.py"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    # A fresh directory as cwd: mypy must find `chiso` where it is installed, not in the source.
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, capture_output=True, text=True, check=False
    )


def test_typed_usage_passes_mypy_strict(tmp_path: Path) -> None:
    result = run("-m", "mypy", "--strict", "--no-incremental", str(USAGE), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_installed_package_passes_mypy_strict(tmp_path: Path) -> None:
    result = run("-m", "mypy", "--strict", "--no-incremental", "-p", "chiso", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_typed_usage_runs(tmp_path: Path) -> None:
    result = run(str(USAGE), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_stubtest_finds_no_drift(tmp_path: Path) -> None:
    result = run("-m", "mypy.stubtest", "chiso._chiso", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
