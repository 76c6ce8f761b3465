#!/usr/bin/python3
"""Synthetic EDX-like spectrum image for the Tessera-vs-HyperSpy benchmark (fixed seed).

128 x 128 navigation positions, 2048 channels (0 - 20.47 keV at 10 eV), float32 Poisson counts
drawn from 4 endmembers (substrate, Fe-rich shell, Pt-rich core, Cu grid contamination) whose
abundances are smooth particle maps. Mean about 3000 counts per spectrum.
With --size N (scaling.sh): N x N positions, the same recipe and seed, round(25 (N/128)^2) particles
(at least 1) of the same sizes in pixels, i.e. the same particle density on a larger or smaller field;
--size 128 (the default) is the benchmark phantom.

Usage: /usr/bin/python3 make_data.py OUT.hspy [--size N]
"""
import sys
import numpy as np
import hyperspy.api as hs

args = sys.argv[1:]
size = 128
if "--size" in args:
    i = args.index("--size")
    size = int(args[i + 1])
    del args[i:i + 2]
if len(args) != 1 or size < 1:
    sys.exit("usage: make_data.py OUT.hspy [--size N]")
rng = np.random.default_rng(20240611)
ny = nx = size
nE = 2048
E = 0.01 * np.arange(nE)  # keV


def gauss(mu, fwhm_ev=130.0, a=1.0):
    s = fwhm_ev / 1000.0 / 2.3548
    return a * np.exp(-0.5 * ((E - mu) / s) ** 2)


brems = np.where(E > 0.2, (20.0 - E).clip(0) / (E + 0.5), 0.0)
ends = np.array([
    0.6 * brems + gauss(0.277, 80, 3) + gauss(1.74, a=2) + gauss(0.525, 80, 1.5),          # C/Si substrate
    0.4 * brems + gauss(6.40, a=6) + gauss(7.06, a=1) + gauss(0.705, 80, 1.5),              # Fe
    0.5 * brems + gauss(2.05, a=7) + gauss(9.44, a=2) + gauss(11.07, a=0.6),                # Pt
    0.3 * brems + gauss(8.04, a=3) + gauss(8.90, a=0.5) + gauss(0.93, 80, 0.5),             # Cu
])
ends /= ends.sum(axis=1, keepdims=True)

yy, xx = np.mgrid[0:ny, 0:nx]
ab = np.zeros((4, ny, nx))
ab[0] = 1.0
for _ in range(max(1, round(25 * (size / 128) ** 2))):
    cy, cx = rng.uniform(0, ny), rng.uniform(0, nx)
    r = rng.uniform(4, 10)
    d = np.sqrt((yy - cy) ** 2 + (xx - cx) ** 2)
    ab[1] += 2.0 * np.clip(1.2 - d / r, 0, 1)          # shell: whole particle
    ab[2] += 3.0 * np.clip(1.0 - d / (0.55 * r), 0, 1)  # core
ab[3] = 0.2 + 0.3 * xx / nx
total = rng.normal(3000, 100, size=(ny, nx)).clip(1000)
lam = np.einsum("kyx,ke->yxe", ab, ends)
lam *= (total / lam.sum(-1))[..., None]
data = rng.poisson(lam).astype(np.float32)

s = hs.signals.Signal1D(data)
s.axes_manager[0].name, s.axes_manager[1].name = "x", "y"
for a in s.axes_manager.navigation_axes:
    a.scale, a.units = 0.5, "nm"
e = s.axes_manager.signal_axes[0]
e.name, e.scale, e.offset, e.units = "Energy", 0.01, 0.0, "keV"
s.metadata.General.title = "bench"
s.save(args[0], overwrite=True, compression=None)
print("wrote", args[0], data.shape, data.dtype, "zeros %.1f %%" % (100 * np.mean(data == 0)))
