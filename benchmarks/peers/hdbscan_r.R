# Peer reference for HdbscanTest: R package dbscan 1.1-11, hdbscan(x, minPts) on density_blobs.csv.
# Run from this directory:  Rscript hdbscan_r.R
# Writes ../../tests/tessera.cluster.tests/data/density_blobs_hdbscan_r_minpts<m>.csv with, per point:
#   cluster          R's label (0 = noise, clusters 1..k)
#   membership_prob  R's membership_prob: (max core distance in the cluster - core distance) / max core distance
#   outlier_score    R's outlier_scores (GLOSH, Campello et al. 2015)
#   coredist         R's core distance (distance to the (minPts-1)-th nearest other point = minPts-th counting itself)
#   lambda_prob      the membership strength of the Python hdbscan library (probabilities_), computed here from R's
#                    condensed tree: min(lambda_p, lambda_max(C)) / lambda_max(C), lambda = 1/eps, lambda_p the level
#                    at which p leaves the condensed tree, lambda_max(C) the largest level of a point or child cluster
#                    leaving the selected cluster C directly
suppressMessages(library(dbscan))
stopifnot(packageVersion("dbscan") == "1.1.11")
d <- read.csv("../../tests/tessera.cluster.tests/data/density_blobs.csv")
x <- as.matrix(d[, c("x", "y")])
for (m in c(5, 10)) {
  h <- hdbscan(x, minPts = m)
  res <- attr(h, "hdbscan")
  n <- nrow(x)
  leave <- rep(NA_real_, n)     # eps at which each point leaves the condensed tree
  owner <- rep(NA_character_, n) # the condensed-tree cluster it leaves
  for (cid in names(res)) {
    cl <- res[[cid]]
    leave[cl$contains] <- cl$eps
    owner[cl$contains] <- cid
  }
  stopifnot(!any(is.na(leave)))
  hier <- attr(res, "cl_hierarchy")
  sl <- attr(res, "salient_clusters")
  lp <- rep(0, n)
  for (k in seq_along(sl)) {
    cid <- as.character(sl[k])
    cl <- res[[cid]]
    lam <- 1 / cl$eps
    kids <- hier[[cid]]
    if (!is.null(kids)) lam <- c(lam, sapply(as.character(kids), function(c) 1 / res[[c]]$eps_birth))
    lmax <- max(lam)
    members <- which(h$cluster == k)
    lp[members] <- if (is.finite(lmax) && lmax > 0) pmin(1 / leave[members], lmax) / lmax else 1
  }
  out <- data.frame(cluster = h$cluster, membership_prob = sprintf("%.17g", h$membership_prob),
                    outlier_score = sprintf("%.17g", h$outlier_scores), coredist = sprintf("%.17g", h$coredist),
                    lambda_prob = sprintf("%.17g", lp))
  write.csv(out, sprintf("../../tests/tessera.cluster.tests/data/density_blobs_hdbscan_r_minpts%d.csv", m),
            row.names = FALSE, quote = FALSE)
  cat("minPts", m, ": clusters", max(h$cluster), "noise", sum(h$cluster == 0), "sizes", tabulate(h$cluster), "\n")
}
