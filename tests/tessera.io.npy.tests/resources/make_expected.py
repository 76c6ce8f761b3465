#!/usr/bin/python3
"""Generates the .npy fixtures in npy/ and expected_numpy.json (what NumPy reads).

Run once with the system Python (NumPy 1.24):
    /usr/bin/python3 tests/tessera.io.npy.tests/resources/make_expected.py [DATA_DIR]
DATA_DIR defaults to ../shared/data beside the checkout. Fixtures cover every numeric
dtype, both byte orders, Fortran order, format versions 1.0/2.0/3.0, a 0-d array and
HyperSpy's rgba8 structured type; bad_*.npy must be refused by the reader.
Values are listed flat in C order (np.load(f).ravel(order='C')); complex arrays list
real and imaginary parts separately.
"""
import json
import os
import sys

import numpy as np
from numpy.lib import format as npf

here = os.path.dirname(os.path.abspath(__file__))
data = sys.argv[1] if len(sys.argv) > 1 else os.path.normpath(os.path.join(here, "../../../../shared/data"))
fx = os.path.join(here, "npy")
os.makedirs(fx, exist_ok=True)


def save(name, arr, version=None):
    with open(os.path.join(fx, name), "wb") as f:
        npf.write_array(f, arr, version=version)


base = np.arange(-3, 3).reshape(2, 3)
for code in ["b1", "i1", "u1", "i2", "u2", "i4", "u4", "i8", "u8", "f2", "f4", "f8"]:
    a = (base % 2 == 0) if code == "b1" else (base * 7 + (0 if code[0] == "i" else 3 if code[0] == "u" else 0.25))
    if code[0] == "u":
        a = np.abs(a) + 250
    save("le_%s_2x3.npy" % code, np.asarray(a).astype("<" + code if code not in ("b1", "i1", "u1") else code))
    if code not in ("b1", "i1", "u1"):
        save("be_%s_2x3.npy" % code, np.asarray(a).astype(">" + code))
save("le_u8_big.npy", np.array([2**64 - 1, 2**63, 1], dtype="<u8"))
save("le_c8_3.npy", np.array([1 + 2j, -3.5 - 0.25j, 0], dtype="<c8"))
save("be_c16_2x2.npy", np.array([[1 + 2j, -1e300j], [3.25, -7 + 1j]], dtype=">c16"))
save("fortran_i4_2x3x4.npy", np.asfortranarray(np.arange(24, dtype="<i4").reshape(2, 3, 4) - 10))
save("fortran_be_f8_3x5.npy", np.asfortranarray((np.arange(15).reshape(3, 5) / 8.0).astype(">f8")))
save("v2_u2_7.npy", np.arange(7, dtype="<u2") * 1000, version=(2, 0))
save("v3_f4_2x2.npy", np.array([[0.5, -1.5], [1e-30, 3.4e38]], dtype="<f4"), version=(3, 0))
save("scalar_f8.npy", np.array(2.718281828459045))
rgba = np.zeros((2, 2), dtype=[("R", "u1"), ("G", "u1"), ("B", "u1"), ("A", "u1")])
rgba["R"] = [[1, 2], [3, 4]]; rgba["G"] = 10; rgba["B"] = [[0, 255], [128, 7]]; rgba["A"] = 255
save("rgba8_2x2.npy", rgba)
# files the reader must refuse
save("bad_empty_0.npy", np.zeros((0,), dtype="<f4"))
save("bad_object.npy", np.array([{"a": 1}, None], dtype=object))
save("bad_unicode.npy", np.array(["ab", "c"]))
save("bad_longdouble.npy", np.zeros(2, dtype=np.longdouble))


def describe(path):
    with open(path, "rb") as f:
        version = npf.read_magic(f)
        shape, fortran, dtype = npf._read_array_header(f, version)
    a = np.load(path)
    e = {"version": "%d.%d" % version, "descr": npf.dtype_to_descr(dtype) if dtype.names is None else "rgba8",
         "fortran_order": bool(fortran), "shape": list(a.shape)}
    if dtype.names is not None:
        flat = a.ravel()
        e["values"] = [int(r["R"]) | int(r["G"]) << 8 | int(r["B"]) << 16 | int(r["A"]) << 24 for r in flat]
    elif a.dtype.kind == "c":
        e["values"] = [float(v) for v in a.real.ravel()]
        e["imag"] = [float(v) for v in a.imag.ravel()]
    elif a.dtype.kind in "iub":
        e["values"] = [int(v) for v in a.ravel()]
    else:
        e["values"] = [float(v) for v in a.astype(np.float64).ravel()]
    return e


out = {"generator": "NumPy %s via make_expected.py" % np.__version__, "files": {}}
for name in sorted(os.listdir(fx)):
    if not name.startswith("bad_"):
        out["files"]["npy/" + name] = describe(os.path.join(fx, name))
for rel in ["formats/bruker/30x30_16bit.npy", "formats/bruker/30x30_16bit_ds.npy",
            "formats/tia/old/64x64_TEM_images_acquire.npy"]:
    out["files"]["data:" + rel] = describe(os.path.join(data, rel))
with open(os.path.join(here, "expected_numpy.json"), "w") as fh:
    json.dump(out, fh, indent=0, sort_keys=True)
print("wrote", len(out["files"]), "entries")
