#!/usr/bin/env bash
# Installs everything the build and tests need. Idempotent: every step is guarded by a
# check, so a second run installs nothing and prints one line.
# Usage: bash scripts/setup.sh      (as root, or with sudo available for apt-get)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WASM_BINDGEN_VERSION="0.2.130" # must equal the `wasm-bindgen = "=…"` pin in Cargo.toml
VENV="$ROOT/.venv"
REQS="$ROOT/scripts/requirements-dev.txt"
WASM_PKG_DIR="$ROOT/bindings/wasm"

start=$SECONDS
say() { echo "setup: $*"; }

# rustup installs cargo into ~/.cargo/bin; a non-login shell may not have it on PATH.
if ! command -v cargo >/dev/null 2>&1 && [[ -f "$HOME/.cargo/env" ]]; then
  # shellcheck source=/dev/null
  . "$HOME/.cargo/env"
fi

# --- Rust target and components -------------------------------------------------------
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding Rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
installed_components="$(rustup component list --installed)"
for component in rustfmt clippy; do
  if ! grep -q "^$component" <<<"$installed_components"; then
    say "adding rustup component $component"
    rustup component add "$component"
  fi
done

# --- wasm-bindgen CLI, pinned to the crate version ------------------------------------
# No --locked: the CLI's shipped lockfile pins a crate version the registry here lacks.
if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $WASM_BINDGEN_VERSION"; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (takes ~3 minutes)"
  cargo install --quiet --force wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# --- Headless Chromium for the browser tests ------------------------------------------
if ! command -v chromium >/dev/null 2>&1; then
  say "installing chromium (apt)"
  sudo=""
  [[ "$(id -u)" == 0 ]] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq chromium >/dev/null
fi

# --- Python venv with the dev tools ---------------------------------------------------
if [[ ! -x "$VENV/bin/python" ]]; then
  say "creating Python venv at $VENV"
  python3 -m venv "$VENV"
fi
# The copy of the requirements file inside the venv records what was installed last.
if ! cmp -s "$REQS" "$VENV/.requirements-dev.txt"; then
  say "installing Python dev tools from scripts/requirements-dev.txt"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$REQS"
  cp "$REQS" "$VENV/.requirements-dev.txt"
fi

# The user guide's site generator, in the same venv (scripts/test.sh docs).
DOCS_REQS="$ROOT/scripts/requirements-docs.txt"
if ! cmp -s "$DOCS_REQS" "$VENV/.requirements-docs.txt"; then
  say "installing the docs tools from scripts/requirements-docs.txt"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$DOCS_REQS"
  cp "$DOCS_REQS" "$VENV/.requirements-docs.txt"
fi

# --- npm dev dependencies: the wasm bindings, and typedoc for the guide -----------------
# Hash of a folder's package.json and (if present) package-lock.json, the inputs of node_modules.
npm_inputs_hash() {
  local f
  for f in package.json package-lock.json; do
    if [[ -f "$1/$f" ]]; then cat "$1/$f"; fi
  done | sha256sum
}
npm_install() { # npm_install DIR: npm ci (or install) unless node_modules matches its inputs
  local dir="$1" stamp want
  [[ -f "$dir/package.json" ]] || return 0
  # The stamp holds the hash of the inputs node_modules was installed from.
  stamp="$dir/node_modules/.chiso-setup-stamp"
  want="$(npm_inputs_hash "$dir")"
  [[ "$(cat "$stamp" 2>/dev/null)" != "$want" ]] || return 0
  local npm_flags=(--no-audit --no-fund --loglevel=error)
  if [[ -f "$dir/package-lock.json" ]]; then
    say "npm ci in ${dir#"$ROOT"/}"
    (cd "$dir" && npm ci "${npm_flags[@]}")
  else
    say "npm install in ${dir#"$ROOT"/} (no package-lock.json yet: this creates one)"
    (cd "$dir" && npm install "${npm_flags[@]}")
  fi
  # npm install may have written the lockfile: stamp what is there now.
  npm_inputs_hash "$dir" >"$stamp"
}
npm_install "$WASM_PKG_DIR"
npm_install "$ROOT/scripts/typedoc"

say "toolchain ready ($((SECONDS - start))s)"
