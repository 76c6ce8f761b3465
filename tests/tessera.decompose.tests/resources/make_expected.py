#!/usr/bin/python3
"""Generates expected values for tessera.decompose tests with HyperSpy 1.7.3 (run once with /usr/bin/python3).

Usage: /usr/bin/python3 make_expected.py /work/shared/data/edx/core_shell.hspy core_shell_expected.json
"""
import json, sys
import numpy as np
import hyperspy.api as hs

path = sys.argv[1]
out = {"hyperspy": hs.__version__, "file": "edx/core_shell.hspy"}
for poisson in (False, True):
    s = hs.load(path)
    s.change_dtype("float64")
    s.decomposition(algorithm="SVD", normalize_poissonian_noise=poisson)
    lr = s.learning_results
    key = "svd_poisson" if poisson else "svd"
    out[key] = {
        "explained_variance": [float(v) for v in lr.explained_variance[:20]],
        "n_explained_variance": int(len(lr.explained_variance)),
        "factor0": [float(v) for v in lr.factors[:, 0]],
        "factor1": [float(v) for v in lr.factors[:, 1]],
        "loading0_first100": [float(v) for v in lr.loadings[:100, 0]],
    }
s = hs.load(path)
s.change_dtype("float64")
ax = s.axes_manager.signal_axes[0]
out["energy"] = {"offset": float(ax.offset), "scale": float(ax.scale), "units": str(ax.units), "size": int(ax.size)}
for poisson in (False, True):
    s = hs.load(path)
    s.change_dtype("float64")
    s.decomposition(algorithm="NMF", output_dimension=3, normalize_poissonian_noise=poisson)
    f = s.learning_results.factors
    X = s.data.reshape(-1, s.data.shape[-1])
    rel = np.linalg.norm(X - s.learning_results.loadings @ f.T) / np.linalg.norm(X)
    key = "nmf3_poisson_argmax_keV" if poisson else "nmf3_argmax_keV"
    out[key] = sorted(float(ax.offset + ax.scale * int(np.argmax(f[:, i]))) for i in range(3))
    # ignore the low-energy region (< 1 keV: C-K, O-K, noise peak) where all factors have their largest values
    i1 = int(round((1.0 - ax.offset) / ax.scale))
    out[key.replace("_argmax_keV", "_relative_residual")] = float(rel)
    out[key.replace("argmax", "argmax_above1keV")] = sorted(float(ax.offset + ax.scale * (i1 + int(np.argmax(f[i1:, i])))) for i in range(3))
with open(sys.argv[2], "w") as fh:
    json.dump(out, fh)
