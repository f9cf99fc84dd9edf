"""Independent numpy re-computation of the COINr fixtures in tests/coinr/.

Recomputes, from asem_data.csv / asem_meta.csv and the parameter files only,
every cell of most fixture files written by scripts/coinr_reference.R, with the
formulas documented in tests/coinr/README.md, and prints the largest relative
difference per file. It checks that the README describes COINr completely
(it shares no code with COINr). Not part of the test suite.

Usage: .venv/bin/python scripts/coinr_check.py [tests/coinr]
"""

from __future__ import annotations

import csv
import math
import sys
from pathlib import Path

import numpy as np

DIR = Path(sys.argv[1] if len(sys.argv) > 1 else "tests/coinr")
TOL = 1e-12  # relative, on |value| >= 1; absolute below


def read_csv(name: str) -> tuple[list[str], list[list[str]]]:
    with open(DIR / name, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def num(s: str) -> float:
    return math.nan if s == "" else float(s)


# --- inputs --------------------------------------------------------------------------

head, rows = read_csv("asem_data.csv")
rows.sort(key=lambda r: r[head.index("uCode")])  # COINr sorts units by uCode
UCODES = [r[head.index("uCode")] for r in rows]
GDP_GROUP = [r[head.index("GDP_group")] for r in rows]

mhead, mrows = read_csv("asem_meta.csv")
META = [dict(zip(mhead, r)) for r in mrows]
IND = [m["iCode"] for m in META if m["Type"] == "Indicator"]
AGG = sorted(
    (m for m in META if m["Type"] == "Aggregate"), key=lambda m: int(m["Level"])
)  # stable: iMeta order within a level
AGG_CODES = [m["iCode"] for m in AGG]
DIRECTION = np.array([float(m["Direction"]) for m in META if m["Type"] == "Indicator"])
PARENT = {m["iCode"]: m["Parent"] for m in META}
LEVEL = {m["iCode"]: int(m["Level"]) for m in META}
META_W = {m["iCode"]: float(m["Weight"]) for m in META}

RAW = np.array([[num(r[head.index(c)]) for c in IND] for r in rows])


def params(name: str, col: str) -> np.ndarray:
    h, rs = read_csv(name)
    by = {r[0]: r for r in rs}
    return np.array([float(by[c][h.index(col)]) for c in IND])


# --- normalisation (one column at a time; COINr multiplies by Direction first) -------


def nanmin(x: np.ndarray) -> float:
    return float(np.nanmin(x))


def nanmax(x: np.ndarray) -> float:
    return float(np.nanmax(x))


def minmax(x: np.ndarray, lo: float, hi: float) -> np.ndarray:
    return (x - nanmin(x)) / (nanmax(x) - nanmin(x)) * (hi - lo) + lo


def zscore(x: np.ndarray, m: float, sd: float) -> np.ndarray:
    return (x - np.nanmean(x)) / np.nanstd(x, ddof=1) * sd + m


def rank(x: np.ndarray, ties: str) -> np.ndarray:
    """R's rank(x, ties.method = ties, na.last = "keep")."""
    out = np.full(x.shape, math.nan)
    ok = ~np.isnan(x)
    v = x[ok]
    less = (v[None, :] < v[:, None]).sum(axis=1)
    equal = (v[None, :] == v[:, None]).sum(axis=1)
    out[ok] = less + 1 if ties == "min" else less + (equal + 1) / 2
    return out


def prank(x: np.ndarray, ties: str) -> np.ndarray:
    return (rank(x, ties) - 1) / (np.sum(~np.isnan(x)) - 1)


def normalise(data: np.ndarray, f) -> np.ndarray:
    return np.column_stack([f(data[:, j] * DIRECTION[j], j) for j in range(len(IND))])


# --- aggregation ----------------------------------------------------------------------


def a_amean(x: np.ndarray, w: np.ndarray) -> float:
    ok = ~np.isnan(x)
    return math.nan if not ok.any() else float(np.sum(w[ok] * x[ok]) / np.sum(w[ok]))


def a_gmean(x: np.ndarray, w: np.ndarray) -> float:
    ok = ~np.isnan(x)
    if not ok.any():
        return math.nan
    return math.exp(np.sum(w[ok] * np.log(x[ok])) / np.sum(w[ok]))


def a_hmean(x: np.ndarray, w: np.ndarray) -> float:
    ok = ~np.isnan(x)
    return math.nan if not ok.any() else float(np.sum(w[ok]) / np.sum(w[ok] / x[ok]))


def copeland(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    """COINr's a_copeland over the units (rows), NA pairs ignored, lower triangle 1 - upper."""
    w = w / np.nansum(w)
    n = x.shape[0]
    orm = np.zeros((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            gt = x[i] > x[j]  # False where either is NaN
            eq = x[i] == x[j]
            orm[i, j] = w[gt].sum() + w[eq].sum() / 2
            orm[j, i] = 1 - orm[i, j]
    s = np.where(orm > 0.5, 1.0, np.where(orm < 0.5, -1.0, 0.0))
    np.fill_diagonal(s, 0)
    return s.sum(axis=1)


def aggregate(norm: np.ndarray, f="amean", weights=None, dat_thresh=None) -> dict:
    weights = weights or META_W
    cols = {c: norm[:, j] for j, c in enumerate(IND)}
    for lev in sorted({LEVEL[a] for a in AGG_CODES}):
        for a in (c for c in AGG_CODES if LEVEL[c] == lev):
            kids = [c for c in cols if LEVEL[c] == lev - 1 and PARENT[c] == a]
            x = np.column_stack([cols[k] for k in kids])
            w = np.array([weights[k] for k in kids])
            fl = f[lev - 2] if isinstance(f, list) else f
            if fl == "copeland":
                cols[a] = copeland(x, w)
                continue
            fn = {"amean": a_amean, "gmean": a_gmean, "hmean": a_hmean}[fl]
            out = np.array([fn(r, w) for r in x])
            if dat_thresh is not None:
                share = (~np.isnan(x)).sum(axis=1) / x.shape[1]
                out[share < dat_thresh] = math.nan
            cols[a] = out
    res = {c: cols[c] for c in IND + AGG_CODES}
    for a in AGG_CODES:
        res[a + "_rank"] = rank(-res[a], "min")
    return res


# --- outlier treatment (COINr Treat defaults) -----------------------------------------


def skew(x: np.ndarray) -> float:
    x = x[~np.isnan(x)]
    n = len(x)
    d = x - x.mean()
    return float(
        math.sqrt(n)
        * np.sum(d**3)
        / np.sum(d**2) ** 1.5
        * math.sqrt(n * (n - 1))
        / (n - 2)
    )


def kurt(x: np.ndarray) -> float:
    x = x[~np.isnan(x)]
    n = len(x)
    d = x - x.mean()
    r = n * np.sum(d**4) / np.sum(d**2) ** 2
    return float(((n + 1) * (r - 3) + 6) * (n - 1) / ((n - 2) * (n - 3)))


def passes(x: np.ndarray) -> bool:
    return abs(skew(x)) < 2 or kurt(x) < 3.5


def treat(x: np.ndarray, winmax: int) -> tuple[np.ndarray, list[str]]:
    if passes(x):
        return x, [""] * len(x)
    y = x.copy()
    imax = np.array([], dtype=int)
    imin = np.array([], dtype=int)
    nwin = 0
    ok = False
    while not ok and nwin < winmax:
        if skew(y) >= 0:
            imax = np.flatnonzero(y == np.nanmax(y))
            y[imax] = np.nanmax(np.delete(y, imax))
        else:
            imin = np.flatnonzero(y == np.nanmin(y))
            y[imin] = np.nanmin(np.delete(y, imin))
        nwin = len(imax) + len(imin)
        ok = passes(y)
    win = [""] * len(x)
    for i in imax:
        win[i] = "winhi"
    for i in imin:
        win[i] = "winlo"
    if ok:
        return y, win
    # winsorisation gave up: log of the ORIGINAL data, every cell labelled (also NA ones)
    lo, hi = nanmin(x), nanmax(x)
    return np.log(x - lo + 0.01 * (hi - lo)), [s + "+log_CT" for s in win]


# --- comparison -----------------------------------------------------------------------

failures = 0


def compare(name: str, expected: dict, labels: dict | None = None) -> None:
    """Numbers in `expected` to TOL; strings in `labels` exactly."""
    global failures
    h, rs = read_csv(name)
    rs_by = {r[0]: r for r in rs}
    worst = 0.0
    where = ""
    n = 0
    for i, u in enumerate(UCODES):
        if u not in rs_by:
            continue
        r = rs_by[u]
        for c, v in expected.items():
            got = num(r[h.index(c)])
            want = float(v[i])
            n += 1
            if math.isnan(want) or math.isnan(got):
                if math.isnan(want) != math.isnan(got):
                    worst, where = math.inf, f"{u}/{c}: {got} vs {want}"
                continue
            if math.isinf(want) or math.isinf(got):
                if got != want:
                    worst, where = math.inf, f"{u}/{c}: {got} vs {want}"
                continue
            err = abs(got - want) / max(1.0, abs(want))
            if err > worst:
                worst, where = err, f"{u}/{c}: {got!r} vs {want!r}"
    for c, want_labels in (labels or {}).items():
        for i, u in enumerate(UCODES):
            n += 1
            if rs_by[u][h.index(c)] != want_labels[i]:
                worst, where = (
                    math.inf,
                    f"{u}/{c}: {rs_by[u][h.index(c)]!r} vs {want_labels[i]!r}",
                )
    ok = worst <= TOL
    failures += not ok
    print(
        f"{'ok  ' if ok else 'FAIL'} {name:28s} {n:6d} cells  max rel diff {worst:.2e}  {where}"
    )


def cols_of(m: np.ndarray) -> dict:
    return {c: m[:, j] for j, c in enumerate(IND)}


mm = normalise(RAW, lambda x, j: minmax(x, 0, 100))
mm1 = normalise(RAW, lambda x, j: minmax(x, 1, 100))

compare("default.csv", aggregate(mm))
compare("agg_gmean.csv", aggregate(mm1, "gmean"))
compare("agg_hmean.csv", aggregate(mm1, "hmean"))
compare("agg_dat_thresh.csv", aggregate(mm, dat_thresh=0.75))
compare("agg_copeland.csv", aggregate(mm, ["amean", "amean", "copeland"]))
compare("agg_copeland_all.csv", aggregate(mm, "copeland"))
wh, wr = read_csv("weights_custom.csv")
compare("agg_weights.csv", aggregate(mm, weights={r[0]: float(r[1]) for r in wr}))

compare("norm_zscore.csv", cols_of(normalise(RAW, lambda x, j: zscore(x, 10, 2))))
compare("norm_minmax_1_10.csv", cols_of(normalise(RAW, lambda x, j: minmax(x, 1, 10))))
for ties in ("min", "average"):
    compare(
        f"norm_rank_{ties}.csv",
        cols_of(normalise(RAW, lambda x, j, t=ties: rank(x, t))),
    )
    compare(
        f"norm_prank_{ties}.csv",
        cols_of(normalise(RAW, lambda x, j, t=ties: prank(x, t))),
    )
compare("norm_borda.csv", cols_of(normalise(RAW, lambda x, j: rank(x, "min") - 1)))
compare(
    "norm_dist2max.csv",
    cols_of(normalise(RAW, lambda x, j: 1 - (nanmax(x) - x) / (nanmax(x) - nanmin(x)))),
)
with np.errstate(divide="ignore", invalid="ignore"):
    compare("norm_fracmax.csv", cols_of(normalise(RAW, lambda x, j: x / nanmax(x))))
iref = UCODES.index("DEU")
compare(
    "norm_dist2ref.csv",
    cols_of(normalise(RAW, lambda x, j: 1 - (x[iref] - x) / (x[iref] - nanmin(x)))),
)

# per-indicator parameters, given in original units (lower-is-better ones flipped here)
gl, gu = params("goalposts.csv", "lower"), params("goalposts.csv", "upper")
compare(
    "norm_goalposts.csv",
    cols_of(
        np.column_stack(
            [
                100 * np.clip((RAW[:, j] - gl[j]) / (gu[j] - gl[j]), 0, 1)
                if DIRECTION[j] == 1
                else 100 * np.clip((gu[j] - RAW[:, j]) / (gu[j] - gl[j]), 0, 1)
                for j in range(len(IND))
            ]
        )
    ),
)
sl, su = params("scaled_params.csv", "lower"), params("scaled_params.csv", "upper")
compare(
    "norm_scaled.csv",
    cols_of(
        np.column_stack(
            [
                10 * (RAW[:, j] - sl[j]) / (su[j] - sl[j])
                if DIRECTION[j] == 1
                else 10 * (su[j] - RAW[:, j]) / (su[j] - sl[j])
                for j in range(len(IND))
            ]
        )
    ),
)
tg = params("targets.csv", "Target")
compare(
    "norm_dist2targ.csv",
    cols_of(
        np.column_stack(
            [
                np.minimum(
                    1,
                    (RAW[:, j] - nanmin(RAW[:, j])) / (tg[j] - nanmin(RAW[:, j]))
                    if DIRECTION[j] == 1
                    else (nanmax(RAW[:, j]) - RAW[:, j]) / (nanmax(RAW[:, j]) - tg[j]),
                )
                for j in range(len(IND))
            ]
        )
    ),
)

# imputation
for name, fill in (("mean", np.nanmean), ("median", np.nanmedian)):
    imp = RAW.copy()
    for j in range(len(IND)):
        imp[np.isnan(imp[:, j]), j] = fill(RAW[:, j])
    compare(f"impute_{name}_data.csv", cols_of(imp))
    compare(
        f"impute_{name}.csv", aggregate(normalise(imp, lambda x, j: minmax(x, 0, 100)))
    )
imp = RAW.copy()
grp = np.array(GDP_GROUP)
for g in set(GDP_GROUP):
    for j in range(len(IND)):
        rows_g = grp == g
        col = imp[rows_g, j]
        col[np.isnan(col)] = np.nanmean(RAW[rows_g, j])
        imp[rows_g, j] = col
compare("impute_mean_grp_data.csv", cols_of(imp))
compare(
    "impute_mean_grp.csv", aggregate(normalise(imp, lambda x, j: minmax(x, 0, 100)))
)

# outlier treatment
for prefix, winmax in (("treat", 5), ("treat_winmax1", 1)):
    out = [treat(RAW[:, j], winmax) for j in range(len(IND))]
    tr = np.column_stack([o[0] for o in out])
    compare(f"{prefix}_data.csv", cols_of(tr))
    compare(f"{prefix}_points.csv", {}, {c: out[j][1] for j, c in enumerate(IND)})
    res = f"{'treat_default' if winmax == 5 else prefix}.csv"
    compare(res, aggregate(normalise(tr, lambda x, j: minmax(x, 0, 100))))

# screening: units with data availability >= 0.9 kept, then the default pipeline on them
avail = 1 - np.isnan(RAW).sum(axis=1) / len(IND)
keep = avail >= 0.9
sh, sr = read_csv("screen.csv")
got_keep = {r[0]: r[sh.index("Included")] == "TRUE" for r in sr}
assert all(got_keep[u] == bool(k) for u, k in zip(UCODES, keep)), "screen.csv Included"
compare("screen.csv", {"Dat_Avail": avail})
UCODES_ALL, RAW_ALL = UCODES, RAW
UCODES = [u for u, k in zip(UCODES_ALL, keep) if k]
RAW = RAW_ALL[keep]
compare("screen_default.csv", aggregate(normalise(RAW, lambda x, j: minmax(x, 0, 100))))

print("all fixtures reproduced" if failures == 0 else f"{failures} file(s) differ")
sys.exit(1 if failures else 0)
