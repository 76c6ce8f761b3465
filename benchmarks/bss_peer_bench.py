#!/usr/bin/python3
"""Peer side of benchmarks/bss_vs_sklearn.sh: HyperSpy 1.7.3 PCA of the 128 x 128 x 2048 phantom (make_data.py), then
scikit-learn 1.2 FastICA(whiten=False) on the whitened first 10 components, timed.

Writes to WORKDIR: factors10.npy [2048 x 10], loadings10.npy [16384 x 10], ev.npy (the PCA), w0.npy (the initial
matrix W0[i][j] = cos(0.9 i + 1.7 j + 0.3) + 0.5 [i == j], given to both sides so that they run the same iterations),
CASE.x.npy (the whitened input [m x 10]) and CASE.sklearn.npy (sklearn's components_), and WORKDIR/sklearn.txt with
one line per case: name, m, iterations, best-of-3 seconds.
Cases: factors (HyperSpy's default: derivative of the factors, PCA whitening, m = 2048), loadings (the loadings, no
derivative, m = 16384), both with scikit-learn's tol = 1e-4; and bss-factors: HyperSpy's whole
blind_source_separation(10) (derivative, whitening, FastICA with its tol = 1e-10, sorting, unmixing, sign fix).

Usage: /usr/bin/python3 bss_peer_bench.py BENCH.hspy WORKDIR
"""
import logging
import os
import sys
import time
import warnings

import numpy as np
import hyperspy.api as hs
from hyperspy.learn.whitening import whiten_data
from sklearn.decomposition import FastICA

warnings.filterwarnings("ignore")
logging.getLogger("hyperspy").setLevel(logging.ERROR)
N = 10
REPEAT = 3


def w0(n):
    i = np.arange(n)[:, None]
    j = np.arange(n)[None, :]
    return np.cos(0.9 * i + 1.7 * j + 0.3) + 0.5 * (i == j)


def best(f):
    t = []
    r = None
    for _ in range(REPEAT):
        t0 = time.perf_counter()
        r = f()
        t.append(time.perf_counter() - t0)
    return min(t), r


def main():
    src, work = sys.argv[1], sys.argv[2]
    s = hs.load(src)
    s.change_dtype("float64")  # float64 factors and loadings, as Tessera's separation computes
    s.decomposition(print_info=False)
    lr = s.learning_results
    fac = np.ascontiguousarray(lr.factors[:, :N])
    load = np.ascontiguousarray(lr.loadings[:, :N])
    np.save(os.path.join(work, "factors10.npy"), fac)
    np.save(os.path.join(work, "loadings10.npy"), load)
    np.save(os.path.join(work, "ev.npy"), np.ascontiguousarray(lr.explained_variance[:N + 10], dtype=float)[None, :])
    np.save(os.path.join(work, "w0.npy"), w0(N))
    e = s.axes_manager.signal_axes[0].axis
    inputs = {
        "factors": whiten_data(np.gradient(fac, e, axis=0), centre=True, method="PCA")[0],
        "loadings": whiten_data(load.copy(), centre=True, method="PCA")[0],
    }
    lines = []
    for name, x in inputs.items():
        x = np.ascontiguousarray(x)
        np.save(os.path.join(work, name + ".x.npy"), x)
        est = FastICA(whiten=False, w_init=w0(N), fun="logcosh", algorithm="parallel", max_iter=200, tol=1e-4)
        est.fit(x)  # warm-up
        t, _ = best(lambda: est.fit(x))
        np.save(os.path.join(work, name + ".sklearn.npy"), est.components_)
        lines.append("%s %d %d %.6f" % (name, x.shape[0], est.n_iter_, t))
    est = FastICA(whiten=False, w_init=w0(N), max_iter=200, tol=1e-10)
    run = lambda: s.blind_source_separation(N, algorithm=est, print_info=False)
    run()
    t, _ = best(run)
    np.save(os.path.join(work, "bss-factors.sklearn.npy"), lr.unmixing_matrix)
    lines.append("%s %d %d %.6f" % ("bss-factors", fac.shape[0], est.n_iter_, t))
    with open(os.path.join(work, "sklearn.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
