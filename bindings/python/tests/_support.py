"""Paths shared by the tests (which import the installed `chiso` wheel, never the source)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
VECTORS = ROOT / "tests" / "vectors"
PCI_CSV = ROOT / "examples" / "data" / "pci" / "pci_subindices.csv"
README = Path(__file__).resolve().parents[1] / "README.md"
