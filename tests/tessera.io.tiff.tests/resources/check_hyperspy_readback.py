#!/usr/bin/python3
"""Reads the TIFF files Tessera's TiffWriter wrote (resources/written/) with HyperSpy 1.7.3 and
records whether HyperSpy reads the same values and calibration back (readback_hyperspy.json).

Run with the system Python that has HyperSpy 1.7.3:
    /usr/bin/python3 tests/tessera.io.tiff.tests/resources/check_hyperspy_readback.py
The expected values are the ones TiffWriterTest.datasets() writes (the same formulas, exact
in float32); the Java test compares the recorded axes with its datasets' axes. Exits 1 and
prints the differences when HyperSpy disagrees.
"""
import json
import logging
import os
import sys

import numpy as np
import hyperspy
import hyperspy.api as hs

logging.disable(logging.WARNING)
here = os.path.dirname(os.path.abspath(__file__))
i48, i140, i12 = np.arange(48), np.arange(140), np.arange(12)
want = {
    "image_f32.tif": ((i48 * 37 % 101) * 0.25 - 12.5).reshape(6, 8),
    "stack_from_f64.tif": (i140 * 0.5 - 3).reshape(4, 5, 7),
    "map_from_i16.tif": (i12 * 7 % 23 - 11).reshape(3, 4),
    "odd_scales.tif": (i12 + 1).reshape(3, 4),
}
calib = {  # (scale, offset, units) per axis in array order, as TiffWriterTest.datasets() sets them
    "image_f32.tif": [(0.0123456789, -3.5, "nm"), (0.25, 1.5, "nm")],
    "stack_from_f64.tif": [(2.5, 10.0, "s"), (0.5, 0.0, "\u00b5m"), (0.5, 0.0, "\u00b5m")],
    "map_from_i16.tif": [(2.0, 0.0, "nm"), (2.0, 0.0, "nm")],
    "odd_scales.tif": [(-0.2, 0.1, "nm"), (1e-10, 0.0, "m")],
}
out = {"generator": "HyperSpy %s reading TiffWriter output via check_hyperspy_readback.py" % hyperspy.__version__,
       "files": {}}
failed = []
for name, w in want.items():
    s = hs.load(os.path.join(here, "written", name))
    axes = [{"name": "" if a.name is None else str(a.name), "scale": float(a.scale), "offset": float(a.offset),
             "units": "" if str(a.units) == "<undefined>" else str(a.units), "size": int(a.size),
             "navigate": bool(a.navigate)} for a in s.axes_manager._axes]
    data_ok = s.data.dtype == np.float32 and s.data.shape == w.shape and bool((s.data == w.astype(np.float32)).all())
    axes_ok = len(axes) == len(calib[name]) and all(
        a["scale"] == c[0] and a["offset"] == c[1] and a["units"] == c[2] for a, c in zip(axes, calib[name]))
    out["files"][name] = {"dtype": str(s.data.dtype), "shape": list(s.data.shape), "axes": axes,
                          "data_matches": data_ok, "calibration_matches": axes_ok,
                          "quantity": s.metadata.get_item("Signal.quantity")}
    if not (data_ok and axes_ok):
        failed.append((name, axes))
with open(os.path.join(here, "readback_hyperspy.json"), "w") as fh:
    json.dump(out, fh, indent=1, sort_keys=True, ensure_ascii=False)
for f in failed:
    print("MISMATCH", f)
print("checked", len(want), "files,", len(failed), "mismatches")
sys.exit(1 if failed else 0)
