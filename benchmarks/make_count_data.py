# A 128 x 128 x 2048 uint32 Poisson count EDX spectrum image (core / shell / matrix phases, 0.01 keV channels), saved by
# HyperSpy 1.7.3 as .hspy (gzip + shuffle chunks, as a real acquisition saved by HyperSpy): the count-data input of the
# I/O and report benchmark. Usage: /usr/bin/python3 make_count_data.py OUT.hspy
import sys
import numpy as np, hyperspy.api as hs
rng = np.random.default_rng(0)
ny, nx, ne = 128, 128, 2048
E = np.arange(ne) * 0.01  # keV
yy, xx = np.mgrid[0:ny, 0:nx]
# three phases with distinct spectra + bremsstrahlung
def peak(c, w=0.06): return np.exp(-0.5 * ((E - c) / w) ** 2)
brems = 2.0 * np.exp(-E / 4.0) * (E > 0.3)
s1 = brems + 8 * peak(6.40) + 3 * peak(7.06) + 5 * peak(0.71)
s2 = brems + 9 * peak(2.05) + 6 * peak(9.44) + 2 * peak(11.07)
s3 = brems + 7 * peak(1.74) + 4 * peak(0.52)
r = np.hypot(yy - 64, xx - 64)
core = (r < 30).astype(float); shell = ((r >= 30) & (r < 45)).astype(float); bg = 1 - core - shell
lam = (core[..., None] * s1 + shell[..., None] * s2 + bg[..., None] * s3) * 0.8
s = hs.signals.Signal1D(rng.poisson(lam).astype('uint32'))
s.set_signal_type('EDS_TEM')
ax = s.axes_manager.signal_axes[0]; ax.name = 'Energy'; ax.units = 'keV'; ax.scale = 0.01; ax.offset = 0.0
for i, n in enumerate(['y', 'x']):
    a = s.axes_manager.navigation_axes[::-1][i]; a.name = n; a.units = 'nm'; a.scale = 1.0
s.save(sys.argv[1], overwrite=True)
print(s, 'total counts', s.data.sum())
