#!/usr/bin/python3
"""Generates expected_hyperspy.json: what HyperSpy 1.7.3 reads from every EMSA/MSA test file.

Run with the system Python that has HyperSpy 1.7.3 (Debian python3-hyperspy):
    /usr/bin/python3 tests/tessera.io.msa.tests/resources/make_expected.py [DATA_DIR]
DATA_DIR defaults to ../shared/data beside the checkout. The output holds, per file (path
relative to DATA_DIR): the data (float64 values), the axis (name, units, scale, offset, size)
and the metadata / original_metadata trees (General.FileIO and _HyperSpy removed: they
are HyperSpy bookkeeping, not file content).
"""
import glob
import json
import logging
import os
import sys

import hyperspy
import hyperspy.api as hs

logging.disable(logging.WARNING)
here = os.path.dirname(os.path.abspath(__file__))
data = sys.argv[1] if len(sys.argv) > 1 else os.path.normpath(os.path.join(here, "../../../../shared/data"))
files = sorted(glob.glob(os.path.join(data, "formats/msa/*.msa"))) + sorted(glob.glob(os.path.join(data, "eels/*.msa")))
out = {"generator": "HyperSpy %s (hyperspy.io_plugins.msa) via make_expected.py" % hyperspy.__version__, "files": {}}
for f in files:
    s = hs.load(f)
    md = s.metadata.as_dictionary()
    md.pop("_HyperSpy", None)
    md.get("General", {}).pop("FileIO", None)
    ax = s.axes_manager.signal_axes[0]
    out["files"][os.path.relpath(f, data)] = {
        "shape": list(s.data.shape),
        "dtype": str(s.data.dtype),
        "axis": {"name": "" if ax.name is None or str(ax.name) == "<undefined>" else str(ax.name),
                 "units": "" if ax.units is None or str(ax.units) == "<undefined>" else str(ax.units),
                 "scale": float(ax.scale), "offset": float(ax.offset), "size": int(ax.size)},
        "data": [float(v) for v in s.data.ravel()],
        "metadata": md,
        "original_metadata": s.original_metadata.as_dictionary(),
    }
with open(os.path.join(here, "expected_hyperspy.json"), "w") as fh:
    json.dump(out, fh, indent=1, sort_keys=True)
print("wrote", len(out["files"]), "files")
