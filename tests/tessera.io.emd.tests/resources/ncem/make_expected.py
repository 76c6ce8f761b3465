#!/usr/bin/python3
"""Generates expected_hyperspy.json: what HyperSpy 1.7.3 reads from every NCEM/Berkeley EMD test file.

Run with the system Python that has HyperSpy 1.7.3 (Debian python3-hyperspy):
    /usr/bin/python3 tests/tessera.io.emd.tests/resources/ncem/make_expected.py [DATA_DIR]
DATA_DIR defaults to ../shared/data beside the checkout. The NCEM files are formats/emd/example_*.emd and
formats/emd/Si100_*.emd (fei_example_*.emd and FFTComplex*.emd are Velox files). Per file (path relative to
DATA_DIR), per signal in HyperSpy's order: dtype, shape, title, signal type, original file name, every axis
(name, size, offset, scale, units, navigate; undefined names/units as ""), the original metadata (JSON-safe), and
the data: in full ("values") when it has at most 512 elements, else its float64 sum, sum of squares and the
values at 64 evenly spaced flat indices ("samples": [[index, value], ...]). Complex values are [re, im] pairs.
Object (string) data is recorded as dtype "object" without values.
"""
import glob
import json
import logging
import os
import sys
import warnings

import numpy as np
import hyperspy
import hyperspy.api as hs

logging.disable(logging.WARNING)
warnings.filterwarnings("ignore")
here = os.path.dirname(os.path.abspath(__file__))
data = sys.argv[1] if len(sys.argv) > 1 else os.path.normpath(os.path.join(here, "../../../../../shared/data"))
files = sorted(glob.glob(os.path.join(data, "formats/emd/example_*.emd"))) + \
    sorted(glob.glob(os.path.join(data, "formats/emd/Si100_*.emd")))


def text(v):
    return "" if v is None or str(v) == "<undefined>" else str(v)


def safe(v):
    if isinstance(v, dict):
        return {str(k): safe(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [safe(x) for x in v]
    if isinstance(v, np.ndarray):
        return [safe(x) for x in v.tolist()]
    if isinstance(v, bytes):
        return v.decode("utf-8", "replace")
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (np.floating,)):
        return float(v)
    if isinstance(v, (np.bool_,)):
        return bool(v)
    if isinstance(v, (str, int, float, bool)) or v is None:
        return v
    return str(v)


def value(x):
    if np.iscomplexobj(x):
        return [float(x.real), float(x.imag)]
    return float(x) if np.issubdtype(type(x), np.floating) else int(x)


out = {"generator": "HyperSpy %s (hyperspy.io_plugins.emd, EMD_NCEM) via make_expected.py" % hyperspy.__version__,
       "files": {}}
for f in files:
    loaded = hs.load(f)
    signals = loaded if isinstance(loaded, list) else [loaded]
    entries = []
    for s in signals:
        d = s.data
        e = {"dtype": str(d.dtype), "shape": list(d.shape),
             "title": s.metadata.General.title,
             "original_filename": s.metadata.General.original_filename,
             "signal_type": s.metadata.Signal.signal_type,
             "axes": [{"name": text(a.name), "size": int(a.size), "offset": float(a.offset),
                       "scale": float(a.scale), "units": text(a.units), "navigate": bool(a.navigate)}
                      for a in s.axes_manager._axes],
             "original_metadata": safe(s.original_metadata.as_dictionary())}
        if d.dtype != object:
            flat = d.ravel()
            if flat.size <= 512:
                e["values"] = [value(x) for x in flat]
            else:
                e["sum"] = float(np.sum(flat.astype(np.float64)))
                e["sum_squares"] = float(np.sum(np.square(flat.astype(np.float64))))
                idx = sorted(set(int(i) for i in np.linspace(0, flat.size - 1, 64)))
                e["samples"] = [[i, value(flat[i])] for i in idx]
        entries.append(e)
    out["files"][os.path.relpath(f, data)] = entries
with open(os.path.join(here, "expected_hyperspy.json"), "w") as fh:
    json.dump(out, fh, indent=1, sort_keys=True)
print("wrote", len(out["files"]), "files")
