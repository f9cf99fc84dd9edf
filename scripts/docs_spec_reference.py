"""Writes the spec format's field reference (docs/reference/spec-fields.md) from the JSON Schema
that the Rust types generate (crates/chiso/schema/chiso-spec.schema.json, schemars), so the
guide's reference can never disagree with what the parser accepts. Run by
`scripts/test.sh docs`; the page is generated, not committed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "crates" / "chiso" / "schema" / "chiso-spec.schema.json"
OUT = ROOT / "docs" / "reference" / "spec-fields.md"


def anchor(name: str) -> str:
    return name.lower()


def type_of(prop: dict[str, Any]) -> str:
    """A short, readable type: `number`, `string | null`, [`NodeFile`](#nodefile)[], …"""
    if "$ref" in prop:
        name = prop["$ref"].rsplit("/", 1)[-1]
        return f"[`{name}`](#{anchor(name)})"
    for key in ("anyOf", "oneOf"):
        if key in prop:
            parts = [type_of(p) for p in prop[key]]
            return " \\| ".join(dict.fromkeys(parts))
    if "enum" in prop:
        return " \\| ".join(f'`"{v}"`' if isinstance(v, str) else f"`{v}`" for v in prop["enum"])
    if "const" in prop:
        return f'`"{prop["const"]}"`'
    kind = prop.get("type", "any")
    kinds = kind if isinstance(kind, list) else [kind]
    out = []
    for k in kinds:
        if k == "array":
            out.append(type_of(prop.get("items", {})) + "[]")
        elif k == "object" and isinstance(prop.get("additionalProperties"), dict):
            out.append("{ id → " + type_of(prop["additionalProperties"]) + " }")
        else:
            out.append(f"`{k}`")
    return " \\| ".join(out)


def cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def table(definition: dict[str, Any]) -> list[str]:
    props = definition.get("properties")
    if not props:
        alts = definition.get("oneOf") or definition.get("anyOf")
        if alts:
            lines = ["One of:", ""]
            for alt in alts:
                desc = cell(alt.get("description", ""))
                lines.append(f"- {type_of(alt)}{': ' + desc if desc else ''}")
            return lines + [""]
        return [f"Type: {type_of(definition)}", ""]
    required = set(definition.get("required", []))
    lines = ["| field | type | required | meaning |", "|---|---|---|---|"]
    for name, prop in props.items():
        req = "yes" if name in required else ""
        lines.append(f"| `{name}` | {type_of(prop)} | {req} | {cell(prop.get('description', ''))} |")
    return lines + [""]


def main() -> int:
    if not SCHEMA.is_file():
        print(f"{SCHEMA.relative_to(ROOT)} is missing", file=sys.stderr)
        return 1
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    lines = [
        "# Spec file fields",
        "",
        "Every field a spec file (JSON or TOML) may hold, generated from the JSON Schema that the",
        "Rust types produce (`chiso schema` prints it; [Writing your own index](../spec.md) explains",
        "the format with examples). A field not listed here is an error when the spec is read.",
        "",
        f"## {schema.get('title', 'Spec file')}",
        "",
        cell(schema.get("description", "")),
        "",
        *table(schema),
    ]
    for name, definition in sorted(schema.get("$defs", {}).items()):
        lines += [f"## {name}", "", cell(definition.get("description", "")), "", *table(definition)]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"spec reference: {len(schema.get('$defs', {}))} types written to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
