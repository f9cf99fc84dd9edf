"""Workbooks in and out: the core's sheet reader and score writer (``chiso._chiso``).

Reading matches headers to the spec's nodes (id, label or a declared alias such as VCCI's
``Sub-Index 3: Transparency``) and unit names through the spec's unit aliases (``BRVT``);
rows below the table (Min, Median, Max, repeated headers) are reported, never scored.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Union

from chiso import _chiso
from chiso._chiso import Dataset, Spec
from chiso._input import DataInput, Shape, dataset

if TYPE_CHECKING:
    from chiso._chiso import _SheetReport

_Path = Union[str, "os.PathLike[str]"]


def _spec_or_none(spec: Spec | str | None) -> Spec | None:
    if spec is None or isinstance(spec, Spec):
        return spec
    if isinstance(spec, str):
        return _chiso.preset(spec)
    raise TypeError(
        f"spec must be a chiso.Spec or a preset id such as 'pci', not {type(spec).__name__}"
    )


def excel_sheet(
    path: _Path,
    sheet: str | None = None,
    *,
    spec: Spec | str | None = None,
    unit_column: str = "unit",
    year_column: str = "year",
    year: int | None = None,
) -> tuple[Dataset, _SheetReport]:
    """Reads a sheet like :func:`read_excel` and also returns what the reading decided.

    The report has ``sheet``, ``columns`` (each with ``letter``, ``header``, ``name`` and
    ``matched_by``: ``"id"``, ``"label"``, ``"alias"`` or ``None``), ``unit_aliases``
    (``written`` → ``unit``) and ``notes`` (rows below the table, columns not read).
    """
    return _chiso.read_sheet(
        path,
        sheet,
        spec=_spec_or_none(spec),
        unit_column=unit_column,
        year_column=year_column,
        year=year,
    )


def read_excel(
    path: _Path,
    sheet: str | None = None,
    *,
    spec: Spec | str | None = None,
    unit_column: str = "unit",
    year_column: str = "year",
    year: int | None = None,
) -> Dataset:
    """Reads one sheet of a workbook (.xlsx, .xls, .ods; default: the first sheet).

    With ``spec`` (a :class:`Spec` or a preset id), headers are matched to its nodes and unit
    names read through its unit aliases. A sheet without a year column needs ``year`` when the
    spec has editions (it picks the edition). Errors name the sheet and the cell
    (:class:`DataError`, ``variant`` e.g. ``"SheetCell"``).

    >>> import os, tempfile, chiso
    >>> ids = [n["id"] for n in chiso.preset("pci").nodes(2018) if n["parent"] == "pci"]
    >>> path = os.path.join(tempfile.mkdtemp(), "pci.xlsx")
    >>> chiso.to_excel("pci", {"unit": ["BRVT"], **{i: [6.5] for i in ids}}, path, year=2018)
    >>> data = chiso.read_excel(path, "Level 1", spec="pci", year=2018)
    >>> data.units, data.values("transparency")
    (['Bà Rịa - Vũng Tàu'], [6.5])
    """
    data, _ = excel_sheet(
        path, sheet, spec=spec, unit_column=unit_column, year_column=year_column, year=year
    )
    return data


def to_excel(
    spec: Spec | str,
    data: DataInput,
    path: _Path,
    *,
    year: int | None = None,
    unit_column: str = "unit",
    year_column: str = "year",
    strict: bool = False,
    shape: Shape = "auto",
) -> None:
    """Scores ``data`` (as :func:`chiso.score` does) and writes the results to ``path``
    (.xlsx): the headline (score, rank, tier, change since each unit's previous year), one
    sheet per node level and ``About`` (spec, edition); scores shown at the index's
    precision, each cell holding the unrounded value.
    """
    resolved = _spec_or_none(spec)
    if resolved is None:
        raise TypeError("spec must be a chiso.Spec or a preset id such as 'pci', not None")
    _chiso.write_excel(
        resolved,
        dataset(data, unit_column=unit_column, year_column=year_column, shape=shape),
        path,
        year=year,
        strict=strict,
        source=os.fspath(data) if isinstance(data, (str, os.PathLike)) else None,
    )
