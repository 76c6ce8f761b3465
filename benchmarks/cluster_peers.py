#!/usr/bin/python3
"""scikit-learn / umap-learn side of benchmarks/cluster_vs_peers.sh.

For every case: one warm-up call on a slice of the data (the first 2048 rows), then the call timed 3 times
(time.perf_counter around the fit only, data already in memory); the best time is kept. umap-learn: a first,
untimed-for-the-table call on u4096x10 compiles its numba kernels (its time is reported as cold), then every
case is warm. Writes WORKDIR/peer.json (times) and per case WORKDIR/out/CASE.peer.i32 (labels, int32 LE; -1 noise)
or WORKDIR/out/CASE.peer.f64 (embedding [n, 2], float64 LE).
Usage: /usr/bin/python3 cluster_peers.py WORKDIR [CASE ...]
"""
import json
import os
import sys
import time
import warnings

import numpy as np
import sklearn
from sklearn.cluster import DBSCAN, AgglomerativeClustering, KMeans, MiniBatchKMeans
from sklearn.feature_extraction.image import grid_to_graph
from sklearn.mixture import GaussianMixture

warnings.filterwarnings("ignore")
work = sys.argv[1]
only = set(sys.argv[2:])
REPEAT = 3
WARM_ROWS = 2048


def grid_ward(x, width=128):
    # the graph is built inside the timed call: Tessera builds its grid adjacency inside cluster() too
    conn = grid_to_graph(x.shape[0] // width, width)
    return AgglomerativeClustering(n_clusters=4, linkage="ward", connectivity=conn).fit(x).labels_


# name -> (data, function returning labels or an embedding); parameters as the Tessera side (ClusterBench.java)
CASES = [
    ("kmeans", "map10", lambda x: KMeans(n_clusters=4, n_init=10, max_iter=300, tol=1e-4, algorithm="lloyd", random_state=0).fit(x).labels_),
    ("minibatch", "map10", lambda x: MiniBatchKMeans(n_clusters=4, batch_size=1024, n_init=3, max_iter=100, max_no_improvement=10,
                                                     tol=0.0, reassignment_ratio=0.01, random_state=0).fit(x).labels_),
    ("minibatch-1e6", "big", lambda x: MiniBatchKMeans(n_clusters=4, batch_size=1024, n_init=3, max_iter=100, max_no_improvement=10,
                                                       tol=0.0, reassignment_ratio=0.01, random_state=0).fit(x).labels_),
    ("agglo-ward", "sub5000", lambda x: AgglomerativeClustering(n_clusters=4, linkage="ward").fit(x).labels_),
    ("agglo-ward-grid", "map10", grid_ward),
    ("gmm-full", "map10", lambda x: GaussianMixture(n_components=4, covariance_type="full", tol=1e-3, reg_covar=1e-6, max_iter=100,
                                                    n_init=1, init_params="kmeans", random_state=0).fit_predict(x)),
    ("dbscan", "map10", lambda x: DBSCAN(eps=2.5, min_samples=10, n_jobs=-1).fit(x).labels_),
]
UMAP_CASES = [("umap", "u4096x10"), ("umap", "u4096x50"), ("umap", "map10"), ("umap", "map50")]


def load(name):
    return np.load(os.path.join(work, name + ".npy"))


def best(f, x):
    f(x[:WARM_ROWS] if x.shape[0] > WARM_ROWS else x)
    times, res = [], None
    for _ in range(REPEAT):
        t = time.perf_counter()
        res = f(x)
        times.append(time.perf_counter() - t)
    return min(times), res


os.makedirs(os.path.join(work, "out"), exist_ok=True)
out = {"sklearn": sklearn.__version__, "numpy": np.__version__}
for name, data, f in CASES:
    key = name + "/" + data
    if only and name not in only:
        continue
    x = load(data)
    t, labels = best(f, x)  # for agglo-ward-grid the 2048-row warm-up slice is 16 scan rows of 128
    out[key] = t
    np.asarray(labels, dtype="<i4").tofile(os.path.join(work, "out", key.replace("/", "_") + ".peer.i32"))
    print("%-16s %-9s %8.3f s" % (name, data, t), flush=True)

if not only or "umap" in only:
    import numba
    import umap
    out["umap-learn"], out["numba"] = umap.__version__, numba.__version__
    t = time.perf_counter()
    umap.UMAP(n_neighbors=15, n_components=2, min_dist=0.1).fit_transform(load("u4096x10"))
    out["umap_cold_s"] = time.perf_counter() - t
    print("umap-learn first call (numba JIT compilation included) on u4096x10: %.1f s" % out["umap_cold_s"], flush=True)
    for name, data in UMAP_CASES:
        x = load(data)
        times = []
        for _ in range(REPEAT):
            t = time.perf_counter()
            emb = umap.UMAP(n_neighbors=15, n_components=2, min_dist=0.1).fit_transform(x)
            times.append(time.perf_counter() - t)
        key = name + "/" + data
        out[key] = min(times)
        np.asarray(emb, dtype="<f8").tofile(os.path.join(work, "out", key.replace("/", "_") + ".peer.f64"))
        print("%-16s %-9s %8.3f s (warm)" % (name, data, out[key]), flush=True)

path = os.path.join(work, "peer.json")
old = json.load(open(path)) if only and os.path.exists(path) else {}
old.update(out)
json.dump(old, open(path, "w"), indent=1)
