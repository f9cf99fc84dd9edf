# COINr side of scripts/bench/coinr_vs_chiso.sh (a benchmark, never run by the tests).
# Builds COINr's ASEM example coin (51 units x 49 indicators, 4 levels), exports its treated
# data and tree for chiso, and times get_sensitivity(SA_type = "UA") with the same uncertain
# inputs chiso gets: weights +-25 % at every level, normalisation min-max 1-100 or 10-100,
# aggregation arithmetic or geometric mean.
# Usage: Rscript coinr_asem.R OUT_DIR N   (COINr installed in R_LIBS or /tmp/Rlib)
args <- commandArgs(trailingOnly = TRUE)
out <- args[1]
N <- as.integer(args[2])
suppressMessages(library(COINr, lib.loc = c(.libPaths(), "/tmp/Rlib")))
coin <- build_example_coin(quietly = TRUE)
coin <- Normalise(coin, dset = "Treated", global_specs = list(f_n = "n_minmax", f_n_para = list(c(1, 100))))
coin <- Aggregate(coin, dset = "Normalised", f_ag = "a_amean")

# --- export for chiso: data (treated), spec (tree, weights, directions) -----------------
meta <- coin$Meta$Ind
meta <- meta[!is.na(meta$Level), ]
treated <- coin$Data$Treated
icodes <- meta$iCode[meta$Level == 1]
write.csv(treated[c("uCode", icodes)], file.path(out, "asem.csv"), row.names = FALSE)
node <- function(code) {
  row <- meta[meta$iCode == code, ]
  kids <- meta$iCode[!is.na(meta$Parent) & meta$Parent == code]
  fields <- c(sprintf('"id": "%s"', code), sprintf('"weight": %s', format(row$Weight)))
  if (length(kids) > 0) {
    fields <- c(fields, sprintf('"children": [%s]', paste(sprintf('"%s"', kids), collapse = ", ")))
  } else {
    dir <- if (row$Direction < 0) "lower_is_better" else "higher_is_better"
    fields <- c(fields, sprintf('"direction": "%s"', dir),
                '"normalise": {"method": "min_max", "low": 1, "high": 100}')
  }
  paste0("{", paste(fields, collapse = ", "), "}")
}
root <- meta$iCode[meta$Level == max(meta$Level)]
spec <- sprintf('{"id": "asem", "root": "%s", "nodes": [%s]}', root,
                paste(vapply(meta$iCode, node, ""), collapse = ",\n"))
writeLines(spec, file.path(out, "asem.json"))

nominal <- coin$Data$Aggregated[c("uCode", root)]
names(nominal) <- c("unit", "score")
write.csv(nominal, file.path(out, "coinr_nominal.csv"), row.names = FALSE)

# --- COINr uncertainty analysis -------------------------------------------------------------
w_nom <- coin$Meta$Weights$Original
noisy <- get_noisy_weights(w = w_nom, noise_specs = data.frame(Level = 1:4, NoiseFactor = rep(0.25, 4)), Nrep = N)
specs <- list(
  Weights = list(Address = "$Log$Aggregate$w", Distribution = noisy, Type = "discrete"),
  Normalisation = list(Address = "$Log$Normalise$global_specs", Type = "discrete", Distribution = list(
    list(f_n = "n_minmax", f_n_para = list(c(1, 100))),
    list(f_n = "n_minmax", f_n_para = list(c(10, 100))))),
  Aggregation = list(Address = "$Log$Aggregate$f_ag", Distribution = c("a_amean", "a_gmean"), Type = "discrete")
)
t0 <- proc.time()[["elapsed"]]
res <- get_sensitivity(coin, SA_specs = specs, N = N, SA_type = "UA", dset = "Aggregated",
                       iCode = root, quietly = TRUE, check_addresses = FALSE)
elapsed <- proc.time()[["elapsed"]] - t0
cat(sprintf("COINr %s, R %s: %d replications in %.2f s, %.4f s per replication\n",
            as.character(packageVersion("COINr")), getRversion(), N, elapsed, elapsed / N))
writeLines(format(elapsed / N, digits = 8), file.path(out, "coinr_seconds_per_rep.txt"))
