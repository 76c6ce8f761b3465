#!/usr/bin/python3
"""HyperSpy 1.7.3 peer of `tessera analyze FILE --components 3 --clusters 4` (benchmarks/analyze_vs_hyperspy.sh).

The same work as Tessera's analyze pipeline, step by step (Tessera's step in brackets):
  read     hs.load(FILE) (data in memory, not lazy)                                         [read, crop]
  counts   count-data check: integer dtype and no negative value -> normalize_poissonian_noise
           (Tessera's CountDataStep, poisson=auto); integer data -> s.change_dtype("float32")
           (HyperSpy decomposes float data only)                                            [counts]
  pca      s.decomposition(algorithm="SVD", normalize_poissonian_noise=<counts>), full SVD  [pca]
  elbow    s.estimate_elbow_position() (the number of components is given: 3)               [elbow]
  cluster  s.cluster_analysis("decomposition", number_of_components=3, preprocessing=None,
           algorithm="kmeans", n_clusters=4, n_init=10, random_state=0): scikit-learn KMeans on the
           first 3 PCA scores (Tessera: k-means k=4, 10 runs, on the chosen components' scores)  [cluster]
  nmf      s.decomposition(algorithm="NMF", output_dimension=3, normalize_poissonian_noise=<counts>)
           (scikit-learn NMF: NNDSVDa init, max_iter 200, tol 1e-4, as Tessera's defaults)  [nmf]
  report   only with --outputs: what Tessera's report step writes, made with HyperSpy + matplotlib (Agg):
           scree plot (plot_explained_variance_ratio), PCA and NMF factors and loadings of the 3 components
           (plot_decomposition_factors/loadings), cluster labels (plot_cluster_labels), cluster mean and
           standard-deviation spectra of the data (numpy; plotted with matplotlib), PNGs at 100 dpi; the results
           as .hspy files (PCA factors/loadings of 3 components and the explained-variance ratio, NMF factors and
           loadings, cluster labels, mean and std spectra) and a provenance JSON with the SHA-256 of the input
           array and of each result array, and an index.html linking the figures                  [report]
Each step prints "step 'NAME' (hyperspy) done in X s" like Tessera's CLI, so the driver parses both the same way.
The PCA results are kept for the report before NMF replaces s.learning_results (as HyperSpy users do).

Usage: /usr/bin/python3 analyze_peer.py FILE [--outputs DIR] [--components 3] [--clusters 4]
"""
import argparse
import hashlib
import json
import os
import sys
import time
import warnings

warnings.filterwarnings("ignore")
t_start = time.perf_counter()
import numpy as np  # noqa: E402
import matplotlib  # noqa: E402

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import hyperspy.api as hs  # noqa: E402

ap = argparse.ArgumentParser(description="HyperSpy peer of tessera analyze")
ap.add_argument("file")
ap.add_argument("--outputs", metavar="DIR", help="also write the figures and results (Tessera's report step)")
ap.add_argument("--components", type=int, default=3)
ap.add_argument("--clusters", type=int, default=4)
a = ap.parse_args()
print("imports done in %.1f s (hyperspy %s)" % (time.perf_counter() - t_start, hs.__version__), file=sys.stderr)


class Step:
    """Times a block and prints Tessera's step line."""

    def __init__(self, name):
        self.name = name

    def __enter__(self):
        self.t = time.perf_counter()

    def __exit__(self, *exc):
        if exc[0] is None:
            print("step '%s' (hyperspy) done in %.2f s" % (self.name, time.perf_counter() - self.t), file=sys.stderr)


with Step("read"):
    s = hs.load(a.file)
with Step("counts"):
    poisson = bool(np.issubdtype(s.data.dtype, np.integer) and s.data.min() >= 0)
    non_negative = poisson or bool(s.data.min() >= 0)
    if not np.issubdtype(s.data.dtype, np.floating):
        s.change_dtype("float32")  # HyperSpy decomposes float data only (its tutorials' change_dtype)
with Step("pca"):
    s.decomposition(algorithm="SVD", normalize_poissonian_noise=poisson, print_info=False)
with Step("elbow"):
    elbow = s.estimate_elbow_position()
k = a.components
with Step("cluster"):
    s.cluster_analysis("decomposition", number_of_components=k, preprocessing=None, algorithm="kmeans",
                       n_clusters=a.clusters, n_init=10, random_state=0)
if a.outputs:
    os.makedirs(a.outputs, exist_ok=True)
    with Step("report-pca"):
        # keep the PCA results (the NMF replaces s.learning_results)
        pca_factors = s.get_decomposition_factors().inav[:k]
        pca_loadings = s.get_decomposition_loadings().inav[:k]
        evr = np.array(s.learning_results.explained_variance_ratio)
        fig = s.plot_explained_variance_ratio(n=50)
        (fig if hasattr(fig, "savefig") else fig.figure).savefig(os.path.join(a.outputs, "scree.png"), dpi=100)
        for name, f in (("pca_factors", s.plot_decomposition_factors), ("pca_loadings", s.plot_decomposition_loadings)):
            fig = f(k)
            fig.savefig(os.path.join(a.outputs, name + ".png"), dpi=100)
        plt.close("all")
if non_negative:
    with Step("nmf"):
        s.decomposition(algorithm="NMF", output_dimension=k, normalize_poissonian_noise=poisson, print_info=False)
if a.outputs:
    with Step("report"):
        labels = s.get_cluster_labels(merged=True)
        X = s.data.reshape(-1, s.data.shape[-1])
        lab = labels.data.ravel().astype(int)
        means = np.stack([X[lab == c].mean(0) for c in range(a.clusters)])
        stds = np.stack([X[lab == c].std(0) for c in range(a.clusters)])
        E = s.axes_manager.signal_axes[0].axis
        for name, f in (("nmf_factors", s.plot_decomposition_factors), ("nmf_loadings", s.plot_decomposition_loadings),
                        ("kmeans_clusters", s.plot_cluster_labels)):
            fig = f(k) if name.startswith("nmf") else f()
            fig.savefig(os.path.join(a.outputs, name + ".png"), dpi=100)
        for name, v in (("kmeans_cluster_means", means), ("kmeans_cluster_std", stds)):
            fig, ax = plt.subplots(figsize=(8, 4))
            for c in range(a.clusters):
                ax.plot(E, v[c], lw=0.8, label="cluster %d" % c)
            ax.set_xlabel("Energy (%s)" % s.axes_manager.signal_axes[0].units)
            ax.legend()
            fig.savefig(os.path.join(a.outputs, name + ".png"), dpi=100)
        plt.close("all")
        results = {
            "pca_factors": pca_factors, "pca_loadings": pca_loadings,
            "pca_explained_variance_ratio": hs.signals.Signal1D(evr),
            "nmf_factors": s.get_decomposition_factors(), "nmf_loadings": s.get_decomposition_loadings(),
            "cluster_labels": labels, "cluster_means": hs.signals.Signal1D(means), "cluster_std": hs.signals.Signal1D(stds)}
        hashes = {"input": hashlib.sha256(np.ascontiguousarray(s.data)).hexdigest()}
        for name, sig in results.items():
            sig.save(os.path.join(a.outputs, name + ".hspy"), overwrite=True)
            hashes[name] = hashlib.sha256(np.ascontiguousarray(sig.data)).hexdigest()
        with open(os.path.join(a.outputs, "provenance.json"), "w") as fh:
            json.dump({"input": os.path.abspath(a.file), "hyperspy": hs.__version__, "poisson": poisson,
                       "components": k, "clusters": a.clusters, "elbow": int(elbow), "sha256": hashes}, fh, indent=1)
        with open(os.path.join(a.outputs, "index.html"), "w") as fh:
            fh.write("<html><body><h1>HyperSpy analysis of %s</h1>%s</body></html>" % (
                os.path.basename(a.file), "".join('<img src="%s">' % p for p in sorted(os.listdir(a.outputs)) if p.endswith(".png"))))
print("done: poisson %s, elbow %s, cluster sizes %s" % (poisson, elbow, sorted(
    np.bincount(s.get_cluster_labels(merged=True).data.ravel().astype(int)).tolist(), reverse=True)), file=sys.stderr)
