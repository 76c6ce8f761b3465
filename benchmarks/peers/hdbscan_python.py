"""Peer reference for HdbscanTest (default levels = "hdbscan"): the condensed-tree, stability, selection, probability
and GLOSH functions of the Python hdbscan library 0.8.43 (scikit-learn-contrib/hdbscan, hdbscan/_hdbscan_tree.pyx)
on density_blobs.csv.

The library is not installable here (no PyPI); build its tree module from the repository's source instead:
    apt-get install cython3
    git show <hdbscan 0.8.43>:hdbscan/_hdbscan_tree.pyx > _hdbscan_tree.pyx   # in a scratch folder
    build it with a setup.py: cythonize(Extension("_hdbscan_tree", ..., include_dirs=[numpy.get_include()],
        extra_compile_args=["-UNPY_NO_DEPRECATED_API"]))
and run   PYTHONPATH=<that folder> /usr/bin/python3 hdbscan_python.py   from this directory.

The single-linkage tree is built here as the library's _hdbscan_generic does (mutual reachability matrix, then
single linkage: scipy's, same format), with the core distance to the m-th nearest point COUNTING THE POINT ITSELF:
that is hdbscan(min_samples = m - 1) in the library's own convention (the library passes k = min_samples + 1 to its
k-NN query; its match_reference_implementation flag subtracts 1 for the same reason), and scikit-learn >= 1.3's and
R dbscan's min_samples = minPts = m. Writes ../../tests/tessera.cluster.tests/data/density_blobs_hdbscan_py.csv: per
setting (m = minClusterSize = minSamples, selection) the columns label_<s>, prob_<s>, glosh_<s>."""
import numpy as np
from scipy.cluster.hierarchy import linkage
from scipy.spatial.distance import cdist, squareform
from _hdbscan_tree import condense_tree, compute_stability, get_clusters, outlier_scores

x = np.loadtxt("../../tests/tessera.cluster.tests/data/density_blobs.csv", delimiter=",", skiprows=1, usecols=(0, 1))
d = cdist(x, x)
cols = {}
for m, sel in [(5, "eom"), (10, "eom"), (5, "leaf")]:
    core = np.sort(d, axis=1)[:, m - 1]  # m-th nearest counting the point itself
    mrd = np.maximum(np.maximum(d, core[:, None]), core[None, :])
    np.fill_diagonal(mrd, 0)
    slt = linkage(squareform(mrd, checks=False), method="single")
    tree = condense_tree(slt, m)
    labels, prob, _ = get_clusters(tree, compute_stability(tree), sel, False, False, 0.0, 0, float("inf"))
    glosh = outlier_scores(tree)
    s = "m%d_%s" % (m, sel)
    cols["label_" + s] = ["%d" % v for v in labels]
    cols["prob_" + s] = ["%.17g" % v for v in prob]
    cols["glosh_" + s] = ["%.17g" % v for v in glosh]
    print(s, "clusters", labels.max() + 1, "noise", (labels == -1).sum(), "sizes", sorted(np.bincount(labels[labels >= 0]), reverse=True))
with open("../../tests/tessera.cluster.tests/data/density_blobs_hdbscan_py.csv", "w") as f:
    f.write(",".join(cols) + "\n")
    for i in range(len(x)):
        f.write(",".join(cols[c][i] for c in cols) + "\n")
