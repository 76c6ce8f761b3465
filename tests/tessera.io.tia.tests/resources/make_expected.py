#!/usr/bin/python3
"""Generates expected_hyperspy.json: what HyperSpy 1.7.3 reads from every FEI TIA test file.

Run with the system Python that has HyperSpy 1.7.3 (Debian python3-hyperspy):
    /usr/bin/python3 tests/tessera.io.tia.tests/resources/make_expected.py [DATA_DIR]
DATA_DIR defaults to ../shared/data beside the checkout. Every .emi and every .ser under
formats/tia/{old,new} is loaded, and the pair inside old/non_float_meta_value_zeroed.tar.gz
is extracted to a temporary folder and loaded too (case key "<tar path>!<member>").

Per case, a list of signals (HyperSpy's order), each with:
  shape, dtype         s.data.shape, str(s.data.dtype)
  axes                 in array order (s.axes_manager._axes): name, size, scale, offset, units,
                       navigate ("" for HyperSpy's <undefined>)
  data                 sum (float64, NaN skipped), nan (count), sha256 of s.data.tobytes() (C order,
                       little-endian), head / tail (first and last 8 values as float, NaN as null)
  metadata             s.metadata without _HyperSpy and General.FileIO
  original_metadata    ObjectInfo (the .emi XML as HyperSpy parses it, when present) and
                       ser_header_parameters (bytes decoded as UTF-8, arrays as lists)
"""
import glob
import hashlib
import json
import logging
import math
import os
import sys
import tarfile
import tempfile
import warnings

import numpy as np
import hyperspy
import hyperspy.api as hs

logging.disable(logging.WARNING)
warnings.simplefilter("ignore")
here = os.path.dirname(os.path.abspath(__file__))
data = sys.argv[1] if len(sys.argv) > 1 else os.path.normpath(os.path.join(here, "../../../../shared/data"))


def plain(v):
    """JSON-able copy of a metadata value."""
    if isinstance(v, dict):
        return {str(k): plain(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [plain(x) for x in v]
    if isinstance(v, np.ndarray):
        return [plain(x) for x in v.tolist()] if v.ndim > 0 else plain(v.item())
    if isinstance(v, (bytes, np.bytes_)):
        return bytes(v).decode("utf-8", "replace")
    if isinstance(v, np.generic):
        return plain(v.item())
    if isinstance(v, float) and not math.isfinite(v):
        return repr(v)
    return v


def name(x):
    return "" if x is None or str(x) == "<undefined>" else str(x)


def sample(a):
    return [None if (isinstance(v, float) and math.isnan(v)) else v for v in (float(x) for x in a)]


def describe(s):
    md = s.metadata.as_dictionary()
    md.pop("_HyperSpy", None)
    md.get("General", {}).pop("FileIO", None)
    d = np.ascontiguousarray(s.data)
    flat = d.ravel()
    real = flat.real if np.iscomplexobj(flat) else flat
    le = d.astype(d.dtype.newbyteorder("<"), copy=False)
    return {
        "shape": list(d.shape),
        "dtype": str(d.dtype),
        "axes": [{"name": name(a.name), "size": int(a.size), "scale": float(a.scale), "offset": float(a.offset),
                  "units": name(a.units), "navigate": bool(a.navigate)} for a in s.axes_manager._axes],
        "data": {"sum": float(np.nansum(real.astype(np.float64))), "nan": int(np.isnan(real).sum()) if real.dtype.kind == "f" else 0,
                 "sha256": hashlib.sha256(le.tobytes()).hexdigest(), "head": sample(real[:8]), "tail": sample(real[-8:])},
        "metadata": plain(md),
        "original_metadata": plain(s.original_metadata.as_dictionary()),
    }


def load(path):
    s = hs.load(path)
    return [describe(x) for x in (s if isinstance(s, list) else [s])]


out = {"generator": "HyperSpy %s (hyperspy.io_plugins.fei) via make_expected.py" % hyperspy.__version__, "cases": {}}
tia = os.path.join(data, "formats/tia")
for f in sorted(glob.glob(os.path.join(tia, "*/*.emi")) + glob.glob(os.path.join(tia, "*/*.ser"))):
    out["cases"][os.path.relpath(f, data)] = load(f)
tgz = os.path.join(tia, "old/non_float_meta_value_zeroed.tar.gz")
with tempfile.TemporaryDirectory() as tmp:
    with tarfile.open(tgz, "r:gz") as tar:
        tar.extractall(tmp)
    for m in sorted(os.listdir(tmp)):
        out["cases"][os.path.relpath(tgz, data) + "!" + m] = load(os.path.join(tmp, m))
with open(os.path.join(here, "expected_hyperspy.json"), "w") as fh:
    json.dump(out, fh, indent=None, separators=(",", ":"), sort_keys=False)
    fh.write("\n")
