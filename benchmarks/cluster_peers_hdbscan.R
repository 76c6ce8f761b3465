# R dbscan 1.1-11 side of benchmarks/cluster_vs_peers.sh: hdbscan(x, minPts = 25) on map10 (16 384 x 10).
# One warm-up call on the first 2048 rows, then 3 timed calls; the time is system.time(...)["elapsed"] around
# hdbscan() only (data already loaded); the best is kept. R's hdbscan holds the n (n - 1) / 2 mutual reachability
# distances (about 1 GB here). Writes WORKDIR/hdbscan.json and WORKDIR/out/hdbscan_map10.peer.i32 (int32 LE, -1 noise).
# Usage: Rscript cluster_peers_hdbscan.R WORKDIR
suppressMessages(library(dbscan))
stopifnot(packageVersion("dbscan") == "1.1.11")
work <- commandArgs(trailingOnly = TRUE)[1]
read_npy <- function(path) {  # float64 little-endian, C order, 2-d, as make_cluster_data.py writes
  con <- file(path, "rb")
  on.exit(close(con))
  magic <- readBin(con, "raw", 8)
  hl <- if (as.integer(magic[7]) == 1) readBin(con, "integer", 1, size = 2, signed = FALSE, endian = "little") else
    readBin(con, "integer", 1, size = 4, endian = "little")
  header <- rawToChar(readBin(con, "raw", hl))
  stopifnot(grepl("'<f8'", header, fixed = TRUE), grepl("'fortran_order': False", header, fixed = TRUE))
  shape <- as.integer(strsplit(sub(".*\\(([0-9]+), ([0-9]+)\\).*", "\\1 \\2", header), " ")[[1]])
  matrix(readBin(con, "double", shape[1] * shape[2], size = 8, endian = "little"), nrow = shape[1], byrow = TRUE)
}
x <- read_npy(file.path(work, "map10.npy"))
minPts <- 25
invisible(hdbscan(x[1:2048, ], minPts = minPts))
times <- numeric(3)
for (r in 1:3) {
  times[r] <- system.time(h <- hdbscan(x, minPts = minPts))[["elapsed"]]
}
lab <- ifelse(h$cluster == 0L, -1L, h$cluster - 1L)
dir.create(file.path(work, "out"), showWarnings = FALSE)
writeBin(as.integer(lab), file.path(work, "out", "hdbscan_map10.peer.i32"), size = 4, endian = "little")
writeLines(sprintf('{"r": "%s", "dbscan": "%s", "hdbscan/map10": %.4f}', getRversion(), packageVersion("dbscan"), min(times)),
           file.path(work, "hdbscan.json"))
cat(sprintf("%-16s %-9s %8.3f s  (%d clusters, %d noise)\n", "hdbscan", "map10", min(times), max(h$cluster), sum(h$cluster == 0)))
