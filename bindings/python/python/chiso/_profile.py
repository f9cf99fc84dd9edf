"""A unit's profile across indices (:func:`chiso.profile`): the core's result as an object
that shows itself in a notebook, converts to pandas and renders its page."""

from __future__ import annotations

import html
import os
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal

from chiso import _chiso
from chiso._chiso import Spec, UnitMapping, preset
from chiso._input import DataInput, dataset

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Profile", "SourceInput", "profile"]

SourceInput = Mapping[str, Any]
"""One index: ``{"index": "pci", "data": <table>}`` (a full table, with optional
``"spec"``, ``"unit_column"``, ``"year_column"``) or ``{"index": "par_index",
"published": <rows>}`` (``unit, year, score, rank, out_of[, tier]``), each with optional
``"unit"`` (the unit's name there) and ``"targets"``."""

_COLUMNS = [
    "index",
    "source",
    "unit",
    "year",
    "score",
    "rank",
    "out_of",
    "tier",
    "percentile",
    "previous_year",
    "previous_score",
    "previous_rank",
    "score_change",
    "rank_change",
    "note",
]


class Profile:
    """The profile of one unit in one year: one row per index (``rows``, plain dicts), with
    ``to_pandas()``, ``page(lang, format)`` and a table in notebooks."""

    def __init__(self, result: Any) -> None:
        self._result = result
        data = result.to_dict()
        self.unit: str = data["unit"]
        self.year: int = data["year"]
        self.previous: int = data["previous"]
        self.rows: list[dict[str, Any]] = data["rows"]

    def to_dict(self) -> dict[str, Any]:
        """Every number of the profile, unrounded (the core's JSON form)."""
        return dict(self._result.to_dict())

    def to_pandas(self) -> pd.DataFrame:
        """One row per index; ``tier`` in Vietnamese; ``weakest`` and ``targets`` as lists."""
        import pandas as pd

        records = []
        for row in self.rows:
            record = {c: row[c] for c in _COLUMNS if c != "tier"}
            record["tier"] = None if row["tier"] is None else row["tier"]["vi"]
            record["weakest"] = row["weakest"]
            record["targets"] = row["targets"]
            records.append(record)
        return pd.DataFrame.from_records(records, columns=[*_COLUMNS, "weakest", "targets"])

    def page(
        self, lang: Literal["vi", "en"] = "vi", format: Literal["md", "markdown", "html"] = "md"
    ) -> str:
        """The profile page, rendered by the core: Markdown, or a standalone HTML page with
        the chart of the unit's position in every index and its movement."""
        return str(self._result.page(lang, format))

    def _repr_html_(self) -> str:
        def cell(value: Any) -> str:
            return "—" if value is None else html.escape(str(value))

        head = "".join(
            f"<th>{c}</th>" for c in ("index", "source", "score", "rank", "change", "places")
        )
        body = []
        for r in self.rows:
            score = None if r["score"] is None else f"{r['score']:.{r['precision']}f}"
            rank = None if r["rank"] is None else f"{r['rank']}/{r['out_of'] or '?'}"
            change = (
                None if r["score_change"] is None else f"{r['score_change']:+.{r['precision']}f}"
            )
            places = None if r["rank_change"] is None else f"{r['rank_change']:+d}"
            body.append(
                "<tr>"
                + "".join(
                    f"<td>{cell(v)}</td>"
                    for v in (r["label"]["en"], r["source"], score, rank, change, places)
                )
                + "</tr>"
            )
        caption = html.escape(f"{self.unit} {self.year} (changes on {self.previous})")
        return f"<table><caption>{caption}</caption><tr>{head}</tr>{''.join(body)}</table>"

    def __repr__(self) -> str:
        lines = [f"Profile of {self.unit} in {self.year} (changes on {self.previous})"]
        for r in self.rows:
            lines.append(
                f"  {r['index']}: {r['score']} rank {r['rank']}/{r['out_of']} ({r['source']})"
            )
        return "\n".join(lines)


def profile(
    unit: str | None = None,
    year: int | None = None,
    sources: Sequence[SourceInput] = (),
    *,
    manifest: str | os.PathLike[str] | None = None,
    previous: int | None = None,
    targets: Sequence[str] = (),
    mapping: UnitMapping | Literal["vn-provinces"] | None = None,
) -> Profile:
    """One unit across indices in ``year``: score with its unit, rank of N in its ranking
    group, tier, change in points and places on ``previous`` (default: the year before; across
    renames and mergers with ``mapping``), and for full tables the weakest components and the
    distance to ``targets`` (``"top:10"``, ``"gain:3"``, ``"score:70"``). A published-results
    source says so and answers a target with ``status="needs_full_table"``.

    Give ``sources`` (see :data:`SourceInput`) or a ``manifest`` file (TOML or JSON, as
    ``chiso profile --manifest``).

    Examples
    --------
    >>> rows = {"unit": ["Hải Hà", "Hải Hà"], "year": [2020, 2019], "score": [93.12, 93.62],
    ...         "rank": [10, 7], "out_of": [13, 13]}
    >>> p = profile("Hải Hà", 2020, [{"index": "sipas", "published": rows}])
    >>> first = p.rows[0]
    >>> first["rank_change"], first["source"]
    (-3, 'published')
    """
    if isinstance(mapping, str):
        if mapping != "vn-provinces":
            raise ValueError(
                f"mapping must be a chiso.UnitMapping or 'vn-provinces', not {mapping!r}"
            )
        mapping = UnitMapping.vietnam_provinces()
    if manifest is not None:
        if sources:
            raise ValueError("give sources or a manifest, not both")
        if mapping is not None:
            raise ValueError("a manifest names its unit mapping itself (`units = ...`)")
        return Profile(
            _chiso.profile_manifest(
                os.fspath(manifest), unit=unit, year=year, previous=previous, targets=list(targets)
            )
        )
    if unit is None or year is None:
        raise ValueError("profile needs unit and year (or a manifest that names them)")
    if not sources:
        raise ValueError("profile needs at least one source")
    prepared = []
    for i, source in enumerate(sources):
        if not isinstance(source, Mapping) or "index" not in source:
            raise ValueError(f"source {i}: expected a dict with 'index' and 'data' or 'published'")
        unknown = set(source) - {
            "index",
            "data",
            "published",
            "spec",
            "unit_column",
            "year_column",
            "unit",
            "targets",
        }
        if unknown:
            raise ValueError(f"source {i} ({source['index']}): unknown keys {sorted(unknown)}")
        if ("data" in source) == ("published" in source):
            raise ValueError(
                f"source {i} ({source['index']}): give exactly one of 'data' (a full table) "
                "or 'published' (published rows)"
            )
        published = "published" in source
        rows: DataInput = source["published"] if published else source["data"]
        data = dataset(
            rows,
            unit_column=source.get("unit_column", "unit"),
            year_column=source.get("year_column", "year"),
        )
        spec = source.get("spec")
        if isinstance(spec, str):
            spec = preset(spec)
        if spec is not None and not isinstance(spec, Spec):
            raise TypeError(f"source {i}: spec must be a chiso.Spec or a preset id")
        prepared.append(
            (
                str(source["index"]),
                spec,
                data,
                published,
                source.get("unit"),
                list(source.get("targets", ())),
            )
        )
    return Profile(
        _chiso.profile_result(
            unit, year, prepared, previous=previous, targets=list(targets), mapping=mapping
        )
    )
