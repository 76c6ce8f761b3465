#!/usr/bin/python3
"""Peer of Tessera's FCLS (benchmarks/nfindr_fcls.sh): Heinz & Chang's augmented-matrix FCLS with
scipy.optimize.nnls, one call per position on A = [delta W^T; 1^T], b = [delta s; 1]
(D. C. Heinz, C.-I Chang, IEEE TGRS 39 (2001) 529, doi:10.1109/36.911111).

delta = DELTA_REL / max(W): small enough that the abundances sum to one to about 1e-4 on the benchmark cube.
Compares with Tessera's exact FCLS abundances (written by NfindrBench run) and prints the time ratio.

Usage: /usr/bin/python3 fcls_scipy.py CUBE.f32 N P K PREFIX [MAX_POSITIONS]
"""
import sys, time
import numpy as np
from scipy.optimize import nnls

DELTA_REL = 1e-3
cube_file, n, p, k, prefix = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
m = int(sys.argv[6]) if len(sys.argv) > 6 else n
X = np.memmap(cube_file, dtype="<f4", mode="r", shape=(n, p))
W = np.fromfile(prefix + ".endmembers.f64", dtype="<f8").reshape(k, p)
T = np.fromfile(prefix + ".abundances.f32", dtype="<f4").reshape(k, n)
t_tessera = float(open(prefix + ".fcls_s").read())
delta = DELTA_REL / W.max()
A = np.vstack([delta * W.T, np.ones((1, k))])
out = np.empty((m, k))
b = np.empty(p + 1)
b[p] = 1.0
t = time.perf_counter()
for i in range(m):
    b[:p] = delta * X[i]
    out[i] = nnls(A, b)[0]
dt = time.perf_counter() - t
sums = out.sum(1)
diff = np.abs(out - T[:, :m].T).max()
per = dt / m
print("scipy.optimize.nnls (scipy %s) augmented FCLS, delta = %.1e / max(W): %.2f s for %d positions (%.1f us each); "
      "|sum - 1| max %.1e; max |a_scipy - a_tessera| %.1e"
      % (__import__("scipy").__version__, DELTA_REL, dt, m, per * 1e6, np.abs(sums - 1).max(), diff))
print("FCLS per position: Tessera %.2f us (all cores), scipy %.1f us (one core): scipy / Tessera = %.1f"
      % (t_tessera / n * 1e6, per * 1e6, per / (t_tessera / n)))
