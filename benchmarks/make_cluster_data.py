#!/usr/bin/python3
"""Synthetic phase maps for benchmarks/cluster_vs_peers.sh (fixed seed), written once as float64 .npy (C order).

A 128 x 128 scan with 4 phases: a matrix, 25 round particles (shell phase) with cores (core phase) and a diagonal
band (band phase). Each phase has a fixed mean vector in d features (drawn once, entries N(0, 3^2)); every pixel is
its phase mean plus N(0, 1) noise per feature. Files (data NAME.npy [n, d] float64, true phase NAME.truth.i32 int32 LE):
  map10     128 x 128 scan, d = 10 (n = 16 384)            map50   the same layout, d = 50
  sub5000   5000 pixels of map10 drawn without replacement  u4096x10 / u4096x50  4096 pixels of map10 / map50
  big       10^6 x 10: phases drawn with the map's phase fractions, same means and noise
Usage: /usr/bin/python3 make_cluster_data.py WORKDIR
"""
import os
import sys
import numpy as np

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(20261206)
ny = nx = 128
yy, xx = np.mgrid[0:ny, 0:nx]
phase = np.zeros((ny, nx), dtype=np.int32)
for _ in range(25):
    cy, cx, r = rng.uniform(0, ny), rng.uniform(0, nx), rng.uniform(5, 11)
    d = np.hypot(yy - cy, xx - cx)
    phase[(d < r) & (phase != 2)] = 1
    phase[d < 0.5 * r] = 2
phase[np.abs(yy - xx - 10) < 6] = 3
truth = phase.ravel()
means = {d: rng.normal(0.0, 3.0, size=(4, d)) for d in (10, 50)}


def save(name, x, t):
    np.save(os.path.join(out, name + ".npy"), np.ascontiguousarray(x, dtype=np.float64))
    t.astype("<i4").tofile(os.path.join(out, name + ".truth.i32"))


maps = {}
for d in (10, 50):
    maps[d] = means[d][truth] + rng.normal(size=(truth.size, d))
    save("map%d" % d, maps[d], truth)
sub = rng.choice(truth.size, 5000, replace=False)
save("sub5000", maps[10][sub], truth[sub])
sub = rng.choice(truth.size, 4096, replace=False)
for d in (10, 50):
    save("u4096x%d" % d, maps[d][sub], truth[sub])
frac = np.bincount(truth, minlength=4) / truth.size
tb = rng.choice(4, size=1_000_000, p=frac).astype(np.int32)
save("big", means[10][tb] + rng.normal(size=(tb.size, 10)), tb)
print("wrote", out, "phase fractions", np.round(frac, 3).tolist())
