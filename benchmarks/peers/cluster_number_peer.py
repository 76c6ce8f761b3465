"""Peer values for ClusterNumberTest: sklearn.metrics.silhouette_score on fixed labellings, HyperSpy 1.7's
estimate_number_of_clusters (k-means) on blobs.py's dataset C (4 separated 2-D blobs, n = 400).

Run: /usr/bin/python3 benchmarks/peers/cluster_number_peer.py
"""
import numpy as np
from sklearn.metrics import silhouette_score
from sklearn.cluster import KMeans

from blobs import dataset

X, truth = dataset("C")
lab = truth.copy()
lab[::7] = (lab[::7] + 1) % 4  # every 7th sample moved to the next cluster
print("C silhouette(truth)", repr(silhouette_score(X, truth)))
print("C silhouette(every 7th moved)", repr(silhouette_score(X, lab)))
lab2 = truth.copy()
lab2[0] = 4      # a singleton cluster
lab2[1:4] = -1   # a 'noise' group, treated as one more cluster by sklearn
print("C silhouette(singleton + noise)", repr(silhouette_score(X, lab2)))
A, ta = dataset("A")
print("A silhouette(truth)", repr(silhouette_score(A, ta)))

inertia = [KMeans(n_clusters=k, n_init=10, random_state=0).fit(X).inertia_ for k in range(1, 11)]
print("C ln KMeans inertia k=1..10", [round(float(np.log(v)), 6) for v in inertia])

import hyperspy.api as hs
s = hs.signals.Signal1D(X)
for metric in ("elbow", "silhouette", "gap"):
    best = s.estimate_number_of_clusters("signal", max_clusters=10, metric=metric, algorithm="kmeans", random_state=0)
    lr = s.learning_results
    print("HyperSpy", metric, "best", best, "k", list(lr.cluster_metric_index),
          "curve", [round(float(v), 6) for v in lr.cluster_metric_data])
