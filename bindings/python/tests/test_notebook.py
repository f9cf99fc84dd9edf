"""The example notebook executes top to bottom (nbclient, a real Jupyter kernel) and writes a
readable radar chart."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from _support import PCI_CSV, ROOT

NOTEBOOK = ROOT / "examples" / "python" / "pci_notebook.ipynb"


def test_notebook_runs_and_writes_the_radar(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # scripts/test.sh sets MPLBACKEND=Agg for the other tests; the kernel would inherit it and
    # show no inline figures. A user's Jupyter kernel has its inline backend.
    monkeypatch.delenv("MPLBACKEND", raising=False)
    # The repository layout the notebook expects (../data/pci/), in a scratch directory so
    # that running the tests leaves no PNG in the work tree.
    work = tmp_path / "python"
    work.mkdir()
    (tmp_path / "data" / "pci").mkdir(parents=True)
    shutil.copy(PCI_CSV, tmp_path / "data" / "pci" / PCI_CSV.name)
    notebook = nbformat.read(NOTEBOOK, as_version=4)  # type: ignore[no-untyped-call]
    client = NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(work)}}
    )
    client.execute()

    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    html = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    ranking = next(h for h in html if "chiso.Scores: pci, 2016" in h)
    assert "<td>Đà Nẵng</td>" in ranking and ">70.00</td>" in ranking  # 2 decimals shown
    printed = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    difference = float(printed.split("largest score difference:")[1].split()[0])
    assert difference < 1e-4
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) == 3  # radar, waterfall, bump

    png = work / "nam_dinh_radar.png"
    head = png.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")
    assert (width, height) == (960, 960)
