#!/usr/bin/python3
"""Generates the Ripple test fixtures and expected_hyperspy.json: what HyperSpy 1.7.3 reads.

Run with the system Python that has HyperSpy 1.7.3 (Debian python3-hyperspy):
    /usr/bin/python3 tests/tessera.io.ripple.tests/resources/make_expected.py [DATA_DIR]
DATA_DIR defaults to ../shared/data beside the checkout. Besides the shared fixtures
(DATA_DIR/formats/ripple/*.rpl, record-by image) it writes, with HyperSpy's own Ripple
writer, resources/ripple/eds_si_u16.rpl/.raw (an EDS_TEM spectrum image, record-by
vector, with beam energy, elevation/azimuth angles, energy resolution and live time)
and resources/ripple/line_f64.rpl/.raw (a float64 line scan), and by hand
resources/ripple/big_endian_i32.rpl/.raw (record-by vector, big-endian int32, offset 16,
ev-per-chan calibration). The output holds, per file (path relative to DATA_DIR, or
"resources/..." for the local ones): shape, dtype, the axes in array order (name, size,
scale, offset, units, navigate), the data as float64, and the metadata /
original_metadata trees (General.FileIO and _HyperSpy removed: HyperSpy bookkeeping).
"""
import glob
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
local = os.path.join(here, "ripple")
os.makedirs(local, exist_ok=True)
rng = np.random.default_rng(5)

si = hs.signals.Signal1D(rng.integers(0, 300, (3, 4, 16)).astype(np.uint16))
si.set_signal_type("EDS_TEM")
e = si.axes_manager.signal_axes[0]
e.scale, e.offset, e.units, e.name = 0.01, -0.1, "keV", "Energy"
for ax, sc in zip(si.axes_manager.navigation_axes, (2.5, 3.5)):
    ax.scale, ax.units = sc, "nm"
si.metadata.General.title = "EDS map"
si.metadata.set_item("Acquisition_instrument.TEM.beam_energy", 200.0)
si.metadata.set_item("Acquisition_instrument.TEM.Detector.EDS.elevation_angle", 18.0)
si.metadata.set_item("Acquisition_instrument.TEM.Detector.EDS.azimuth_angle", 45.0)
si.metadata.set_item("Acquisition_instrument.TEM.Detector.EDS.energy_resolution_MnKa", 130.0)
si.metadata.set_item("Acquisition_instrument.TEM.Detector.EDS.live_time", 0.5)
si.save(os.path.join(local, "eds_si_u16.rpl"), overwrite=True)
line = hs.signals.Signal1D(rng.normal(size=(5, 7)))
line.axes_manager.signal_axes[0].scale = 0.5
line.save(os.path.join(local, "line_f64.rpl"), overwrite=True)
# hand-written: big-endian int32, a 16-byte preamble, the original Lispix calibration key
be = rng.integers(-2**31, 2**31, (2, 3, 6), dtype=np.int64).astype(">i4")
with open(os.path.join(local, "big_endian_i32.raw"), "wb") as fh:
    fh.write(b"PREAMBLE-16BYTES" + be.tobytes())
with open(os.path.join(local, "big_endian_i32.rpl"), "w", newline="\r\n") as fh:
    fh.write("; hand-written Ripple header\nkey\tvalue\nwidth\t3\nheight\t2\ndepth\t6\noffset\t16\n"
             "data-length\t4\ndata-type\tsigned\nbyte-order\tbig-endian\nrecord-by\tvector\n"
             "ev-per-chan\t10.0\t; eV per channel\ndepth-origin\t-20\ndepth-units\teV\nsignal\tEELS\n"
             "beam-energy\t300\nconvergence-angle\t21.5\ncollection-angle\t35\ntilt-stage\t-5\n")

files = sorted(glob.glob(os.path.join(data, "formats/ripple/*.rpl")))
out = {"generator": "HyperSpy %s (hyperspy.io_plugins.ripple) via make_expected.py" % hyperspy.__version__, "files": {}}


def clean(v):
    return "" if v is None or str(v) == "<undefined>" else str(v)


for f in files + sorted(glob.glob(os.path.join(local, "*.rpl"))):
    s = hs.load(f)
    md = s.metadata.as_dictionary()
    md.pop("_HyperSpy", None)
    md.get("General", {}).pop("FileIO", None)
    axes = [{"name": clean(a.name), "units": clean(a.units), "scale": float(a.scale), "offset": float(a.offset),
             "size": int(a.size), "navigate": bool(a.navigate)} for a in s.axes_manager._axes]
    key = os.path.relpath(f, data) if f.startswith(data + os.sep) else "resources/ripple/" + os.path.basename(f)
    out["files"][key] = {
        "shape": list(s.data.shape),
        "dtype": s.data.dtype.name, "byteorder": s.data.dtype.byteorder,
        "axes": axes,  # axes_manager._axes is in array order
        "data": [float(v) for v in s.data.ravel()],
        "metadata": md,
        "original_metadata": s.original_metadata.as_dictionary(),
    }
with open(os.path.join(here, "expected_hyperspy.json"), "w") as fh:
    json.dump(out, fh, indent=1, sort_keys=True)
print("wrote", len(out["files"]), "files")
