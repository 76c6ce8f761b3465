"""Peer values for UmapTest (tessera.cluster.internal.UmapEmbedder, tessera.cluster.EmbeddingQuality).

Run with /usr/bin/python3 (umap-learn 0.5.3, scikit-learn 1.2.1) from the repository root:
    /usr/bin/python3 benchmarks/peers/umap_peer.py [scores.csv]
Writes tests/tessera.cluster.tests/data/umap_blobs.csv (if absent) and prints the reference values.
scores.csv: optional PCA scores of core_shell.hspy (one row per pixel) as UmapTest computes them; UmapTest writes
them when the system property tessera.umap.dumpScores names a file, e.g.
    ./mvnw -B -o -q verify -pl tests/tessera.cluster.tests,bundles/tessera.decompose -am \
        "-Dtessera.surefire.jvm=-Xmx4g -Djava.awt.headless=true --enable-native-access=ALL-UNNAMED -Dtessera.umap.dumpScores=/tmp/scores.csv"
"""
import os
import sys

import numpy as np
import umap
from umap.umap_ import find_ab_params
from sklearn.manifold import trustworthiness

for spread, min_dist in [(1.0, 0.1), (1.0, 0.5)]:
    a, b = find_ab_params(spread, min_dist)
    print(f"find_ab_params({spread}, {min_dist}) = {a!r}, {b!r}")

# small deterministic data set for trustworthiness (same formula as UmapTest.formulaData)
n = 80
high = np.array([[np.sin(0.37 * i * (j + 1) + j) for j in range(5)] for i in range(n)])
low = np.array([[high[i, 0] + 0.3 * np.cos(i), high[i, 1] * high[i, 2]] for i in range(n)])
for k in (5, 10):
    print(f"trustworthiness(formula, k={k}) = {trustworthiness(high, low, n_neighbors=k)!r}")

# four Gaussian blobs in 20-D: sizes 100, 150, 200, 150, unit variance, centres 12 apart per axis
path = "tests/tessera.cluster.tests/data/umap_blobs.csv"
if not os.path.exists(path):
    rs = np.random.RandomState(42)
    sizes = [100, 150, 200, 150]
    centres = rs.uniform(-12, 12, size=(4, 20))
    rows = []
    for c, s in enumerate(sizes):
        pts = centres[c] + rs.normal(size=(s, 20))
        for p in pts:
            rows.append([c] + list(p))
    with open(path, "w") as f:
        f.write("# label,x0..x19: 4 Gaussian blobs in 20-D (benchmarks/peers/umap_peer.py, numpy RandomState(42))\n")
        for r in rows:
            f.write(str(r[0]) + "," + ",".join(f"{v:.5f}" for v in r[1:]) + "\n")
data = np.loadtxt(path, delimiter=",", comments="#")
y, x = data[:, 0].astype(int), data[:, 1:]
for seed in (0, 1):
    emb = umap.UMAP(n_neighbors=15, n_components=2, min_dist=0.1, random_state=seed).fit_transform(x)
    print(f"blobs: umap-learn seed {seed}: trustworthiness(k=10) = {trustworthiness(x, emb, n_neighbors=10)!r}")

# UmapTest.otherSettingsSeparateBlobs
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score
for kw in [dict(init="random"), dict(metric="cosine"), dict(metric="manhattan"), dict(n_components=3, min_dist=0.5), dict(n_components=1)]:
    for seed in (0, 1):
        emb = umap.UMAP(n_epochs=200, random_state=seed, **kw).fit_transform(x)
        ari = adjusted_rand_score(y, KMeans(4, n_init=10, random_state=0).fit_predict(emb))
        print(f"blobs {kw} n_epochs=200 seed {seed}: trustworthiness(k=10) = {trustworthiness(x, emb, n_neighbors=10):.4f}, k-means ARI {ari:.4f}")

if len(sys.argv) > 1:
    s = np.loadtxt(sys.argv[1], delimiter=",")
    for seed in (0, 1):
        emb = umap.UMAP(n_neighbors=15, n_components=2, min_dist=0.1, random_state=seed).fit_transform(s)
        print(f"scores {s.shape}: umap-learn seed {seed}: trustworthiness(k=10) = {trustworthiness(s, emb, n_neighbors=10)!r}")
