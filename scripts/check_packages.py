"""Checks what `cargo package`, `maturin sdist` and `npm pack` would publish: each archive holds
the sources, README, CHANGELOG, both licences, the types, the bundled datasets and the spec
schema, as files (a symbolic link in the repository must arrive as its content), byte for byte
the repository's. Usage: python scripts/check_packages.py crate|cli|sdist|npm ARCHIVE"""

from __future__ import annotations

import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATASETS = [
    "pci_subindices.csv",
    "pci_top_2019_2020.csv",
    "pci_indicators.csv",
    "pci_indicator_names.csv",
    "papi_dimensions.csv",
    "papi_subdimensions.csv",
    "asem_data.csv",
    "asem_meta.csv",
]
COMMON = ["README.md", "CHANGELOG.md", "LICENSE-MIT", "LICENSE-APACHE"]
CORE = (
    ["Cargo.toml", "build.rs", "src/lib.rs", "src/datasets.rs", "src/spec/schema.rs"]
    + [
        "presets/pci.toml",
        "presets/papi.toml",
        "units/provinces_2025.csv",
        "units/provinces_2008.csv",
    ]
    + ["schema/chiso-spec.schema.json"]
    + [f"datasets/{f}" for f in DATASETS]
)
EXPECTED = {
    "crate": COMMON + CORE,
    "cli": COMMON + ["Cargo.toml", "src/main.rs", "src/datasets.rs"],
    "sdist": ["pyproject.toml", "PKG-INFO"]
    + [f"bindings/python/{f}" for f in COMMON + ["Cargo.toml", "src/lib.rs", "src/datasets.rs"]]
    + [f"python/chiso/{f}" for f in ["__init__.py", "datasets.py", "_chiso.pyi", "py.typed"]]
    + [f"crates/chiso/{f}" for f in CORE],
    "npm": [
        "package.json",
        "index.js",
        "index.d.ts",
        "types.generated.d.ts",
        "bundled.js",
        "bundled.d.ts",
    ]
    + [
        "datasets.json",
        "scorecard.js",
        "scorecard.d.ts",
        "pkg/chiso_wasm_bg.wasm",
        "pkg/chiso_analysis_bg.wasm",
    ]
    + [
        "pkg/chiso_wasm.js",
        "pkg/chiso_analysis.js",
        "data/pci.csv",
        "data/chiso-spec.schema.json",
    ]
    + [f"data/datasets/{f}" for f in DATASETS + ["provinces_2025.csv", "provinces_2008.csv"]]
    + COMMON,
}
# Files whose content must equal the repository's (archive path → repository path).
SAME = {
    "datasets/pci_subindices.csv": "examples/data/pci/pci_subindices.csv",
    "datasets/asem_data.csv": "tests/coinr/asem_data.csv",
    "schema/chiso-spec.schema.json": "crates/chiso/schema/chiso-spec.schema.json",
    "LICENSE-APACHE": "LICENSE-APACHE",
    "LICENSE-MIT": "LICENSE-MIT",
    "data/datasets/papi_dimensions.csv": "examples/data/papi/papi_dimensions.csv",
    "data/chiso-spec.schema.json": "crates/chiso/schema/chiso-spec.schema.json",
}


def main(kind: str, archive: str) -> None:
    with tarfile.open(archive) as tar:
        members = {m.name.split("/", 1)[1]: m for m in tar.getmembers() if "/" in m.name}
        missing = [f for f in EXPECTED[kind] if f not in members]
        links = [f for f in EXPECTED[kind] if f in members and not members[f].isfile()]
        assert not missing, f"{archive}: missing {missing}"
        assert not links, f"{archive}: not regular files: {links}"
        checked = 0
        for inside, path in SAME.items():
            for name in (inside, f"crates/chiso/{inside}", f"bindings/python/{inside}"):
                if name in members:
                    data = tar.extractfile(members[name])
                    assert data is not None and data.read() == (ROOT / path).read_bytes(), f"{name} differs"
                    checked += 1
        assert checked >= 2, f"{archive}: compared only {checked} files"
        print(f"{archive}: {len(members)} files; {len(EXPECTED[kind])} required present, {checked} compared")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
