#!/usr/bin/python3
"""Table of benchmarks/cluster_vs_peers.sh from WORKDIR/{peer,hdbscan,tessera}.json and the labels in WORKDIR/out:
ratio = Tessera time / peer time (below 1: Tessera faster); agreement = scikit-learn's adjusted_rand_score of
Tessera's and the peer's labels (noise, -1, counts as one more label), for UMAP the trustworthiness (k = 15) of
Tessera's / umap-learn's embedding. Also ARI of each side against the true phases.
Usage: /usr/bin/python3 cluster_table.py WORKDIR
"""
import json
import os
import sys

import numpy as np
from sklearn.metrics import adjusted_rand_score

work = sys.argv[1]
peer = {}
for f in ("peer.json", "hdbscan.json"):
    if os.path.exists(os.path.join(work, f)):
        peer.update(json.load(open(os.path.join(work, f))))
tes = json.load(open(os.path.join(work, "tessera.json")))
PEER = {"kmeans": "sklearn KMeans", "minibatch": "sklearn MiniBatchKMeans", "minibatch-1e6": "sklearn MiniBatchKMeans",
        "agglo-ward": "sklearn Agglomerative", "agglo-ward-grid": "sklearn Aggl.+grid_to_graph", "gmm-full": "sklearn GaussianMixture",
        "dbscan": "sklearn DBSCAN", "hdbscan": "R dbscan::hdbscan", "umap": "umap-learn (warm)"}


def ints(path):
    return np.fromfile(path, dtype="<i4") if os.path.exists(path) else None


rows = []
for key, t in tes.items():
    if "/" not in key or " " in key or key not in peer:
        continue
    name, data = key.split("/")
    x = np.load(os.path.join(work, data + ".npy"), mmap_mode="r")
    p = peer[key]
    truth = ints(os.path.join(work, data + ".truth.i32"))
    if name == "umap":
        agree = "trust %.4f / %.4f" % (tes.get(key + " trust_tessera", np.nan), tes.get(key + " trust_peer", np.nan))
        vs_truth = ""
    else:
        lt = ints(os.path.join(work, "out", "%s_%s.tessera.i32" % (name, data)))
        lp = ints(os.path.join(work, "out", "%s_%s.peer.i32" % (name, data)))
        agree = "ARI %.4f" % adjusted_rand_score(lt, lp)
        vs_truth = "%.4f / %.4f" % (adjusted_rand_score(truth, lt), adjusted_rand_score(truth, lp))
    rows.append((name, "%d x %d" % x.shape, "%.3f" % t, "%.3f" % p, "%.2f" % (t / p), PEER[name], agree, vs_truth))

head = ("algorithm", "n x d", "Tessera s", "peer s", "ratio T/peer", "peer", "agreement (T, peer)", "ARI vs truth T / peer")
w = [max(len(r[i]) for r in rows + [head]) for i in range(len(head))]
fmt = "| " + " | ".join("%%-%ds" % v for v in w) + " |"
print(fmt % head)
print("|" + "|".join("-" * (v + 2) for v in w) + "|")
for r in rows:
    print(fmt % r)
if "umap_cold_s" in peer:
    print("umap-learn times are warm: its first call in the process (on u4096x10, numba JIT compilation included) took %.1f s."
          % peer["umap_cold_s"])
print("versions: Java %s (%s threads), scikit-learn %s, umap-learn %s, numba %s, numpy %s, R %s, R dbscan %s" % (
    tes.get("java"), tes.get("threads"), peer.get("sklearn"), peer.get("umap-learn"), peer.get("numba"), peer.get("numpy"),
    peer.get("r"), peer.get("dbscan")))
