"""Survey aggregation (:func:`chiso.survey`): microdata to weighted indicators with intervals,
as ``chiso survey`` computes them."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from chiso import _chiso
from chiso._chiso import Spec, preset

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["survey"]


def _text(value: str | os.PathLike[str], what: str) -> str:
    """A path's contents, or the text itself when it cannot be a path (it has a line break)."""
    if isinstance(value, os.PathLike) or ("\n" not in value and os.path.exists(value)):
        with open(value, encoding="utf-8-sig") as f:
            return f.read()
    if "\n" not in str(value):
        raise FileNotFoundError(f"{what}: no such file {os.fspath(value)!r}")
    return str(value)


def survey(
    spec: str | os.PathLike[str],
    data: str | os.PathLike[str] | pd.DataFrame,
    *,
    seed: int | None = None,
    replicates: int | None = None,
    index: Spec | str | None = None,
) -> dict[str, Any]:
    """Aggregates survey microdata as a survey spec says (weighted shares or means per unit,
    respondents, effective sample size, standard errors, normal and bootstrap intervals).

    ``spec`` is a TOML/JSON survey spec (a path or the text), ``data`` the microdata (a CSV
    path, CSV text or a DataFrame). ``seed`` and ``replicates`` override the spec's bootstrap.
    With ``index`` (a preset id or a :class:`Spec`), returns ``{"intervals": [...]}``: every
    node's score interval and rank range over the bootstrap replicates, scored by the index.
    """
    spec_text = _text(spec, "survey spec")
    if isinstance(data, (str, os.PathLike)):
        csv_text = _text(data, "survey data")
    else:
        csv_text = data.to_csv(index=False)
    definition = preset(index) if isinstance(index, str) else index
    result: dict[str, Any] = _chiso.survey_result(
        spec_text, csv_text, seed=seed, replicates=replicates, spec_index=definition
    )
    return result
