"""The published tables bundled with chiso, by name: PCI, PAPI, COINr's ASEM example and
Vietnam's unit mappings.

The tables and their descriptions are the Rust core's (``chiso::datasets``): the same files
the CLI (``chiso datasets``) and the npm package ship.

Examples
--------
>>> import chiso
>>> names = [d.name for d in chiso.datasets.list()]
>>> len(names), names[0], names[-1]
(10, 'pci', 'provinces_2008')
>>> df = chiso.datasets.load("pci")
>>> sorted(df["year"].unique().tolist())
[2006, 2013, 2014, 2015, 2016, 2017, 2018]
>>> source, licence = df.attrs["source"], df.attrs["licence"]
>>> source.split(" (")[0], licence.split(";")[0]
('VCCI', 'published results of VCCI (© VCCI)')
>>> scores = chiso.score("pci", df, unit_column="province", year=2018)
>>> int(scores.to_pandas().set_index("unit").loc["Quảng Ninh", "rank"])
1
"""

from __future__ import annotations

import builtins
import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

from chiso import _chiso

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["DatasetInfo", "csv_text", "info", "list", "load"]


@dataclass(frozen=True)
class DatasetInfo:
    """What a bundled table is and where it comes from."""

    name: str
    """The name to load it by, e.g. ``"pci"``."""
    file: str
    """The CSV file's name as shipped."""
    title: str
    """One line: what the table holds."""
    description: str
    """Years, units, gaps and precision."""
    source: str
    """Publisher and the copies the file was made from."""
    licence: str
    """The terms the data comes under, as the sources state them."""
    rows: int
    """Number of data rows."""
    columns: dict[str, str]
    """Column name → what it holds, in file order."""


def list() -> builtins.list[DatasetInfo]:
    """Every bundled table's description, in a fixed order."""
    return [
        DatasetInfo(
            name=d["name"],
            file=d["file"],
            title=d["title"],
            description=d["description"],
            source=d["source"],
            licence=d["licence"],
            rows=d["rows"],
            columns={c["name"]: c["description"] for c in d["columns"]},
        )
        for d in _chiso.dataset_list()
    ]


def info(name: str) -> DatasetInfo:
    """The description of the bundled table ``name``.

    An unknown name raises :class:`chiso.DataError` listing the known ones.
    """
    for described in list():
        if described.name == name:
            return described
    _chiso.dataset_csv(name)  # raises the core's DataError, which lists the known names
    raise AssertionError(f"the core has no error for the unknown dataset {name!r}")


def csv_text(name: str) -> str:
    """The bundled table ``name`` as CSV text (``,``-separated, ``.`` decimals, empty cells
    for missing values), exactly as shipped: works without pandas."""
    return _chiso.dataset_csv(name)


def load(name: str) -> pd.DataFrame:
    """The bundled table ``name`` as a pandas DataFrame, every digit as published.

    ``df.attrs`` holds ``name``, ``title``, ``description``, ``source``, ``licence`` and
    ``columns`` (column → description). Text cells stay text (an empty cell is missing); the
    PCI and PAPI tables score with their presets (``unit_column="province"``). Needs pandas
    (``pip install 'chiso[pandas]'``); without it, :func:`csv_text` gives the table as text.
    An unknown name raises :class:`chiso.DataError` listing the known ones.
    """
    described = info(name)
    try:
        import pandas as pd
    except ImportError as e:
        raise ImportError(
            f"chiso.datasets.load({name!r}) returns a pandas DataFrame: pip install "
            "'chiso[pandas]'; without pandas, chiso.datasets.csv_text(name) gives the table "
            "as CSV text"
        ) from e
    frame = pd.read_csv(
        io.StringIO(_chiso.dataset_csv(name)), keep_default_na=False, na_values=[""]
    )
    frame.attrs.update(
        name=described.name,
        title=described.title,
        description=described.description,
        source=described.source,
        licence=described.licence,
        columns=dict(described.columns),
    )
    return frame
