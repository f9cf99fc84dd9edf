#!/usr/bin/env bash
# Regenerates the COINr reference fixtures in tests/coinr/ (see tests/coinr/README.md).
# Installs R from Debian packages and COINr from source at a pinned commit, both only if
# missing, then runs scripts/coinr_reference.R and the numpy cross-check. Not part of
# scripts/test.sh or CI (it needs R and the COINr source).
#
# Usage: bash scripts/coinr_reference.sh [OUTDIR]      (default tests/coinr; as root or with sudo)
# COINr source, first found: $COINR_SRC (a source tree or a git dir), the bare mirror at
# /work/.mirror/bluefoxr+COINr/repo, else a clone of https://github.com/bluefoxr/COINr.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUTDIR="${1:-$ROOT/tests/coinr}"
COINR_COMMIT="b9682034635df03279896b6cb025cd3534f82cbb" # COINr 1.1.14, 2025-04-04
COINR_VERSION="1.1.14"
MIRROR="/work/.mirror/bluefoxr+COINr/repo"
say() { echo "coinr_reference: $*"; }
SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi

# --- R and COINr's imports from Debian (CRAN need not be reachable) ------------------
debs=(r-base-core r-cran-ggplot2 r-cran-rlang r-cran-openxlsx r-cran-readxl)
missing=()
for p in "${debs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  say "installing ${missing[*]}"
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# --- COINr at the pinned commit -------------------------------------------------------
have="$(Rscript -e 'cat(tryCatch(as.character(packageVersion("COINr")), error = function(e) ""))')"
if [[ "$have" != "$COINR_VERSION" ]]; then
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  src="${COINR_SRC:-}"
  if [[ -n "$src" && -f "$src/DESCRIPTION" ]]; then
    cp -r "$src" "$tmp/COINr"
  else
    gitdir="${src:-}"
    if [[ -z "$gitdir" && -d "$MIRROR" ]]; then gitdir="$MIRROR"; fi
    if [[ -z "$gitdir" ]]; then
      git clone --quiet https://github.com/bluefoxr/COINr "$tmp/clone"
      gitdir="$tmp/clone/.git"
    fi
    mkdir "$tmp/COINr"
    git --git-dir="$gitdir" archive "$COINR_COMMIT" | tar -x -C "$tmp/COINr"
  fi
  say "installing COINr from source ($COINR_COMMIT)"
  $SUDO R CMD INSTALL --no-docs "$tmp/COINr"
fi

# --- fixtures -------------------------------------------------------------------------
cd "$ROOT"
Rscript scripts/coinr_reference.R "$OUTDIR"
PY="$ROOT/.venv/bin/python"
if [[ -x "$PY" ]] && "$PY" -c 'import numpy' 2>/dev/null; then
  "$PY" scripts/coinr_check.py "$OUTDIR"
else
  say "no .venv with numpy (run scripts/setup.sh): skipped scripts/coinr_check.py"
fi
