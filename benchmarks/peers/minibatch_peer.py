"""Peer values for MiniBatchKMeansTest: scikit-learn 1.2 MiniBatchKMeans and KMeans on blobs.py's datasets A and B.

Run: /usr/bin/python3 benchmarks/peers/minibatch_peer.py
"""
import numpy as np
from sklearn.cluster import KMeans, MiniBatchKMeans
from sklearn.metrics import adjusted_rand_score

from blobs import dataset

for name, k in (("A", 6), ("B", 8)):
    X, truth = dataset(name)
    print(name, X.shape, "sum", repr(X.sum()), "x[0]", X[0].tolist())
    mb = [MiniBatchKMeans(n_clusters=k, n_init=3, batch_size=1024, random_state=s).fit(X) for s in range(10)]
    inert = [m.inertia_ for m in mb]
    km = KMeans(n_clusters=k, n_init=10, random_state=0).fit(X)
    print(name, "MiniBatchKMeans(n_init=3, batch_size=1024, random_state=0).inertia_", repr(inert[0]),
          "n_iter", mb[0].n_iter_, "n_steps", mb[0].n_steps_, "ARI", adjusted_rand_score(truth, mb[0].labels_))
    print(name, "MiniBatchKMeans random_state 0..9 inertia mean", repr(float(np.mean(inert))), "min", repr(min(inert)),
          "max", repr(max(inert)))
    print(name, "KMeans(n_init=10, random_state=0).inertia_", repr(km.inertia_), "ARI", adjusted_rand_score(truth, km.labels_))
