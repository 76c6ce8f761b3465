#!/usr/bin/python3
"""Generates expected_hyperspy.json: what HyperSpy 1.7.3 reads from every Bruker test file.

Run with the system Python that has HyperSpy 1.7.3 (Debian python3-hyperspy):
    /usr/bin/python3 tests/tessera.io.bruker.tests/resources/make_expected.py [DATA_DIR]
DATA_DIR defaults to ../shared/data beside the checkout; the files are DATA_DIR/formats/bruker/*.bcf
and *.spx (Nope.bcf, which HyperSpy refuses, is recorded as an error).

Per file and per read (the default hs.load, and a few reads with options) the output holds,
for each returned signal in order: title, dtype, shape, the axes in array order (name, size,
scale, offset, units, navigate), the metadata tree (General.FileIO, _HyperSpy and Markers
removed: HyperSpy bookkeeping and plot objects) and the original_metadata tree, and the data
compactly: "sha256" of the array as C-order little-endian int64, sums over the last axis and
over all other axes (exact integers), and the whole array when it has at most 4096 elements.
"""
import glob
import hashlib
import json
import logging
import os
import sys

import numpy as np
import hyperspy
import hyperspy.api as hs

logging.disable(logging.WARNING)
here = os.path.dirname(os.path.abspath(__file__))
data = sys.argv[1] if len(sys.argv) > 1 else os.path.normpath(os.path.join(here, "../../../../shared/data"))
bdir = os.path.join(data, "formats/bruker")
files = sorted(glob.glob(os.path.join(bdir, "*.bcf"))) + sorted(glob.glob(os.path.join(bdir, "*.spx")))

# reads with options: (file, label, kwargs)
OPTION_READS = [
    ("30x30_instructively_packed_16bit_compressed.bcf", "downsample4_cutoff10",
     dict(downsample=4, cutoff_at_kV=10, select_type="spectrum_image")),
    ("30x30_instructively_packed_16bit_compressed.bcf", "cutoff5", dict(cutoff_at_kV=5, select_type="spectrum_image")),
    ("P45_the_default_job.bcf", "downsample2", dict(downsample=2, select_type="spectrum_image")),
    ("16x16_12bit_packed_8bit.bcf", "cutoff25", dict(cutoff_at_kV=25, select_type="spectrum_image")),
    ("bcf_v2_50x50px.bcf", "images", dict(select_type="image")),
]


def undef(v):
    return "" if v is None or str(v) == "<undefined>" else str(v)


def summary(s):
    a = np.asarray(s.data)
    i8 = np.ascontiguousarray(a.astype("<i8"))
    d = {
        "title": s.metadata.General.title,
        "dtype": str(a.dtype),
        "shape": list(a.shape),
        "axes": [],
        "sha256": hashlib.sha256(i8.tobytes()).hexdigest(),
        "sum_last": [int(v) for v in i8.reshape(-1, a.shape[-1]).sum(axis=0)],
        "sum_rest": [int(v) for v in i8.reshape(-1, a.shape[-1]).sum(axis=1)],
    }
    if a.size <= 4096:
        d["data"] = [int(v) for v in i8.ravel()]
    # axes in array order (numpy's, navigation first), as Tessera lists them
    axes = sorted(s.axes_manager._axes, key=lambda ax: ax.index_in_array)
    for ax in axes:
        d["axes"].append({"name": undef(ax.name), "size": int(ax.size), "scale": float(ax.scale),
                          "offset": float(ax.offset), "units": undef(ax.units), "navigate": bool(ax.navigate)})
    md = s.metadata.as_dictionary()
    md.pop("_HyperSpy", None)
    md.pop("Markers", None)
    md.get("General", {}).pop("FileIO", None)
    d["metadata"] = md
    d["original_metadata"] = s.original_metadata.as_dictionary()
    return d


def load(f, **kw):
    r = hs.load(f, **kw)
    return [summary(s) for s in (r if isinstance(r, list) else [r])]


out = {"generator": "HyperSpy %s (hyperspy.io_plugins.bruker) via make_expected.py" % hyperspy.__version__,
       "files": {}, "options": {}}
for f in files:
    rel = os.path.relpath(f, data)
    try:
        out["files"][rel] = {"signals": load(f)}
    except Exception as e:  # Nope.bcf
        out["files"][rel] = {"error": "%s: %s" % (type(e).__name__, e)}
for name, label, kw in OPTION_READS:
    f = os.path.join(bdir, name)
    out["options"][os.path.relpath(f, data) + "#" + label] = {"kwargs": kw, "signals": load(f, **kw)}
with open(os.path.join(here, "expected_hyperspy.json"), "w") as fh:
    json.dump(out, fh, sort_keys=True, separators=(",", ":"))
print("wrote", len(out["files"]), "files and", len(out["options"]), "option reads")
