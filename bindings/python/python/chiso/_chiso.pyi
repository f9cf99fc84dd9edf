# Type stubs of chiso's compiled module (bindings/python/src), checked by tests/test_stubs.py.

from collections.abc import Iterable, Mapping, Sequence
from os import PathLike
from typing import Any, ClassVar, Literal, TypedDict, final, overload

import numpy as np
import numpy.typing as npt
from typing_extensions import TypeAlias

_Floats: TypeAlias = npt.NDArray[np.float64]  # missing values are NaN
_Ints: TypeAlias = npt.NDArray[np.int64]

__all__ = [
    "ChisoError",
    "SpecError",
    "DataError",
    "ComputeError",
    "SpecFileNotFoundError",
    "DataFileNotFoundError",
    "OptionError",
    "Spec",
    "Dataset",
    "UnitMapping",
    "presets",
    "report",
    "preset",
    "format_numbers",
    "score_columns",
    "compare_columns",
    "diagnose",
    "plan",
    "uncertainty_result",
    "rank_changes_result",
    "sensitivity_result",
    "audit_result",
    "calibrate_result",
    "read_sheet",
    "write_excel",
    "dataset_list",
    "dataset_csv",
    "spec_schema_json",
    "_ProfileResult",
    "profile_result",
    "profile_manifest",
    "survey_result",
]

__version__: str

# --- errors (src/error.rs) -------------------------------------------------------------

class ChisoError(Exception):
    variant: str | None
    node: str | None
    row: int | None
    unit: str | None
    column: str | None
    line: int | None

class SpecError(ChisoError, ValueError): ...
class DataError(ChisoError, ValueError): ...
class ComputeError(ChisoError): ...
class SpecFileNotFoundError(SpecError, FileNotFoundError): ...
class DataFileNotFoundError(DataError, FileNotFoundError): ...
class OptionError(ComputeError, ValueError): ...

# --- specifications (src/spec.rs, src/presets.rs) --------------------------------------

class _Labels(TypedDict):
    vi: str
    en: str

class _NodeInfo(TypedDict):
    id: str
    label_vi: str
    label_en: str
    weight: float
    direction: str
    parent: str | None
    depth: int
    children: list[str]
    aggregation: str | None
    multiplier: float
    normalise: str
    normalise_low: float | None
    normalise_high: float | None
    scale_min: float | None
    scale_max: float | None

@final
class Spec:
    @staticmethod
    def from_json(text: str) -> Spec: ...
    @staticmethod
    def from_toml(text: str) -> Spec: ...
    @staticmethod
    def from_path(path: str | PathLike[str]) -> Spec: ...
    @staticmethod
    def from_dict(spec: Mapping[str, Any]) -> Spec: ...
    def to_json(self) -> str: ...
    def to_toml(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...
    @property
    def id(self) -> str: ...
    @property
    def label(self) -> _Labels: ...
    @property
    def description(self) -> str | None: ...
    @property
    def editions(self) -> list[tuple[int, int]]: ...
    def resolve(self, year: int | None = None) -> Spec: ...
    def nodes(self, year: int | None = None) -> list[_NodeInfo]: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

def presets() -> list[str]: ...
def preset(id: str, year: int | None = None) -> Spec: ...

# --- datasets (src/datasets.rs) -------------------------------------------------------------

def dataset_list() -> list[dict[str, Any]]: ...
def dataset_csv(name: str) -> str: ...
def spec_schema_json() -> str: ...

# --- data (src/data.rs) -----------------------------------------------------------------

@final
class Dataset:
    @staticmethod
    def from_columns(
        columns: Mapping[Any, Iterable[object]] | Iterable[tuple[Any, Iterable[object]]],
        *,
        unit_column: str = "unit",
        year_column: str = "year",
    ) -> Dataset: ...
    @staticmethod
    def from_long(
        units: Iterable[object],
        variables: Iterable[object],
        values: Iterable[object],
        *,
        years: Iterable[object] | None = None,
        unit_column: str = "unit",
        year_column: str = "year",
    ) -> Dataset: ...
    @staticmethod
    def from_records(
        records: Iterable[Mapping[Any, object]],
        *,
        unit_column: str = "unit",
        year_column: str = "year",
    ) -> Dataset: ...
    @staticmethod
    def from_csv(
        text: str,
        *,
        unit_column: str = "unit",
        year_column: str = "year",
        delimiter: str | None = None,
    ) -> Dataset: ...
    @staticmethod
    def from_csv_path(
        path: str | PathLike[str],
        *,
        unit_column: str = "unit",
        year_column: str = "year",
        delimiter: str | None = None,
    ) -> Dataset: ...
    @property
    def units(self) -> list[str]: ...
    @property
    def years(self) -> list[int] | None: ...
    @property
    def columns(self) -> list[str]: ...
    def values(self, name: str) -> list[float | None]: ...
    def __len__(self) -> int: ...

# --- unit changes (src/units.rs) -------------------------------------------------------

class _UnitChange(TypedDict):
    old: str
    new: str
    effective: str
    kind: str

@final
class UnitMapping:
    @staticmethod
    def vietnam_provinces() -> UnitMapping: ...
    @staticmethod
    def from_csv(text: str) -> UnitMapping: ...
    @staticmethod
    def from_csv_path(path: str | PathLike[str]) -> UnitMapping: ...
    @property
    def changes(self) -> list[_UnitChange]: ...
    def __len__(self) -> int: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

# --- scoring and comparison (src/score.rs, src/compare.rs) -----------------------------

class _ScoreColumnLists(TypedDict):
    unit: list[str]
    year: _Floats
    score: _Floats
    rank: _Ints
    out_of: _Ints
    tier: list[str | None]
    tier_en: list[str | None]
    tier_level: _Floats

class _Stage(TypedDict):
    fields: list[str]
    nodes: list[tuple[str, dict[str, _Floats]]]

class _ScoreColumns(TypedDict):
    index: str
    root: str
    precision: int
    has_tiers: bool
    columns: _ScoreColumnLists
    stages: dict[str, _Stage]
    dropped: list[dict[str, Any]]
    log: list[dict[str, Any]]

class _CompareColumnLists(TypedDict):
    unit: list[str]
    score_from: _Floats
    score_to: _Floats
    score_delta: _Floats
    rank_from: _Floats
    rank_to: _Floats
    rank_change: _Floats
    tier_from: list[str | None]
    tier_to: list[str | None]
    tier_from_en: list[str | None]
    tier_to_en: list[str | None]
    presence: list[str]
    note: list[str | None]

_CompareHeader = TypedDict("_CompareHeader", {"from": int | None, "to": int | None})

class _CompareColumns(_CompareHeader):
    index: str
    precision: int
    columns: _CompareColumnLists

def format_numbers(
    values: Sequence[float | None], decimals: int, decimal_comma: bool = False
) -> list[str]: ...
def score_columns(
    spec: Spec,
    data: Dataset,
    *,
    year: int | None = None,
    strict: bool = False,
    components: bool = False,
    stages: bool = False,
) -> _ScoreColumns: ...

class _ExcelColumn(TypedDict):
    letter: str
    header: str
    name: str
    matched_by: Literal["id", "label", "alias"] | None
    units_from: str | None

class _UnitAlias(TypedDict):
    written: str
    unit: str

class _SheetNote(TypedDict):
    row: int
    text: str

class _SheetReport(TypedDict):
    sheet: str
    columns: list[_ExcelColumn]
    unit_aliases: list[_UnitAlias]
    notes: list[_SheetNote]

def read_sheet(
    path: str | PathLike[str],
    sheet: str | None = None,
    *,
    spec: Spec | None = None,
    unit_column: str = "unit",
    year_column: str = "year",
    year: int | None = None,
) -> tuple[Dataset, _SheetReport]: ...
def write_excel(
    spec: Spec,
    data: Dataset,
    path: str | PathLike[str],
    *,
    year: int | None = None,
    strict: bool = False,
    source: str | None = None,
) -> None: ...
def compare_columns(
    spec: Spec,
    data: Dataset,
    *,
    from_year: int,
    to_year: int,
    unit_mapping: UnitMapping | None = None,
) -> _CompareColumns: ...

# --- analysis (src/diagnose.rs, src/plan.rs): the core's JSON form ------------------------

class _Tier(TypedDict):
    level: int
    label: _Labels

class _ComponentDiagnosis(TypedDict):
    id: str
    label: _Labels
    weight: float
    score: float
    rank: int
    median: float
    leader: float
    leader_unit: str
    gap_to_median: float
    gap_to_leader: float
    cost_to_median: float
    cost_to_leader: float
    previous: float | None
    change: float | None
    rank_change: int | None

class _Decomposition(TypedDict):
    total: float
    contributions: list[list[Any]]  # [node id, composite points] pairs
    weight_effect: float

class _Diagnosis(TypedDict):
    index: str
    unit: str
    year: int | None
    score: float
    rank: int
    out_of: int
    tier: _Tier | None
    previous_year: int | None
    previous_score: float | None
    previous_rank: int | None
    score_change: float | None
    rank_change: int | None
    components: list[_ComponentDiagnosis]
    weakest: list[str]
    fell: list[str]
    decomposition: _Decomposition | None

class _Target(TypedDict):
    kind: str
    value: float

class _PlanStep(TypedDict):
    id: str
    label: _Labels
    current: float
    gain: float
    planned: float
    max_gain: float
    cost: float

class _Plan(TypedDict):
    index: str
    unit: str
    year: int | None
    target: _Target
    threshold: float
    reachable: bool
    score_now: float
    score_planned: float
    rank_now: int
    rank_planned: int
    out_of: int
    total_gain: float
    total_cost: float
    steps: list[_PlanStep]

@overload
def diagnose(
    spec: Spec,
    data: Dataset,
    unit: str,
    *,
    year: int | None = None,
    previous_year: int | None = None,
    level: Literal["sub_indices"] = "sub_indices",
) -> _Diagnosis: ...
@overload
def diagnose(
    spec: Spec,
    data: Dataset,
    unit: str,
    *,
    year: int | None = None,
    previous_year: int | None = None,
    level: Literal["indicators"],
) -> dict[str, Any]: ...
@overload
def diagnose(
    spec: Spec,
    data: Dataset,
    unit: str,
    *,
    year: int | None = None,
    previous_year: int | None = None,
    level: str = "sub_indices",
) -> _Diagnosis | dict[str, Any]: ...
@overload
def plan(
    spec: Spec,
    data: Dataset,
    unit: str,
    target: str,
    *,
    year: int | None = None,
    caps: dict[str, float] | None = None,
    costs: dict[str, float] | None = None,
    field: Literal["fixed", "trend"] = "fixed",
    level: Literal["sub_indices"] = "sub_indices",
    beyond_best: bool = False,
) -> _Plan: ...
@overload
def plan(
    spec: Spec,
    data: Dataset,
    unit: str,
    target: str,
    *,
    year: int | None = None,
    caps: dict[str, float] | None = None,
    costs: dict[str, float] | None = None,
    field: Literal["fixed", "trend"] = "fixed",
    level: Literal["indicators"],
    beyond_best: bool = False,
) -> dict[str, Any]: ...
@overload
def plan(
    spec: Spec,
    data: Dataset,
    unit: str,
    target: str,
    *,
    year: int | None = None,
    caps: dict[str, float] | None = None,
    costs: dict[str, float] | None = None,
    field: Literal["fixed", "trend"] = "fixed",
    level: str = "sub_indices",
    beyond_best: bool = False,
) -> _Plan | dict[str, Any]: ...
def report(
    spec: Spec,
    data: Dataset,
    unit: str,
    *,
    year: int | None = None,
    target: str | None = None,
    lang: Literal["vi", "en"] = "vi",
    format: Literal["md", "markdown", "html"] = "md",
) -> str: ...
def _panic(message: str) -> None: ...

# --- profile (src/profile.rs) -------------------------------------------------------------

@final
class _ProfileResult:
    def to_dict(self) -> dict[str, Any]: ...
    def page(self, lang: str = "vi", format: str = "md") -> str: ...

def profile_result(
    unit: str,
    year: int,
    sources: list[tuple[str, Spec | None, Dataset, bool, str | None, list[str]]],
    *,
    previous: int | None = None,
    targets: list[str] = ...,
    mapping: UnitMapping | None = None,
) -> _ProfileResult: ...
def survey_result(
    spec_text: str,
    csv_text: str,
    *,
    seed: int | None = None,
    replicates: int | None = None,
    spec_index: Spec | None = None,
) -> Any: ...
def profile_manifest(
    path: str,
    *,
    unit: str | None = None,
    year: int | None = None,
    previous: int | None = None,
    targets: list[str] = ...,
) -> _ProfileResult: ...

# --- robustness (src/uncertainty.rs, src/sensitivity.rs, src/audit.rs) ------------------

def uncertainty_result(
    spec: Spec,
    data: Dataset,
    inputs_json: str,
    *,
    year: int | None = None,
    samples: int = 1000,
    seed: int = 0,
    pairwise: bool = False,
    keep_samples: bool = False,
) -> dict[str, Any]: ...
def rank_changes_result(
    spec: Spec,
    data: Dataset,
    inputs_json: str,
    *,
    from_year: int,
    to_year: int,
    samples: int = 1000,
    seed: int = 0,
    mapping: UnitMapping | None = None,
) -> dict[str, Any]: ...
def sensitivity_result(
    spec: Spec,
    data: Dataset,
    inputs_json: str,
    *,
    year: int | None = None,
    samples: int = 500,
    seed: int = 0,
    bootstrap: int = 100,
    first_order: str = "jansen",
) -> dict[str, Any]: ...
def audit_result(spec: Spec, data: Dataset, *, year: int | None = None) -> dict[str, Any]: ...
def calibrate_result(
    data: Dataset,
    target: str,
    *,
    columns: list[str] | None = None,
    method: str = "weighted_mean",
    year: int | None = None,
    tolerance: float = 0.0001,
    scale: tuple[float, float] | None = None,
    worst: int = 10,
    drop_collinear: bool = False,
) -> tuple[dict[str, Any], Spec | None]: ...
