#!/usr/bin/python3
"""A 64 x 64 x 3072 EELS spectrum image (0 ... 3071 eV at 1 eV) for benchmarks/identify_inference.sh, written as .hspy
with HyperSpy 1.7.3: the 4096 first spectra of a simulated set (tessera simulate eels shards, HDF5 'spectra'
[n, 3072]) scaled to counts, so that the network input equals the spectra."""
import sys

import h5py
import hyperspy.api as hs
import numpy as np

simdir, out = sys.argv[1], sys.argv[2]
rows = []
i = 0
while sum(len(r) for r in rows) < 4096:
    with h5py.File("%s/shard-%05d.h5" % (simdir, i), "r") as f:
        rows.append(np.asarray(f["spectra"], dtype=np.float32))
    i += 1
x = (np.concatenate(rows)[:4096] * 1000).reshape(64, 64, 3072)
s = hs.signals.EELSSpectrum(x)
s.axes_manager[-1].name = "Energy loss"
s.axes_manager[-1].units = "eV"
s.axes_manager[-1].scale = 1.0
s.axes_manager[-1].offset = 0.0
s.metadata.General.title = "64 x 64 simulated core-loss SI"
s.save(out, overwrite=True)
