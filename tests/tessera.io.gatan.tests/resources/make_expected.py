#!/usr/bin/python3
"""Generates expected_hyperspy.json: what HyperSpy 1.7.3 reads from every DM3/DM4 test file.

Run with the system Python that has HyperSpy 1.7.3 (Debian python3-hyperspy):
    /usr/bin/python3 tests/tessera.io.gatan.tests/resources/make_expected.py [DATA_DIR]
DATA_DIR defaults to ../shared/data beside the checkout. For every file under
formats/digitalmicrograph and eels/EELS_SI.dm4 (path relative to DATA_DIR), and for the files
that make_synthetic.py wrote into synthetic/ (key "synthetic/<name>") it records the list
of signals hs.load returns, each with: shape and dtype of s.data, the axes in ARRAY order
(name, size, scale, offset, units, navigate), the sum and mean of the data (complex: of the real
and of the imaginary part; rgba: of each of R, G, B, A), a few elements by flat index (all of them for arrays of up to 64 elements), the full
metadata tree (General.FileIO and _HyperSpy removed: HyperSpy bookkeeping) and the full
original_metadata tree, both flattened to {dotted path: value} (a group is "{}"; arrays of more
than 16 values are summarised by length and sum, so the file stays small).
"""
import glob
import json
import logging
import math
import os
import sys

import numpy as np
import hyperspy
import hyperspy.api as hs

logging.disable(logging.WARNING)
here = os.path.dirname(os.path.abspath(__file__))
data = sys.argv[1] if len(sys.argv) > 1 else os.path.normpath(os.path.join(here, "../../../../shared/data"))
files = sorted(glob.glob(os.path.join(data, "formats/digitalmicrograph/**/*.dm[34]"), recursive=True))
files.append(os.path.join(data, "eels/EELS_SI.dm4"))
# synthetic files written by make_synthetic.py (old packed complex, 4-D spectrum image), keyed "synthetic/<name>"
files += sorted(glob.glob(os.path.join(here, "synthetic/*.dm3")))


def plain(v):
    """JSON-able copy: tuples -> lists, numpy scalars -> Python, bytes -> latin-1 text, non-finite -> string."""
    if isinstance(v, dict):
        return {str(k): plain(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [plain(x) for x in v]
    if isinstance(v, bytes):
        return v.decode("latin-1")
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, (int, np.integer)):
        return int(v)
    if isinstance(v, (float, np.floating)):
        v = float(v)
        return v if math.isfinite(v) else str(v)
    if isinstance(v, np.ndarray):
        return plain(v.tolist())
    return str(v)


def digest(tree, prefix, out):
    """Flattens original_metadata into {dotted path: value}; long lists become {"len": n}."""
    for k, v in tree.items():
        p = prefix + k
        if isinstance(v, dict):
            out[p] = "{}"
            digest(v, p + ".", out)
        elif isinstance(v, (list, tuple)) and len(v) > 16:
            nums = [x for x in v if isinstance(x, (int, float)) and not isinstance(x, bool)]
            out[p] = {"len": len(v), "sum": float(sum(nums))} if len(nums) == len(v) else {"len": len(v)}
        else:
            out[p] = plain(v)


def name(x):
    return "" if x is None or str(x) == "<undefined>" else str(x)


def element(a, i):
    v = a.ravel()[i]
    if a.dtype.names:
        return [int(v["R"]), int(v["G"]), int(v["B"]), int(v["A"])]
    if np.iscomplexobj(a):
        return [float(v.real), float(v.imag)]
    return float(v)


def stats(a):
    if a.dtype.names:
        sums = [float(a[c].astype(np.float64).sum()) for c in "RGBA"]
        return {"sum": sums, "mean": [s / a.size for s in sums]}
    if np.iscomplexobj(a):
        return {"sum": [float(a.real.astype(np.float64).sum()), float(a.imag.astype(np.float64).sum())],
                "mean": [float(a.real.astype(np.float64).mean()), float(a.imag.astype(np.float64).mean())]}
    d = a.astype(np.float64)
    return {"sum": float(d.sum()), "mean": float(d.mean())}


out = {"generator": "HyperSpy %s (hyperspy.io_plugins.digital_micrograph) via make_expected.py" % hyperspy.__version__,
       "files": {}}
for f in files:
    sigs = hs.load(f)
    if not isinstance(sigs, list):
        sigs = [sigs]
    lst = []
    for s in sigs:
        a = np.asarray(s.data)
        md = s.metadata.as_dictionary()
        md.pop("_HyperSpy", None)
        md.get("General", {}).pop("FileIO", None)
        axes = [None] * a.ndim
        for ax in s.axes_manager._axes:
            axes[ax.index_in_array] = {"name": name(ax.name), "size": int(ax.size), "scale": float(ax.scale),
                                       "offset": float(ax.offset), "units": name(ax.units),
                                       "navigate": bool(ax.navigate)}
        n = a.size
        idx = sorted(set([0, 1 % n, n // 3, n // 2, (2 * n) // 3, n - 1]))
        om = {}
        mdd = {}
        digest(md, "", mdd)
        digest(s.original_metadata.as_dictionary(), "", om)
        e = {"shape": list(a.shape), "dtype": "rgba8" if a.dtype.names else str(a.dtype),
             "axes": axes, "elements": {str(i): element(a, i) for i in idx},
             "metadata": mdd, "original_metadata": om}
        e.update(stats(a))
        if n <= 64:
            e["data"] = [element(a, i) for i in range(n)]
        lst.append(e)
    key = os.path.relpath(f, here) if f.startswith(os.path.join(here, "synthetic")) else os.path.relpath(f, data)
    out["files"][key] = lst
with open(os.path.join(here, "expected_hyperspy.json"), "w") as fh:
    json.dump(out, fh, indent=1, sort_keys=True)
print("wrote", len(out["files"]), "files")
