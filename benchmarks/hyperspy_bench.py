#!/usr/bin/python3
"""HyperSpy 1.7.3 side of the benchmark: times decomposition() (SVD, full), NMF rank 3 (200 iterations max)
and k-means k=4 on 10 PCA scores (scikit-learn KMeans, n_init=10), writes JSON.

Usage: /usr/bin/python3 hyperspy_bench.py DATA.hspy OUT.json
"""
import json, sys, time
import numpy as np
import hyperspy.api as hs
from sklearn.cluster import KMeans

s = hs.load(sys.argv[1])
out = {"hyperspy": hs.__version__}
t = time.perf_counter()
s.decomposition(algorithm="SVD")
out["pca_s"] = time.perf_counter() - t
ev = s.learning_results.explained_variance
out["explained_variance"] = [float(v) for v in ev[:10]]
scores = np.array(s.learning_results.loadings[:, :10])
s2 = hs.load(sys.argv[1])
t = time.perf_counter()
s2.decomposition(algorithm="NMF", output_dimension=3, max_iter=200)
out["nmf_s"] = time.perf_counter() - t
X = s2.data.reshape(-1, s2.data.shape[-1]).astype(np.float64)
out["nmf_relative_residual"] = float(np.linalg.norm(X - s2.learning_results.loadings @ s2.learning_results.factors.T) / np.linalg.norm(X))
t = time.perf_counter()
km = KMeans(n_clusters=4, n_init=10, random_state=0).fit(scores)
out["kmeans_s"] = time.perf_counter() - t
out["kmeans_inertia"] = float(km.inertia_)
out["kmeans_sizes"] = sorted(np.bincount(km.labels_).tolist(), reverse=True)
with open(sys.argv[2], "w") as f:
    json.dump(out, f)
print("HyperSpy: PCA %.2f s, NMF %.2f s, k-means %.2f s" % (out["pca_s"], out["nmf_s"], out["kmeans_s"]))
