#!/usr/bin/python3
"""Writes the malformed NCEM EMD files of NcemEmdReaderTest with h5py (one per class of bad input), and
mixed_types.emd: a complex64, a bool and a string dataset in one file, and py4dstem_datacube.emd: one py4DSTEM-style
4-D data cube (dataset "datacube", kept in its stored order), gzip-chunked, with calibrated dim1..dim4.

    /usr/bin/python3 tests/tessera.io.emd.tests/resources/ncem/make_bad.py
"""
import os

import h5py
import numpy as np

here = os.path.dirname(os.path.abspath(__file__))


def emd(name):
    f = h5py.File(os.path.join(here, name), "w")
    f.attrs["version_major"] = 0
    f.attrs["version_minor"] = 2
    return f


def group(f, path, data, dims):
    g = f.create_group(path)
    g.attrs["emd_group_type"] = 1
    g.create_dataset("data", data=data)
    for i, d in enumerate(dims):
        if d is not None:
            ds = g.create_dataset("dim%d" % (i + 1), data=d)
            ds.attrs["name"] = "axis%d" % (i + 1)
            ds.attrs["units"] = "[n_m]"
    return g


# dim2 absent: every data dimension needs its dim vector
with emd("bad_missing_dim.emd") as f:
    group(f, "data/missing", np.arange(12, dtype=np.int32).reshape(3, 4), [np.arange(3.0), None])
# dim1 has 7 values for a data dimension of 3 points (neither 1, 2 nor 3)
with emd("bad_dim_length.emd") as f:
    group(f, "data/length", np.arange(12, dtype=np.int32).reshape(3, 4), [np.arange(7.0), np.arange(4.0)])
# "a" and "ab" are stacked (HyperSpy's stack_group), but their shapes differ
with emd("bad_stack_shapes.emd") as f:
    group(f, "data/a", np.zeros((2, 2), dtype=np.float32), [np.arange(2.0), np.arange(2.0)])
    group(f, "data/ab", np.zeros((3, 2), dtype=np.float32), [np.arange(3.0), np.arange(2.0)])
# an EMD version at the root, but no group with emd_group_type
with emd("bad_no_group.emd") as f:
    f.create_dataset("values", data=np.arange(5))
# a dim vector whose values are all equal: zero step
with emd("bad_zero_scale.emd") as f:
    group(f, "data/flat", np.arange(4, dtype=np.int16), [np.zeros(4)])
# complex64 and bool data are read; the string dataset is skipped with a note
with emd("mixed_types.emd") as f:
    group(f, "data/cplx", (np.arange(6) + 1j * np.arange(6)[::-1]).reshape(2, 3).astype(np.complex64),
          [np.arange(2.0) + 10, np.arange(3.0) * 0.5])
    group(f, "data/mask", np.array([[True, False], [False, True]]), [np.arange(2.0), np.arange(2.0)])
    g = f.create_group("data/text")
    g.attrs["emd_group_type"] = 1
    g.create_dataset("data", data=np.array([b"a", b"bc"], dtype=object), dtype=h5py.string_dtype("ascii"))
    g.create_dataset("dim1", data=np.arange(2.0))
# a single py4DSTEM data cube (R_x, R_y, Q_x, Q_y), values 0.5 * flat index, deflate-compressed chunks with partial edges
with emd("py4dstem_datacube.emd") as f:
    g = f.create_group("4DSTEM_experiment/data/datacubes/datacube_0")
    g.attrs["emd_group_type"] = 1
    g.create_dataset("datacube", data=(np.arange(3 * 4 * 5 * 6, dtype=np.float32) * 0.5).reshape(3, 4, 5, 6),
                     chunks=(2, 3, 5, 6), compression="gzip")
    for i, (n, u, v) in enumerate([("R_x", "[n_m]", np.arange(3) * 0.25), ("R_y", "[n_m]", np.arange(4) * 0.25),
                                   ("Q_x", "[n_m^-1]", np.arange(5) * 0.1 - 0.2), ("Q_y", "[n_m^-1]", np.arange(6) * 0.1 - 0.3)]):
        d = g.create_dataset("dim%d" % (i + 1), data=v)
        d.attrs["name"] = np.bytes_(n)
        d.attrs["units"] = np.bytes_(u)
print("wrote the bad files, mixed_types.emd and py4dstem_datacube.emd")
