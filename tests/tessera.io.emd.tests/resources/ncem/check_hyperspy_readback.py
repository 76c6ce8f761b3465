#!/usr/bin/python3
"""Checks that HyperSpy 1.7.3 reads an NCEM EMD file written by Tessera's NcemEmdWriter as Tessera wrote it.

    /usr/bin/python3 tests/tessera.io.emd.tests/resources/ncem/check_hyperspy_readback.py [FILE.emd]

FILE defaults to tessera_written.emd beside this script: the datasets of NcemEmdReaderTest.sample() (the test checks
that the committed file reads as what the writer writes now). Asserts, per signal in HyperSpy's order, the title,
dtype, the data (exactly) and every axis (name, size, units; offset and scale to 1e-12 relative). HyperSpy makes
every axis of an NCEM file a signal axis, so navigation flags are not compared. Exits 1 on the first difference.
"""
import logging
import os
import sys
import warnings

import numpy as np
import hyperspy.api as hs

logging.disable(logging.WARNING)
warnings.filterwarnings("ignore")
here = os.path.dirname(os.path.abspath(__file__))
path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "tessera_written.emd")

si = (np.arange(60, dtype=np.float32) * np.float32(0.5) - np.float32(7)).reshape(3, 4, 5)
img = (60000 + np.arange(6)).astype(np.uint16).reshape(1, 6)
ramp = (np.arange(200 * 300) % 1000 - 500).astype(np.int16).reshape(200, 300)
want = [
    ("S (1)", img, [("a", 1, 3.0, 2.0, ""), ("b", 6, 0.0, 1.5, "1 / nm")]),
    ("SI", si, [("y", 3, 1.0, 0.2, "nm"), ("x", 4, -1.0, 0.25, "nm"), ("Energy loss", 5, 100.0, 0.1, "eV")]),
    ("ramp_one", ramp, [("y", 200, 2.0, 0.5, "µm"), ("x", 300, 0.0, 1.0, "mrad")]),
]

loaded = hs.load(path)
signals = loaded if isinstance(loaded, list) else [loaded]
problems = []
if len(signals) != len(want):
    problems.append("%d signals, not %d" % (len(signals), len(want)))
for s, (title, data, axes) in zip(signals, want):
    if s.metadata.General.title != title:
        problems.append("title %r, not %r" % (s.metadata.General.title, title))
    if s.data.dtype != data.dtype or s.data.shape != data.shape or not np.array_equal(s.data, data):
        problems.append("%s: data %s %s differ from %s %s" % (title, s.data.dtype, s.data.shape, data.dtype, data.shape))
    got = s.axes_manager._axes
    if len(got) != len(axes):
        problems.append("%s: %d axes, not %d" % (title, len(got), len(axes)))
    for a, (name, size, offset, scale, units) in zip(got, axes):
        if a.name != name or a.size != size or str(a.units) != units \
                or not np.isclose(a.offset, offset, rtol=1e-12, atol=1e-12) or not np.isclose(a.scale, scale, rtol=1e-12):
            problems.append("%s: axis %r %d %r %r %r, not %r %d %r %r %r"
                            % (title, a.name, a.size, a.offset, a.scale, str(a.units), name, size, offset, scale, units))
if problems:
    print("HyperSpy read-back of %s FAILED:" % path)
    for p in problems:
        print("  " + p)
    sys.exit(1)
print("HyperSpy %s reads %s as written: %d signals (%s), data, titles and axes equal"
      % (hs.__version__ if hasattr(hs, "__version__") else "1.7.3", os.path.basename(path), len(signals),
         ", ".join(s.metadata.General.title for s in signals)))
