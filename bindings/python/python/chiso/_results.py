"""Data out: results objects that hold the core's columns at full precision, display them
rounded (text in a terminal, HTML in Jupyter) and convert to pandas or polars, wide or long.

The compiled module hands over whole columns (numpy arrays for numbers, lists for text) and,
for scores, per-node results grouped by *stage* (today ``"score"``: each node's score and
rank). A stage the core adds later arrives as one more entry and is reachable through the
same ``to_pandas(stage=...)`` / ``to_polars(stage=...)`` calls, wide or long.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal, cast

import numpy as np

from chiso import _chiso

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl

    from chiso._chiso import _CompareColumns, _ScoreColumns

Kind = Literal["text", "int", "float"]
"""How a column is typed in DataFrames: text, whole numbers (nullable where missing), floats."""
Layout = Literal["wide", "long"]
Backend = Literal["pandas", "polars"]

_MAX_ROWS = 20  # rows displayed before eliding the middle
_SHOWN = (10, 5)  # head and tail rows shown when elided
_MAX_WIDTH = 120  # characters of the text table


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:
        raise ImportError(
            "to_pandas() needs pandas: pip install 'chiso[pandas]' (or use to_polars() or "
            "to_dict())"
        ) from None
    return pandas


def _polars() -> Any:
    try:
        import polars
    except ImportError:
        raise ImportError(
            "to_polars() needs polars: pip install 'chiso[polars]' (or use to_pandas() or "
            "to_dict())"
        ) from None
    return polars


def _array(values: Any, kind: Kind) -> np.ndarray[Any, Any]:
    """A column as numpy: text as objects (None missing), int as int64 or, with missing
    values, float64 with NaN, float as float64."""
    if kind == "text":
        return np.asarray(values, dtype=object)
    array = np.asarray(values, dtype=np.float64)
    if kind == "int" and not np.isnan(array).any():
        return array.astype(np.int64)
    return array


class Table:
    """Columns with their kinds and metadata; the shared behaviour of every result."""

    _title = "chiso result"

    def __init__(
        self,
        columns: dict[str, Any],
        kinds: dict[str, Kind],
        *,
        index: str,
        precision: int,
        backend: Backend = "pandas",
    ) -> None:
        self._columns = columns
        self._kinds = kinds
        self.index = index
        """The index id (``"pci"``)."""
        self.precision = precision
        """Decimals shown; the data keeps full precision."""
        self.backend: Backend = backend
        """The DataFrame library :meth:`to_frame` uses (polars when the input was polars)."""

    # --- access -----------------------------------------------------------------------

    @property
    def columns(self) -> list[str]:
        """Column names of the wide table."""
        return list(self._columns)

    def __len__(self) -> int:
        return len(next(iter(self._columns.values()))) if self._columns else 0

    def __getitem__(self, column: str) -> np.ndarray[Any, Any]:
        """One column as a numpy array at full precision (ints as int64, or float64 with NaN
        where values are missing; text as objects)."""
        if column not in self._columns:
            raise KeyError(f"no column {column!r}; columns: {', '.join(self._columns)}")
        return _array(self._columns[column], self._kinds[column])

    def to_dict(self) -> dict[str, list[Any]]:
        """The wide table as plain lists (None where a value is missing), no DataFrame library
        needed."""
        out: dict[str, list[Any]] = {}
        for name, values in self._columns.items():
            kind = self._kinds[name]
            if kind == "text":
                out[name] = list(values)
                continue
            array = np.asarray(values, dtype=np.float64)
            missing = np.isnan(array)
            items: list[Any] = (
                array.astype(np.int64).tolist()
                if kind == "int" and not missing.any()
                else array.tolist()
            )
            if kind == "int" and missing.any():
                items = [None if m else int(v) for v, m in zip(items, missing.tolist())]
            elif missing.any():
                items = [None if m else v for v, m in zip(items, missing.tolist())]
            out[name] = items
        return out

    # --- DataFrames -------------------------------------------------------------------

    def _table(self, shape: Layout, stage: str | None) -> tuple[dict[str, Any], dict[str, Kind]]:
        if shape != "wide":
            raise ValueError(f"shape must be 'wide' for {type(self).__name__}, not {shape!r}")
        if stage is not None:
            raise ValueError(f"{type(self).__name__} has no stages")
        return self._columns, self._kinds

    def to_pandas(self, shape: Layout = "wide", *, stage: str | None = None) -> pd.DataFrame:
        """The result as a pandas DataFrame at full precision: text columns as strings, whole
        numbers as int64 (nullable ``Int64`` where some are missing), scores as float64."""
        pandas = _pandas()
        columns, kinds = self._table(shape, stage)
        series: dict[str, Any] = {}
        for name, values in columns.items():
            kind = kinds[name]
            if kind == "text":
                series[name] = pandas.Series(values, dtype=object if _all_none(values) else None)
            elif kind == "int":
                array = np.asarray(values, dtype=np.float64)
                has_na = bool(np.isnan(array).any())
                series[name] = pandas.Series(
                    array if has_na else array.astype(np.int64), dtype="Int64" if has_na else None
                )
            else:
                series[name] = pandas.Series(np.asarray(values, dtype=np.float64))
        frame: pd.DataFrame = pandas.DataFrame(series)
        frame.attrs.update(self._attrs())
        return frame

    def to_polars(self, shape: Layout = "wide", *, stage: str | None = None) -> pl.DataFrame:
        """The result as a polars DataFrame at full precision: String, Int64 and Float64
        columns, missing values as null."""
        polars = _polars()
        columns, kinds = self._table(shape, stage)
        series = []
        for name, values in columns.items():
            kind = kinds[name]
            if kind == "text":
                series.append(polars.Series(name, list(values), dtype=polars.String))
                continue
            column = polars.Series(name, np.asarray(values, dtype=np.float64), nan_to_null=True)
            series.append(column.cast(polars.Int64) if kind == "int" else column)
        frame: pl.DataFrame = polars.DataFrame(series)
        return frame

    def to_frame(self, shape: Layout = "wide", *, stage: str | None = None) -> Any:
        """:meth:`to_pandas`, or :meth:`to_polars` when the input data was a polars
        DataFrame."""
        if self.backend == "polars":
            return self.to_polars(shape, stage=stage)
        return self.to_pandas(shape, stage=stage)

    def _attrs(self) -> dict[str, Any]:
        return {"index": self.index, "precision": self.precision}

    # --- display ----------------------------------------------------------------------

    def _display_columns(self) -> list[str]:
        return [name for name in self._columns if not _all_none(self._columns[name])]

    def _caption(self) -> str:
        return f"{self._title}: {self.index}, {len(self)} rows"

    def _cells(self) -> tuple[list[str], list[list[str]], int]:
        """Header, displayed rows as text (numbers at ``precision`` decimals) and how many
        rows were left out."""
        names = self._display_columns()
        n = len(self)
        if n > _MAX_ROWS:
            rows = list(range(_SHOWN[0])) + list(range(n - _SHOWN[1], n))
        else:
            rows = list(range(n))
        formatted = []
        for name in names:
            values = self._columns[name]
            kind = self._kinds[name]
            shown = [values[i] for i in rows]
            if kind == "text":
                cells = ["" if value is None else str(value) for value in shown]
            else:
                # The core's formatter: half away from zero, as the CLI and JS round.
                decimals = 0 if kind == "int" else self.precision
                numbers = [None if v is None else float(v) for v in shown]
                cells = _chiso.format_numbers(numbers, decimals)
            formatted.append(cells)
        body = [list(row) for row in zip(*formatted)] if formatted else [[] for _ in rows]
        return names, body, n - len(rows)

    def __repr__(self) -> str:
        names, body, hidden = self._cells()
        numeric = [self._kinds[name] != "text" for name in names]
        widths = [max([len(name)] + [len(row[c]) for row in body]) for c, name in enumerate(names)]
        shown = 0
        total = 0
        for width in widths:
            if total + width + 2 > _MAX_WIDTH and shown >= 4:
                break
            total += width + 2
            shown += 1

        def line(cells: Sequence[str]) -> str:
            parts = [
                cell.rjust(widths[c]) if numeric[c] else cell.ljust(widths[c])
                for c, cell in enumerate(cells[:shown])
            ]
            return "  ".join(parts).rstrip()

        lines = [self._caption(), line(names)]
        for r, row in enumerate(body):
            if hidden and r == _SHOWN[0]:
                lines.append(f"… {hidden} more rows …")
            lines.append(line(row))
        notes = []
        if shown < len(names):
            notes.append(f"{len(names) - shown} more columns: {', '.join(names[shown:])}")
        notes.append(f"numbers shown at {self.precision} decimals; .to_pandas() has full precision")
        lines.extend(f"({note})" for note in notes)
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        names, body, hidden = self._cells()
        numeric = [self._kinds[name] != "text" for name in names]
        style = ' style="text-align: right"'
        head = "".join(
            f"<th{style if numeric[c] else ''}>{html.escape(n)}</th>" for c, n in enumerate(names)
        )
        rows = []
        for r, row in enumerate(body):
            if hidden and r == _SHOWN[0]:
                rows.append(f'<tr><td colspan="{len(names)}">… {hidden} more rows …</td></tr>')
            cells = "".join(
                f"<td{style if numeric[c] else ''}>{html.escape(cell)}</td>"
                for c, cell in enumerate(row)
            )
            rows.append(f"<tr>{cells}</tr>")
        return (
            '<div class="chiso-result">'
            f'<table class="dataframe"><caption>{html.escape(self._caption())}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
            f"<p><small>Numbers shown at {self.precision} decimals; "
            "<code>.to_pandas()</code> and <code>.to_polars()</code> keep full precision."
            "</small></p></div>"
        )


def _all_none(values: Any) -> bool:
    return isinstance(values, list) and all(v is None for v in values)


def _take(values: Any, rows: np.ndarray[Any, Any]) -> Any:
    if isinstance(values, list):
        return [values[i] for i in rows.tolist()]
    return np.asarray(values)[rows]


# --- scores ---------------------------------------------------------------------------------


class Scores(Table):
    """Scores, ranks and tiers of every unit and year, as :func:`chiso.score` returns them.

    Displays as a table (scores at the index's precision); ``to_pandas()`` / ``to_polars()``
    give the data at full precision, ``shape="long"`` one row per unit, year and node.
    ``scores["score"]`` is one column as a numpy array.
    """

    _title = "chiso.Scores"

    def __init__(self, table: _ScoreColumns, *, backend: Backend = "pandas") -> None:
        lists = table["columns"]
        columns: dict[str, Any] = {"unit": lists["unit"]}
        kinds: dict[str, Kind] = {"unit": "text"}
        has_year = not bool(np.isnan(np.asarray(lists["year"], dtype=np.float64)).all())
        columns["year"] = lists["year"]
        kinds["year"] = "int"
        columns["score"] = lists["score"]
        columns["rank"] = lists["rank"]
        kinds.update(score="float", rank="int")
        if table["has_tiers"] and not _all_none(lists["tier"]):
            columns.update(tier=lists["tier"], tier_en=lists["tier_en"])
            kinds.update(tier="text", tier_en="text")
        self._stages = {name: stage for name, stage in table["stages"].items()}
        for node, fields in self._stages["score"]["nodes"]:
            for name in (node, f"{node}_rank"):
                if name in columns:
                    raise ValueError(f"node id '{node}' clashes with the result column '{name}'")
            columns[node] = fields["score"]
            columns[f"{node}_rank"] = fields["rank"]
            kinds[node] = "float"
            kinds[f"{node}_rank"] = "int"
        super().__init__(
            columns, kinds, index=table["index"], precision=table["precision"], backend=backend
        )
        self.root: str = table["root"]
        """Id of the root node (the headline score)."""
        self.dropped: list[dict[str, Any]] = list(table.get("dropped", []))
        """Input rows not scored, each ``{"row", "unit", "year", "reason"}`` (screened out, or
        too little data for the headline score): nothing is lost silently."""
        self.log: list[dict[str, Any]] = list(table.get("log", []))
        """Cells imputed or treated on the way in: ``{"unit", "year", "node", "action", ...}``
        with ``action`` one of ``imputed`` (``method``, ``value``), ``winsorised``,
        ``log_transformed``, ``capped`` (``from``, ``to``)."""
        self._has_year = has_year
        self._table_dict = table

    @property
    def nodes(self) -> list[str]:
        """Ids of the nodes below the root with results (empty unless ``components=True``)."""
        return [node for node, _ in self._stages["score"]["nodes"]]

    @property
    def stages(self) -> list[str]:
        """The pipeline stages with per-node results: ``"score"`` (score and rank of every node)
        and, with ``components=True``, the indicators' ``"raw"``, ``"treated"`` (imputed and
        outlier-treated) and ``"normalised"`` values."""
        return list(self._stages)

    @property
    def years(self) -> list[int]:
        """The distinct years scored, ascending (empty without years)."""
        if not self._has_year:
            return []
        return sorted({int(y) for y in self["year"].tolist()})

    def _attrs(self) -> dict[str, Any]:
        return {"index": self.index, "precision": self.precision}

    def _display_columns(self) -> list[str]:
        hidden = {"tier_en", *(f"{n}_rank" for n in self.nodes)}
        if not self._has_year:
            hidden.add("year")
        return [n for n in super()._display_columns() if n not in hidden]

    def _caption(self) -> str:
        years = self.years
        when = ""
        if len(years) == 1:
            when = f", {years[0]}"
        elif years:
            when = f", {years[0]}–{years[-1]}"
        units = len(set(self._columns["unit"]))
        return f"{self._title}: {self.index}{when}, {units} units, {len(self)} rows"

    def _stage(self, stage: str) -> list[tuple[str, dict[str, Any]]]:
        if stage not in self._stages:
            raise ValueError(f"no stage {stage!r}; stages: {', '.join(self._stages)}")
        nodes = list(self._stages[stage]["nodes"])
        if stage == "score":
            headline = {"score": self._columns["score"], "rank": self._columns["rank"]}
            nodes.insert(0, (self.root, headline))
        return nodes

    def _table(self, shape: Layout, stage: str | None) -> tuple[dict[str, Any], dict[str, Kind]]:
        if shape == "wide" and stage in (None, "score"):
            return self._columns, self._kinds
        name = stage or "score"
        nodes = self._stage(name)
        fields: list[str] = list(self._stages[name]["fields"])
        base = {"unit": self._columns["unit"], "year": self._columns["year"]}
        base_kinds: dict[str, Kind] = {"unit": "text", "year": "int"}
        if shape == "wide":
            columns = dict(base)
            kinds = dict(base_kinds)
            for node, values in nodes:
                for f, field in enumerate(fields):
                    key = node if f == 0 else f"{node}_{field}"
                    columns[key] = values[field]
                    kinds[key] = "int" if field == "rank" else "float"
            return columns, kinds
        if shape != "long":
            raise ValueError(f"shape must be 'wide' or 'long', not {shape!r}")
        # Long: one row per unit, year and node, nodes absent for a row (another edition)
        # left out. Built with whole-array operations.
        n = len(self)
        units = np.asarray(self._columns["unit"], dtype=object)
        years = np.asarray(self._columns["year"], dtype=np.float64)
        present = [
            ~np.isnan(np.asarray(values[fields[0]], dtype=np.float64)) for _, values in nodes
        ]
        mask = np.concatenate(present) if nodes else np.zeros(0, dtype=bool)
        columns = {
            "unit": np.tile(units, len(nodes))[mask].tolist(),
            "year": np.tile(years, len(nodes))[mask],
            "node": np.repeat(np.asarray([node for node, _ in nodes], dtype=object), n)[
                mask
            ].tolist(),
        }
        long_kinds: dict[str, Kind] = {"unit": "text", "year": "int", "node": "text"}
        for field in fields:
            stacked = [np.asarray(values[field], dtype=np.float64) for _, values in nodes]
            columns[field] = np.concatenate(stacked)[mask] if stacked else np.empty(0)
            long_kinds[field] = "int" if field == "rank" else "float"
        return columns, long_kinds

    def to_pandas(self, shape: Layout = "wide", *, stage: str | None = None) -> pd.DataFrame:
        """The scores as a pandas DataFrame at full precision.

        ``shape="wide"`` (default): one row per input row, in input order, with ``unit``,
        ``year`` (int64; nullable ``Int64`` without years), ``score`` (float64), ``rank``
        (int64), ``tier`` and ``tier_en`` (when the index has tiers), and with
        ``components=True`` a ``{node}`` and ``{node}_rank`` column per node.
        ``shape="long"``: one row per unit, year and node (the root first) with ``unit``,
        ``year``, ``node``, ``score``, ``rank``. ``stage`` picks another stage of the pipeline
        (see :attr:`stages`).
        """
        return super().to_pandas(shape, stage=stage)

    def to_polars(self, shape: Layout = "wide", *, stage: str | None = None) -> pl.DataFrame:
        """The scores as a polars DataFrame: the same columns as :meth:`to_pandas`."""
        return super().to_polars(shape, stage=stage)

    def _select(self, rows: np.ndarray[Any, Any]) -> Scores:
        table = cast("dict[str, Any]", dict(self._table_dict))
        lists = dict(table["columns"])
        table["columns"] = {name: _take(values, rows) for name, values in lists.items()}
        stages = {}
        for name, stage in self._stages.items():
            nodes = [
                (node, {f: _take(v, rows) for f, v in values.items()})
                for node, values in stage["nodes"]
            ]
            stages[name] = {"fields": stage["fields"], "nodes": nodes}
        table["stages"] = stages
        return Scores(cast("_ScoreColumns", table), backend=self.backend)

    def top(self, n: int = 10, *, year: int | None = None) -> Scores:
        """The ``n`` best-ranked rows of ``year`` (or of the only year), best first: ties share
        a rank, so more than ``n`` rows come back when the last place is tied.

        Examples
        --------
        >>> import chiso
        >>> data = {"unit": ["A", "B", "C"], "x": [1.0, 3.0, 2.0], "y": [1.0, 3.0, 2.0]}
        >>> spec = chiso.Spec.from_dict({"id": "demo", "root": "total", "nodes": [
        ...     {"id": "total", "children": ["x", "y"]}, {"id": "x"}, {"id": "y"}]})
        >>> chiso.score(spec, data).top(2)["unit"].tolist()
        ['B', 'C']
        """
        years = self.years
        rows = np.arange(len(self))
        if year is not None:
            if year not in years:
                raise ValueError(f"no rows for {year}; years: {', '.join(map(str, years))}")
            rows = rows[self["year"] == year]
        elif len(years) > 1:
            raise ValueError(f"the scores cover several years ({years[0]}–{years[-1]}); give year=")
        rank = self["rank"]
        units = np.asarray(self._columns["unit"], dtype=str)
        order = rows[np.lexsort((units[rows], rank[rows]))]
        if len(order) > n:
            order = order[rank[order] <= rank[order[n - 1]]] if n > 0 else order[:0]
        return self._select(order)


# --- comparison -----------------------------------------------------------------------------


class Comparison(Table):
    """Two years compared unit by unit, as :func:`chiso.compare` returns them: ordered by the
    rank in the second year, then the units present only in the first."""

    _title = "chiso.Comparison"

    def __init__(self, table: _CompareColumns, *, backend: Backend = "pandas") -> None:
        lists = table["columns"]
        kinds: dict[str, Kind] = {
            "unit": "text",
            "score_from": "float",
            "score_to": "float",
            "score_delta": "float",
            "rank_from": "int",
            "rank_to": "int",
            "rank_change": "int",
            "tier_from": "text",
            "tier_to": "text",
            "tier_from_en": "text",
            "tier_to_en": "text",
            "presence": "text",
            "note": "text",
        }
        columns = {name: lists[name] for name in kinds}  # type: ignore[literal-required]
        super().__init__(
            columns, kinds, index=table["index"], precision=table["precision"], backend=backend
        )
        self.from_year: int | None = table["from"]
        """The first year compared."""
        self.to_year: int | None = table["to"]
        """The second year compared."""

    def _attrs(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "precision": self.precision,
            "from_year": self.from_year,
            "to_year": self.to_year,
        }

    def _display_columns(self) -> list[str]:
        hidden = {"tier_from_en", "tier_to_en"}
        if all(p == "both" for p in self._columns["presence"]):
            hidden.add("presence")
        return [n for n in super()._display_columns() if n not in hidden]

    def _caption(self) -> str:
        return f"{self._title}: {self.index}, {self.from_year} → {self.to_year}, {len(self)} units"

    def _table(self, shape: Layout, stage: str | None) -> tuple[dict[str, Any], dict[str, Kind]]:
        if stage is not None:
            raise ValueError("Comparison has no stages")
        if shape == "wide":
            return self._columns, self._kinds
        if shape != "long":
            raise ValueError(f"shape must be 'wide' or 'long', not {shape!r}")
        # Long: one row per unit and year it was scored in.
        units = np.asarray(self._columns["unit"], dtype=object)
        parts = []
        for suffix, year in (("from", self.from_year), ("to", self.to_year)):
            score = np.asarray(self._columns[f"score_{suffix}"], dtype=np.float64)
            keep = ~np.isnan(score)
            parts.append(
                {
                    "unit": units[keep],
                    "year": np.full(int(keep.sum()), np.nan if year is None else float(year)),
                    "score": score[keep],
                    "rank": np.asarray(self._columns[f"rank_{suffix}"], dtype=np.float64)[keep],
                    "tier": np.asarray(self._columns[f"tier_{suffix}"], dtype=object)[keep],
                    "tier_en": np.asarray(self._columns[f"tier_{suffix}_en"], dtype=object)[keep],
                }
            )
        columns = {
            name: (
                np.concatenate([p[name] for p in parts]).tolist()
                if name in ("unit", "tier", "tier_en")
                else np.concatenate([p[name] for p in parts])
            )
            for name in parts[0]
        }
        kinds: dict[str, Kind] = {
            "unit": "text",
            "year": "int",
            "score": "float",
            "rank": "int",
            "tier": "text",
            "tier_en": "text",
        }
        return columns, kinds
