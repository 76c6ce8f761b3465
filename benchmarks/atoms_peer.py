#!/usr/bin/python3
"""Peer of benchmarks/atoms_vs_python.sh: the same route in Python as Atomap takes it — scikit-image Gaussian smoothing
and peak_local_max (min_distance = the separation Tessera resolved, threshold_rel), then per column a 2-D elliptical
Gaussian with background fitted by scipy.optimize.least_squares (Levenberg-Marquardt) to the pixels of a disc of the
same radius. Prints "python columns <n> median <s> fitted <m>". Usage: atoms_peer.py IMAGE.f64 N PARAMS.txt REPEAT"""
import sys, time
import numpy as np
from scipy.optimize import least_squares
from skimage.feature import peak_local_max
from skimage.filters import gaussian

path, n, params, repeat = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
img = np.fromfile(path, '<f8').reshape(n, n)
sep, sigma, thr, radius = (float(v) for v in open(params).read().split())


def model(p, y, x):
    a, y0, x0, sa, sb, th, b = p
    ct, st = np.cos(th), np.sin(th)
    u = (x - x0) * ct + (y - y0) * st
    w = -(x - x0) * st + (y - y0) * ct
    return b + a * np.exp(-(u * u / (2 * sa * sa) + w * w / (2 * sb * sb)))


def run():
    sm = gaussian(img, sigma, mode='nearest', preserve_range=True)
    peaks = peak_local_max(sm, min_distance=max(1, int(sep / 2)), threshold_rel=thr, exclude_border=False)
    r = int(np.ceil(radius))
    fitted = 0
    for (cy, cx) in peaks:
        y0, y1, x0, x1 = max(0, cy - r), min(n, cy + r + 1), max(0, cx - r), min(n, cx + r + 1)
        yy, xx = np.mgrid[y0:y1, x0:x1]
        m = (yy - cy) ** 2 + (xx - cx) ** 2 <= radius * radius
        y, x, v = yy[m].astype(float), xx[m].astype(float), img[y0:y1, x0:x1][m]
        p0 = [v.max() - v.min(), cy, cx, radius / 2, radius / 2, 0.0, v.min()]
        res = least_squares(lambda p: model(p, y, x) - v, p0, method='lm')
        fitted += res.success
    return len(peaks), fitted


times = []
for _ in range(repeat):
    t0 = time.perf_counter()
    k, fitted = run()
    times.append(time.perf_counter() - t0)
times.sort()
print("python columns %d median %.3f fitted %d" % (k, times[len(times) // 2], fitted))
