# Reference fixtures from the R package COINr (EC JRC) on its own example data.
#
# Runs COINr's pipeline (new_coin -> Screen / Impute / Treat / Normalise / Aggregate)
# on ASEM_iData / ASEM_iMeta in a number of variants and writes every input and
# output as CSV into tests/coinr/ (or the directory given as first argument), so
# that chiso can be checked against COINr without R. Not part of the test suite:
# run it through scripts/coinr_reference.sh, which installs R and COINr first.
#
# Conventions of every CSV written here:
# - numbers with 17 significant digits (sprintf("%.17g")), so they round-trip
#   exactly to IEEE doubles; NA is an empty cell, NaN is "NaN", infinities
#   "Inf" / "-Inf";
# - result tables: uCode, then the 49 indicators (iMeta order), then the
#   aggregates level by level (iMeta order), then <aggregate>_rank for every
#   aggregate; rows sorted by uCode (COINr's own order).

suppressPackageStartupMessages(library(COINr))

args <- commandArgs(trailingOnly = TRUE)
outdir <- if (length(args) >= 1) args[[1]] else file.path("tests", "coinr")
dir.create(outdir, recursive = TRUE, showWarnings = FALSE)

# ---------------------------------------------------------------------------
# Writing helpers

fmt_num <- function(x) {
  x <- as.numeric(x)
  s <- sprintf("%.17g", x)
  s[is.na(x)] <- ""
  s[is.nan(x)] <- "NaN"
  s
}

csv_quote <- function(s) {
  need <- grepl("[\",\n]", s)
  s[need] <- paste0("\"", gsub("\"", "\"\"", s[need]), "\"")
  s
}

written <- character(0)

write_fixture <- function(df, name) {
  df <- as.data.frame(df, stringsAsFactors = FALSE)
  cols <- lapply(df, function(v) {
    if (is.numeric(v)) {
      fmt_num(v)
    } else {
      s <- as.character(v)
      s[is.na(s)] <- ""
      csv_quote(s)
    }
  })
  lines <- c(
    paste(csv_quote(names(df)), collapse = ","),
    if (nrow(df) > 0) do.call(paste, c(unname(cols), sep = ",")) else character(0)
  )
  path <- file.path(outdir, name)
  con <- file(path, open = "w", encoding = "UTF-8")
  writeLines(lines, con)
  close(con)
  written <<- c(written, name)
  message(sprintf("wrote %-32s %3d rows x %3d cols", name, nrow(df), ncol(df)))
  invisible(path)
}

# ---------------------------------------------------------------------------
# The example data and its structure

iData <- ASEM_iData
iMeta <- ASEM_iMeta

ind_meta <- iMeta[iMeta$Type == "Indicator", ]
agg_meta <- iMeta[iMeta$Type == "Aggregate", ]
agg_meta <- agg_meta[order(agg_meta$Level, seq_len(nrow(agg_meta))), ]
ind_codes <- ind_meta$iCode
agg_codes <- agg_meta$iCode
group_cols <- iMeta$iCode[iMeta$Type == "Group"]

# data exactly as COINr ships it (row order of ASEM_iData); Time and the
# denominator columns are left out (single period, no denomination here)
write_fixture(iData[c("uCode", "uName", group_cols, ind_codes)], "asem_data.csv")
write_fixture(
  iMeta[iMeta$Type %in% c("Indicator", "Aggregate"),
        c("iCode", "iName", "Level", "Parent", "Direction", "Weight", "Type")],
  "asem_meta.csv"
)

base_coin <- new_coin(iData, iMeta, quietly = TRUE)

# uCode, indicators of `ind_dset`, aggregates of `dset`, ranks of aggregates
# computed by COINr's get_results(use = "ranks") (rank of -score, ties "min",
# NA kept).
result_table <- function(coin, dset = "Aggregated", ranks = TRUE) {
  d <- coin$Data[[dset]]
  out <- d[c("uCode", ind_codes, agg_codes)]
  if (ranks) {
    r <- get_results(coin, dset = dset, tab_type = "Aggs", use = "ranks")
    for (a in agg_codes) {
      out[[paste0(a, "_rank")]] <- r[[a]][match(out$uCode, r$uCode)]
    }
  }
  out <- out[order(out$uCode, method = "radix"), ]
  rownames(out) <- NULL
  out
}

# uCode + indicator columns of one data set
ind_table <- function(coin, dset) {
  d <- coin$Data[[dset]]
  out <- d[c("uCode", ind_codes)]
  out <- out[order(out$uCode, method = "radix"), ]
  rownames(out) <- NULL
  out
}

minmax_0_100 <- list(f_n = "n_minmax", f_n_para = list(l_u = c(0, 100)))
minmax_1_100 <- list(f_n = "n_minmax", f_n_para = list(l_u = c(1, 100)))

normalise_aggregate <- function(coin, dset, norm_specs = minmax_0_100, ...) {
  coin <- Normalise(coin, dset = dset, global_specs = norm_specs)
  Aggregate(coin, dset = "Normalised", ...)
}

# ---------------------------------------------------------------------------
# (a) default: min-max [0, 100] of the raw data, arithmetic means by level

coin_a <- normalise_aggregate(base_coin, "Raw", f_ag = "a_amean")
write_fixture(result_table(coin_a), "default.csv")

# ---------------------------------------------------------------------------
# (b) outlier treatment with COINr's defaults, then as (a)

treat_fixtures <- function(coin, prefix, results_name) {
  write_fixture(ind_table(coin, "Treated"), paste0(prefix, "_data.csv"))
  pts <- coin$Analysis$Treated$Treated_Points
  pts <- data.frame(uCode = coin$Data$Raw$uCode, pts[ind_codes], check.names = FALSE)
  pts <- pts[order(pts$uCode, method = "radix"), ]
  write_fixture(pts, paste0(prefix, "_points.csv"))
  dets <- coin$Analysis$Treated$Dets_Table
  dets <- dets[match(ind_codes, dets$iCode), ]
  write_fixture(dets, paste0(prefix, "_dets.csv"))
  coin <- normalise_aggregate(coin, "Treated", f_ag = "a_amean")
  write_fixture(result_table(coin), results_name)
}

coin_b <- Treat(base_coin, dset = "Raw")
treat_fixtures(coin_b, "treat", "treat_default.csv")

# the same rule with at most one winsorised point, so that the log branch runs
coin_b1 <- Treat(base_coin, dset = "Raw", global_specs = list(f1_para = list(winmax = 1)))
treat_fixtures(coin_b1, "treat_winmax1", "treat_winmax1.csv")

# ---------------------------------------------------------------------------
# (c) normalisation variants: normalised indicators only

norm_fixture <- function(coin, specs, name) {
  coin <- Normalise(coin, dset = "Raw", global_specs = specs)
  write_fixture(ind_table(coin, "Normalised"), name)
}

norm_fixture(base_coin, list(f_n = "n_zscore", f_n_para = list(m_sd = c(10, 2))), "norm_zscore.csv")
norm_fixture(base_coin, list(f_n = "n_rank"), "norm_rank_min.csv")
norm_fixture(base_coin, list(f_n = "n_rank", f_n_para = list(ties.method = "average")), "norm_rank_average.csv")
norm_fixture(base_coin, list(f_n = "n_prank"), "norm_prank_min.csv")
norm_fixture(base_coin, list(f_n = "n_prank", f_n_para = list(ties.method = "average")), "norm_prank_average.csv")
norm_fixture(base_coin, list(f_n = "n_borda"), "norm_borda.csv")
norm_fixture(base_coin, list(f_n = "n_dist2max"), "norm_dist2max.csv")
norm_fixture(base_coin, list(f_n = "n_fracmax"), "norm_fracmax.csv")
norm_fixture(base_coin, list(f_n = "n_minmax", f_n_para = list(l_u = c(1, 10))), "norm_minmax_1_10.csv")

# distance to a reference unit: x[iref] of the (uCode-sorted) coin data
ref_unit <- "DEU"
iref <- match(ref_unit, base_coin$Data$Raw$uCode)
norm_fixture(base_coin, list(f_n = "n_dist2ref", f_n_para = list(iref = iref, cap_max = FALSE)),
             "norm_dist2ref.csv")

# Per-indicator parameters go through iMeta columns and f_n_para = "use_iMeta",
# COINr's documented route: it flips parameters of lower-is-better indicators
# (see get_iMeta_norm_paras()). Goalposts: 5th / 95th percentile of the raw
# data (quantile type 7), scale 100, truncated. Scaled: 10th / 90th percentile,
# scale factor 10. Targets: ASEM's own iMeta$Target, capped at 1.
raw_ind <- iData[ind_codes]
q <- function(p) vapply(raw_ind, function(x) unname(stats::quantile(x, p, na.rm = TRUE, type = 7)), 0)
is_ind <- iMeta$Type == "Indicator"
pos <- match(ind_codes, iMeta$iCode)
iMeta_p <- iMeta
iMeta_p$goalpost_lower <- NA_real_
iMeta_p$goalpost_upper <- NA_real_
iMeta_p$goalpost_scale <- NA_real_
iMeta_p$goalpost_trunc2posts <- NA
iMeta_p$goalpost_lower[pos] <- q(0.05)
iMeta_p$goalpost_upper[pos] <- q(0.95)
iMeta_p$goalpost_scale[pos] <- 100
iMeta_p$goalpost_trunc2posts[pos] <- TRUE
iMeta_p$scaled_lower <- NA_real_
iMeta_p$scaled_upper <- NA_real_
iMeta_p$scale_factor <- NA_real_
iMeta_p$scaled_lower[pos] <- q(0.10)
iMeta_p$scaled_upper[pos] <- q(0.90)
iMeta_p$scale_factor[pos] <- 10
iMeta_p$dist2targ_cap_max <- NA
iMeta_p$dist2targ_cap_max[pos] <- TRUE
coin_p <- new_coin(iData, iMeta_p, quietly = TRUE)

write_fixture(
  data.frame(iCode = ind_codes, Direction = iMeta$Direction[pos],
             lower = iMeta_p$goalpost_lower[pos], upper = iMeta_p$goalpost_upper[pos],
             scale = 100, trunc2posts = TRUE),
  "goalposts.csv"
)
write_fixture(
  data.frame(iCode = ind_codes, Direction = iMeta$Direction[pos],
             lower = iMeta_p$scaled_lower[pos], upper = iMeta_p$scaled_upper[pos],
             scale_factor = 10),
  "scaled_params.csv"
)
write_fixture(
  data.frame(iCode = ind_codes, Direction = iMeta$Direction[pos],
             Target = iMeta$Target[pos], cap_max = TRUE),
  "targets.csv"
)
norm_fixture(coin_p, list(f_n = "n_goalposts", f_n_para = "use_iMeta"), "norm_goalposts.csv")
norm_fixture(coin_p, list(f_n = "n_scaled", f_n_para = "use_iMeta"), "norm_scaled.csv")
norm_fixture(coin_p, list(f_n = "n_dist2targ", f_n_para = "use_iMeta"), "norm_dist2targ.csv")

# ---------------------------------------------------------------------------
# (d) aggregation variants

coin_g <- normalise_aggregate(base_coin, "Raw", minmax_1_100, f_ag = "a_gmean")
write_fixture(result_table(coin_g), "agg_gmean.csv")

coin_h <- normalise_aggregate(base_coin, "Raw", minmax_1_100, f_ag = "a_hmean")
write_fixture(result_table(coin_h), "agg_hmean.csv")

coin_t <- normalise_aggregate(base_coin, "Raw", f_ag = "a_amean", dat_thresh = 0.75)
write_fixture(result_table(coin_t), "agg_dat_thresh.csv")

# Aggregate() calls f_ag(x = <data frame>, w = ...) but a_copeland()'s first
# argument is `X`, so f_ag = "a_copeland" fails with "unused argument (x = ...)"
# in COINr 1.1.14. This wrapper only renames the argument.
a_copeland_x <- function(x, w = NULL) COINr::a_copeland(x, w = w)

# Copeland at the last level only (Index from Conn and Sust); arithmetic means below
coin_c <- normalise_aggregate(base_coin, "Raw",
                              f_ag = c("a_amean", "a_amean", "a_copeland_x"),
                              by_df = c(FALSE, FALSE, TRUE))
write_fixture(result_table(coin_c), "agg_copeland.csv")

# Copeland at every level (each level's Copeland scores feed the next level)
coin_ca <- normalise_aggregate(base_coin, "Raw", f_ag = "a_copeland_x", by_df = TRUE)
write_fixture(result_table(coin_ca), "agg_copeland_all.csv")

# unequal weights (ASEM's are all 1): deterministic pattern, written out
w_custom <- data.frame(iCode = c(ind_codes, agg_codes), Weight = NA_real_)
w_custom$Weight[seq_along(ind_codes)] <- c(1, 2, 3)[(seq_along(ind_codes) - 1) %% 3 + 1]
w_custom$Weight[match(c("Physical", "ConEcFin", "Political", "Instit", "P2P",
                        "Environ", "Social", "SusEcFin", "Conn", "Sust", "Index"),
                      w_custom$iCode)] <- c(2, 1, 1, 3, 1, 2, 1, 0.5, 2, 1, 1)
write_fixture(w_custom, "weights_custom.csv")
coin_w <- normalise_aggregate(base_coin, "Raw", f_ag = "a_amean", w = w_custom)
write_fixture(result_table(coin_w), "agg_weights.csv")

# ---------------------------------------------------------------------------
# (e) imputation, then as (a)

impute_fixtures <- function(prefix, ...) {
  coin <- Impute(base_coin, dset = "Raw", ...)
  write_fixture(ind_table(coin, "Imputed"), paste0(prefix, "_data.csv"))
  coin <- normalise_aggregate(coin, "Imputed", f_ag = "a_amean")
  write_fixture(result_table(coin), paste0(prefix, ".csv"))
}
impute_fixtures("impute_mean", f_i = "i_mean")
impute_fixtures("impute_median", f_i = "i_median")
impute_fixtures("impute_mean_grp", f_i = "i_mean_grp", use_group = "GDP_group")

# ---------------------------------------------------------------------------
# (f) unit screening by data availability, then as (a) on the kept units

coin_s <- Screen(base_coin, dset = "Raw", unit_screen = "byNA", dat_thresh = 0.9)
summ <- coin_s$Analysis$Screened$DataSummary
summ <- summ[order(summ$uCode, method = "radix"), ]
write_fixture(summ, "screen.csv")
coin_s <- normalise_aggregate(coin_s, "Screened", f_ag = "a_amean")
write_fixture(result_table(coin_s), "screen_default.csv")

# ---------------------------------------------------------------------------

message(length(written), " files written to ", outdir)
message("COINr ", as.character(utils::packageVersion("COINr")), ", ", R.version.string)
