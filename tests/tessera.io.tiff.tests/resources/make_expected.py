#!/usr/bin/python3
"""Generates expected_hyperspy.json: what HyperSpy 1.7.3 reads from every TIFF fixture.

Run with the system Python that has HyperSpy 1.7.3 and tifffile 2023.2.3, after
make_fixtures.py:
    /usr/bin/python3 tests/tessera.io.tiff.tests/resources/make_expected.py
The output holds, per file of resources/tiff/ (by name; "name#k" for series k of a file
that holds several): shape, dtype, the axes in array
order (name, size, scale, offset, units, navigate), the data as float64 in C order (for rgb8/rgba8 the channels of each pixel in turn), the
metadata tree (General.FileIO and _HyperSpy removed: HyperSpy bookkeeping) and the
original_metadata entries the Java test compares (ImageWidth, ImageLength,
BitsPerSample, SamplesPerPixel, Compression, ImageDescription, DateTime, the DM tags
65003-65025, fei_metadata, CZ_SEM), JSON-safe (tuples as lists, enums as numbers).
"""
import glob
import json
import logging
import os

import numpy as np
import hyperspy
import hyperspy.api as hs
import tifffile
from hyperspy.misc import rgb_tools

logging.disable(logging.WARNING)
here = os.path.dirname(os.path.abspath(__file__))
KEEP = ["ImageWidth", "ImageLength", "BitsPerSample", "SamplesPerPixel", "Compression", "ImageDescription", "DateTime",
        "65003", "65004", "65005", "65006", "65007", "65008", "65009", "65010", "65011", "65022", "65024", "65025",
        "fei_metadata", "CZ_SEM"]


def clean(v):
    return "" if v is None or str(v) == "<undefined>" else str(v)


def jsonable(v):
    if isinstance(v, dict):
        return {str(k): jsonable(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [jsonable(x) for x in v]
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, (int, np.integer)):
        return int(v)
    if isinstance(v, (float, np.floating)):
        return float(v)
    if isinstance(v, bytes):
        return v.decode("latin-1")
    if isinstance(v, np.ndarray):
        return v.tolist()
    return v


out = {"generator": "HyperSpy %s (hyperspy.io_plugins.tiff, tifffile %s) via make_expected.py"
       % (hyperspy.__version__, tifffile.__version__), "files": {}}
for f in sorted(glob.glob(os.path.join(here, "tiff", "*.tif"))):
    loaded = hs.load(f)
    signals = loaded if isinstance(loaded, list) else [loaded]
    for k, s in enumerate(signals):
        md = s.metadata.as_dictionary()
        md.pop("_HyperSpy", None)
        md.get("General", {}).pop("FileIO", None)
        om = s.original_metadata.as_dictionary()
        axes = [{"name": clean(a.name), "units": clean(a.units), "scale": float(a.scale), "offset": float(a.offset),
                 "size": int(a.size), "navigate": bool(a.navigate)} for a in s.axes_manager._axes]  # array order
        if s.data.dtype.names:  # rgb8 / rgba8: the channels of each pixel, in order
            values = [float(v) for v in rgb_tools.rgbx2regular_array(s.data).ravel()]
            dtype = "rgb8" if len(s.data.dtype.names) == 3 else "rgba8"
        else:
            values = [float(v) for v in s.data.ravel()]
            dtype = s.data.dtype.name
        # a file with several series: one entry per series, "name#index"
        key = os.path.basename(f) + ("#%d" % k if len(signals) > 1 else "")
        out["files"][key] = {
            "shape": list(s.data.shape),
            "dtype": dtype, "byteorder": s.data.dtype.byteorder,
            "axes": axes,
            "data": values,
            "metadata": jsonable(md),
            "original_metadata": {k2: jsonable(om[k2]) for k2 in KEEP if k2 in om},
        }
with open(os.path.join(here, "expected_hyperspy.json"), "w") as fh:
    json.dump(out, fh, indent=1, sort_keys=True)
print("wrote", len(out["files"]), "files")
