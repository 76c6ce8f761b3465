# Reference values for tessera.cluster.tests.CoreShellClusteringTest: scikit-learn 1.2.1 on the PCA scores of
# core_shell.hspy as Tessera computes them. Dump them first by running the cluster tests with
#   -Dtessera.surefire.jvm="-Xmx4g -Dtessera.dumpScores=/tmp/scores.csv"
# (columns: 3 scores, then Tessera's k-means, grid Ward, dense Ward and GMM labels), then
#   /usr/bin/python3 benchmarks/peers/core_shell_sklearn.py /tmp/scores.csv
import sys
import numpy as np
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.image import grid_to_graph
from sklearn.mixture import GaussianMixture
from sklearn.metrics import adjusted_rand_score as ari

D = np.loadtxt(sys.argv[1], delimiter=",")
X = D[:, :3]
ours = {"grid ward": D[:, 4].astype(int), "dense ward": D[:, 5].astype(int), "gmm": D[:, 6].astype(int)}
peer = {
    "grid ward": AgglomerativeClustering(n_clusters=3, linkage="ward", connectivity=grid_to_graph(64, 64)).fit_predict(X),
    "dense ward": AgglomerativeClustering(n_clusters=3, linkage="ward").fit_predict(X),
}
g = GaussianMixture(3, random_state=0).fit(X)
peer["gmm"] = g.predict(X)
for name in peer:
    print(name, "sklearn sizes", sorted(np.bincount(peer[name]), reverse=True), "ARI to Tessera", ari(peer[name], ours[name]))
print("gmm bic", repr(g.bic(X)), "aic", repr(g.aic(X)), "n_iter", g.n_iter_)
