#!/usr/bin/python3
"""One-off check that NumPy loads what Tessera's NpyWriter wrote.

After `mvnw verify` of tests/tessera.io.npy.tests, NpyTest.roundTrip has read every fixture
and real .npy with NpyReader and written it again with NpyWriter into target/written/.
This script loads each written file with NumPy and compares it with NumPy's own reading
of the source file: same shape (a 0-d source becomes (1,)), same values, same dtype up to
byte order (written files are always little-endian; float16 is widened to float32).
    /usr/bin/python3 tests/tessera.io.npy.tests/resources/verify_written.py
"""
import os
import sys

import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
written = os.path.join(here, "..", "target", "written")
data = os.path.normpath(os.path.join(here, "../../../../shared/data"))
sources = {n: os.path.join(here, "npy", n) for n in os.listdir(os.path.join(here, "npy"))}
for rel in ["formats/bruker/30x30_16bit.npy", "formats/bruker/30x30_16bit_ds.npy",
            "formats/tia/old/64x64_TEM_images_acquire.npy"]:
    sources[rel.replace("/", "_")] = os.path.join(data, rel)
bad = 0
names = sorted(os.listdir(written))
for name in names:
    w = np.load(os.path.join(written, name))
    if name == "from_big_endian_f4_2x3.npy":
        src = (np.arange(6, dtype=np.float32) * 1.5 - 2).reshape(2, 3)
    else:
        src = np.load(sources[name.replace("npy_", "", 1)])
    want = src.reshape(1) if src.shape == () else src
    want_dtype = np.dtype("<f4") if (src.dtype.kind == "f" and src.dtype.itemsize == 2) else src.dtype.newbyteorder("<") if src.dtype.names is None else src.dtype
    ok = (w.shape == want.shape and w.dtype == want_dtype and w.dtype.byteorder in "<|="
          and np.array_equal(w, want.astype(want_dtype)))
    print("OK  " if ok else "FAIL", name, w.dtype.str if w.dtype.names is None else "rgba8", w.shape)
    bad += not ok
print(len(names), "files,", bad, "failures")
sys.exit(1 if bad else 0)
