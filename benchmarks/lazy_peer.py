#!/usr/bin/python3
"""HyperSpy 1.7.3's lazy counterpart of `tessera analyze FILE --components 3 --clusters 3` for lazy_vs_hyperspy.sh.

Steps (each prints "step 'NAME' done in X s"):
  load       hs.load(FILE, lazy=True)  (a dask array over the file's HDF5 chunks; nothing is read yet)
  counts     the count-data check Tessera makes: are there negative values? (one pass, dask)
  svd        s.decomposition(algorithm="SVD", output_dimension=20), HyperSpy's lazy SVD (dask.array.linalg.svd,
             tall-and-skinny QR over the chunks), then the explained variance, factors and loadings computed
  kmeans     scikit-learn KMeans(k, n_init=10, random_state=0) on the first --components loadings (small: positions
             x components); HyperSpy's cluster_analysis is not available for lazy signals in 1.7.3
  nmf        only with --nmf: s.decomposition(algorithm="ORNMF", output_dimension=components), the one NMF HyperSpy's
             lazy decomposition offers (online robust NMF); HyperSpy's lazy decomposition has no "NMF" algorithm
Prints cluster sizes at the end.

Usage: /usr/bin/python3 lazy_peer.py FILE.hspy [--components 3] [--clusters 3] [--nmf]
"""
import sys
import time

import numpy as np

args = sys.argv[1:]
components, clusters, nmf = 3, 3, False
if "--components" in args:
    i = args.index("--components"); components = int(args[i + 1]); del args[i:i + 2]
if "--clusters" in args:
    i = args.index("--clusters"); clusters = int(args[i + 1]); del args[i:i + 2]
if "--nmf" in args:
    args.remove("--nmf"); nmf = True
if len(args) != 1:
    sys.exit(__doc__)

t0 = time.time()
import hyperspy.api as hs  # noqa: E402
from sklearn.cluster import KMeans  # noqa: E402


def done(name, t):
    print(f"step '{name}' (hyperspy) done in {time.time() - t:.1f} s", flush=True)


t = time.time()
s = hs.load(args[0], lazy=True)
print(f"loaded {s}, chunks {s.data.chunksize}", flush=True)
done("load", t)

t = time.time()
negative = bool((s.data < 0).any().compute())
print(f"negative values: {negative}", flush=True)
done("counts", t)

t = time.time()
s.decomposition(algorithm="SVD", output_dimension=20, print_info=False)
lr = s.learning_results
ev = np.asarray(lr.explained_variance[:20])
factors = np.asarray(lr.factors)
loadings = np.asarray(lr.loadings)
print(f"explained variance (first 5): {ev[:5]}; factors {factors.shape}, loadings {loadings.shape}", flush=True)
done("svd", t)

t = time.time()
km = KMeans(n_clusters=clusters, n_init=10, random_state=0).fit(loadings[:, :components])
done("kmeans", t)

if nmf:
    t = time.time()
    s.decomposition(algorithm="ORNMF", output_dimension=components, print_info=False)
    done("nmf", t)

print("cluster sizes:", sorted(np.bincount(km.labels_).tolist()), flush=True)
print(f"done in {time.time() - t0:.1f} s", flush=True)
