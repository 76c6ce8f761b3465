#!/usr/bin/python3
"""Peer values for BssTest: HyperSpy 1.7.3's blind_source_separation (scikit-learn 1.2 FastICA, orthomax) on a
synthetic decomposition written by formula (the same formulas are in BssTest.java).

Decomposition: K = 5 components; factors F [5 x 400] on an energy axis (0.1 keV + 0.01 keV/ch) are a fixed mixture
of five non-Gaussian signals (two pairs of Gaussian peaks, a sine, a smoothed square wave, a chirp) plus a small
deterministic ripple; loadings L [5 x 20 x 25] (y 0.25 nm, x 0.5 nm) are Gaussian blobs plus ripples; explained
variance [5, 2, 1, 0.5, 0.2, 0.1].

Cases with a fixed initial matrix W0[i][j] = cos(0.9 i + 1.7 j + 0.3) + 0.5 [i == j] (scikit-learn's w_init) give
the whole result exactly (unmixing matrix, separated factors and loadings). Cases with random_state = 0 run on a
second decomposition, 4 mixtures of 4 independent sources of 10000 samples drawn with a 64-bit LCG (exactly
reproducible in Java), and are compared in the test by the correlation of the sources up to sign and order (this
script prints how well five random states agree with each other).

Usage: /usr/bin/python3 benchmarks/peers/bss_sklearn.py [OUT.json]
(default tests/tessera.decompose.tests/resources/bss_expected.json)
"""
import json
import os
import sys
import warnings

import numpy as np
import hyperspy.api as hs
from hyperspy.learn.orthomax import orthomax
from sklearn.decomposition import FastICA

warnings.filterwarnings("ignore")
import logging
logging.getLogger("hyperspy").setLevel(logging.ERROR)

P, NY, NX, K = 400, 20, 25, 5
EV = [5.0, 2.0, 1.0, 0.5, 0.2, 0.1]


def sources():
    t = np.arange(P, dtype=float)
    g = lambda mu, s: np.exp(-0.5 * ((t - mu) / s) ** 2)
    return np.array([
        g(80, 6) + 0.6 * g(250, 10),
        g(150, 5) + 0.8 * g(320, 8),
        np.sin(2 * np.pi * t / 57),
        np.tanh(5 * np.sin(2 * np.pi * t / 31.3)),
        0.3 * np.cos(0.001 * t * t),
    ])


def factors():
    i = np.arange(K)[:, None]
    j = np.arange(K)[None, :]
    a = np.cos(1.3 * i + 0.7 * j) + 2.0 * (i == j)
    t = np.arange(P, dtype=float)
    return a @ sources() + 0.01 * np.sin(0.37 * t[None, :] ** 2 + i)


def loadings():
    q = np.arange(NY * NX)
    yy, xx = q // NX, q % NX
    i = np.arange(K)[:, None]
    return np.exp(-((xx - 5 - 4 * i) ** 2 + (yy - 4 - 3 * i) ** 2) / 30.0) + 0.1 * np.cos(0.3 * q * (i + 1))


M64 = (1 << 64) - 1
M_IID = 10000


def lcg_uniform(count, seed):
    """uniform numbers in [0, 1): the top 53 bits of Knuth's 64-bit LCG (MMIX constants), state seeded with seed"""
    x = seed
    out = np.empty(count)
    for i in range(count):
        x = (6364136223846793005 * x + 1442695040888963407) & M64
        out[i] = (x >> 11) * 2.0 ** -53
    return out


def iid_factors():
    """4 mixtures of 4 independent sources (uniform, Laplace, bimodal, cubed uniform), M_IID samples each"""
    u = lcg_uniform(5 * M_IID, 12345).reshape(5, M_IID)
    c = u[1] - 0.5
    s = np.array([
        2 * u[0] - 1,
        -np.sign(c) * np.log1p(-2 * np.abs(c)),
        np.where(u[2] < 0.5, -1.0, 1.0) * (0.5 + u[3]),
        (2 * u[4] - 1) ** 3,
    ])
    i = np.arange(4)[:, None]
    j = np.arange(4)[None, :]
    return (np.cos(1.3 * i + 0.7 * j) + 2.0 * (i == j)) @ s


def iid_signal():
    s = hs.signals.Signal1D(np.zeros((2, 3, M_IID)))
    lr = s.learning_results
    lr.factors = iid_factors().T.copy()
    q = np.arange(6)[:, None]
    i = np.arange(4)[None, :]
    lr.loadings = 1 + np.sqrt(4.0 * q + i)
    lr.explained_variance = np.array([4.0, 3.0, 2.0, 1.0])
    return s


def w0(n):
    i = np.arange(n)[:, None]
    j = np.arange(n)[None, :]
    return np.cos(0.9 * i + 1.7 * j + 0.3) + 0.5 * (i == j)


def signal():
    s = hs.signals.Signal1D(np.zeros((NY, NX, P)))
    e = s.axes_manager.signal_axes[0]
    e.scale, e.offset, e.units = 0.01, 0.1, "keV"
    x, y = s.axes_manager.navigation_axes
    x.scale, y.scale = 0.5, 0.25
    lr = s.learning_results
    lr.factors = factors().T.copy()
    lr.loadings = loadings().T.copy()
    lr.explained_variance = np.array(EV)
    return s


def bss(s, n, kw, est):
    s.blind_source_separation(n, algorithm=est, print_info=False, **kw)
    lr = s.learning_results
    return lr.unmixing_matrix.copy(), lr.bss_factors.T.copy(), lr.bss_loadings.T.copy()


def record(w, bf, bl):
    return {"w": w.tolist(), "factors_every5": bf[:, ::5].tolist(), "loadings_every5": bl[:, ::5].tolist()}


FIXED = {  # name: (N, bss kwargs, FastICA kwargs)
    "logcosh_parallel_diff1": (4, {}, {"fun": "logcosh", "algorithm": "parallel"}),
    "logcosh_deflation_diff0": (4, {"diff_order": 0}, {"fun": "logcosh", "algorithm": "deflation"}),
    "exp_parallel_zca_n3": (3, {"whiten_method": "ZCA", "reverse_component_criterion": "loadings"}, {"fun": "exp", "algorithm": "parallel"}),
    "cube_parallel_diff2": (4, {"diff_order": 2}, {"fun": "cube", "algorithm": "parallel"}),
    "logcosh_parallel_onloadings": (4, {"on_loadings": True}, {"fun": "logcosh", "algorithm": "parallel"}),
    "logcosh_alpha15_tol1e-4": (4, {}, {"fun": "logcosh", "algorithm": "parallel", "fun_args": {"alpha": 1.5}, "tol": 1e-4}),
}
RANDOM = {  # on iid_signal()
    "logcosh_parallel": (4, {"diff_order": 0}, {"fun": "logcosh", "algorithm": "parallel"}),
    "logcosh_deflation": (4, {"diff_order": 0}, {"fun": "logcosh", "algorithm": "deflation"}),
    "exp_parallel": (4, {"diff_order": 0}, {"fun": "exp", "algorithm": "parallel"}),
    "cube_deflation": (4, {"diff_order": 0}, {"fun": "cube", "algorithm": "deflation"}),
}
ORTHO = {
    "varimax_diff1": (4, {}),
    "gamma05_zca_onloadings_diff0": (3, {"gamma": 0.5, "whiten_method": "ZCA", "on_loadings": True, "diff_order": 0}),
}


def absorder_corr(a, b):
    """min over components of the best |correlation| of a's rows with b's rows"""
    c = np.abs(np.corrcoef(a, b)[: len(a), len(a):])
    return c.max(axis=1).min()


def main():
    out_path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(__file__), "..", "..", "tests", "tessera.decompose.tests", "resources", "bss_expected.json")
    out = {"fastica_fixed": {}, "fastica_random": {}, "orthomax": {}, "orthomax_raw": {}}
    for name, (n, kw, fk) in FIXED.items():
        fk = dict(fk)
        fk.setdefault("tol", 1e-10)
        est = FastICA(whiten=False, w_init=w0(n), max_iter=200, **fk)
        out["fastica_fixed"][name] = record(*bss(signal(), n, kw, est))
        print(name, "iterations", est.n_iter_)
    for name, (n, kw, fk) in RANDOM.items():
        runs = []
        for rs in range(5):
            est = FastICA(whiten=False, random_state=rs, max_iter=200, tol=1e-10, **fk)
            runs.append(bss(iid_signal(), n, kw, est))
        agree = min(absorder_corr(runs[0][1], r[1]) for r in runs[1:])
        print(name, "agreement of 5 random states (min |corr| of factors):", agree)
        out["fastica_random"][name] = {"w": runs[0][0].tolist(), "random_state_agreement": agree}
    for name, (n, kw) in ORTHO.items():
        out["orthomax"][name] = record(*bss(signal(), n, kw, "orthomax"))
    a = factors()[:4].T.copy()  # [400 x 4]
    for g in (1.0, 0.5, 0.0):
        _, wt = orthomax(a, gamma=g)
        out["orthomax_raw"]["gamma%g" % g] = {"t": wt.T.tolist()}  # the rotation T: B = A @ T
    with open(out_path, "w") as f:
        json.dump(out, f, indent=0)
    print("wrote", os.path.normpath(out_path), os.path.getsize(out_path), "bytes")


if __name__ == "__main__":
    main()
