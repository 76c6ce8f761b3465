"""Peer reference for DbscanTest: scikit-learn 1.2.1 sklearn.cluster.DBSCAN(eps, min_samples) on density_blobs.csv.
Run from this directory with /usr/bin/python3; writes ../../tests/tessera.cluster.tests/data/density_blobs_dbscan_sklearn.csv,
one column of labels (-1 = noise) per (eps, min_samples) setting, named e<eps>_m<min_samples>."""
import numpy as np
import sklearn
from sklearn.cluster import DBSCAN

assert sklearn.__version__ == "1.2.1", sklearn.__version__
x = np.loadtxt("../../tests/tessera.cluster.tests/data/density_blobs.csv", delimiter=",", skiprows=1, usecols=(0, 1))
settings = [(0.5, 5), (0.3, 8), (0.8, 20)]
cols = {}
for eps, m in settings:
    db = DBSCAN(eps=eps, min_samples=m).fit(x)
    lab = db.labels_
    core = np.zeros(len(x), bool)
    core[db.core_sample_indices_] = True
    cols["e%g_m%d" % (eps, m)] = lab
    print(eps, m, "clusters", lab.max() + 1, "noise", (lab == -1).sum(), "core", core.sum(), "sizes", np.bincount(lab[lab >= 0]))
with open("../../tests/tessera.cluster.tests/data/density_blobs_dbscan_sklearn.csv", "w") as f:
    f.write(",".join(cols) + "\n")
    for i in range(len(x)):
        f.write(",".join(str(cols[c][i]) for c in cols) + "\n")
