#!/usr/bin/python3
"""HyperSpy 1.7.3 / scikit-learn side of benchmarks/scaling.sh: the same kernels as src/ScalingBench.java.

Full PCA: s.decomposition(algorithm="SVD") (float data, no Poisson normalisation); NMF rank 3:
s.decomposition(algorithm="NMF", output_dimension=3) (the data are not modified by the SVD; scikit-learn NMF defaults:
NNDSVDa, max_iter 200, tol 1e-4); k-means: scikit-learn KMeans(n_clusters=4, n_init=10, random_state=0) on the first
3 PCA scores (what HyperSpy's cluster_analysis calls). Reading is not timed; each kernel is called once on a
512-position slice (k-means on 2000 score rows) first, as the Java side's warm-up. Each is timed REPEAT times; prints CSV
rows pixels,channels,side,algorithm,run,seconds (side hyperspy).

Usage: /usr/bin/python3 scaling_peer.py DATA.hspy REPEAT
"""
import sys
import time
import warnings

warnings.filterwarnings("ignore")
import numpy as np  # noqa: E402
import hyperspy.api as hs  # noqa: E402
from sklearn.cluster import KMeans  # noqa: E402

s = hs.load(sys.argv[1])
repeat = int(sys.argv[2])
n, p = int(np.prod(s.data.shape[:-1])), s.data.shape[-1]


def row(algorithm, run, t0):
    print("%d,%d,hyperspy,%s,%d,%.4f" % (n, p, algorithm, run, time.perf_counter() - t0), flush=True)


# warm-up on a 512-position slice (first-call costs: lazy imports, thread pools), as Tessera's side warms up its JIT
small = hs.signals.Signal1D(s.data.reshape(n, p)[:min(n, 512)].copy())
small.decomposition(algorithm="SVD", print_info=False)
small.decomposition(algorithm="NMF", output_dimension=3, max_iter=20, print_info=False)
for i in range(1, repeat + 1):
    t0 = time.perf_counter()
    s.decomposition(algorithm="SVD", print_info=False)
    row("pca", i, t0)
scores = np.array(s.learning_results.loadings[:, :3])
for i in range(1, repeat + 1):
    t0 = time.perf_counter()
    s.decomposition(algorithm="NMF", output_dimension=3, print_info=False)
    row("nmf", i, t0)
KMeans(n_clusters=4, n_init=10, random_state=0).fit(scores[:2000])
for i in range(1, repeat + 1):
    t0 = time.perf_counter()
    KMeans(n_clusters=4, n_init=10, random_state=0).fit(scores)
    row("kmeans", i, t0)
