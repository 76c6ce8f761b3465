# A 128 x 128 x 2048 uint32 Poisson count EDX spectrum image for benchmarks/edx_lines_vs_hyperspy.sh: an FePt core,
# an Fe-oxide shell and a carbon-like matrix (Fe Ka/Kb/La, Pt La/Lb/Ma, O Ka lines with the 130 eV detector width,
# a Kramers-like continuum), 0.01 keV channels from 0, saved by HyperSpy 1.7.3 as .hspy (EDS_TEM, beam 200 kV,
# energy_resolution_MnKa 130 eV, elevation 35 deg, Sample.elements Fe, O, Pt). Usage: /usr/bin/python3 make_edx_lines_data.py OUT.hspy
import sys
import numpy as np
import hyperspy.api as hs
from hyperspy.misc.eds.utils import get_FWHM_at_Energy

rng = np.random.default_rng(0)
ny, nx, ne = 128, 128, 2048
E = np.arange(ne) * 0.01  # keV


def line(c, a):
    w = get_FWHM_at_Energy(130.0, c) / 2.3548
    return a * np.exp(-0.5 * ((E - c) / w) ** 2)


brems = 1.5 * np.clip(200.0 - E, 0, None) / 200.0 / np.maximum(E, 0.2) * (E > 0.2)
fe = line(6.4039, 9) + line(7.058, 1.2) + line(0.7050, 2)
pt = line(9.4421, 6) + line(11.0707, 2.5) + line(2.0505, 8)
ox = line(0.5249, 5)
core = brems + 0.5 * fe + 1.0 * pt
shell = brems + 0.8 * fe + 0.6 * ox
matrix = brems
yy, xx = np.mgrid[0:ny, 0:nx]
r = np.hypot(yy - 64, xx - 64)
c = (r < 30).astype(float)
s_ = ((r >= 30) & (r < 45)).astype(float)
m = 1 - c - s_
lam = (c[..., None] * core + s_[..., None] * shell + m[..., None] * matrix) * 0.8
s = hs.signals.Signal1D(rng.poisson(lam).astype("uint32"))
s.set_signal_type("EDS_TEM")
ax = s.axes_manager.signal_axes[0]
ax.name, ax.units, ax.scale, ax.offset = "Energy", "keV", 0.01, 0.0
for a, n in zip(s.axes_manager.navigation_axes, ["x", "y"]):
    a.name, a.units, a.scale = n, "nm", 0.5
s.set_microscope_parameters(beam_energy=200.0, energy_resolution_MnKa=130.0, elevation_angle=35.0, azimuth_angle=0.0, tilt_stage=0.0)
s.set_elements(["Fe", "O", "Pt"])
# as numpy arrays (the way core_shell.hspy stores them): HyperSpy writes a Python list as "_list_elements"
s.metadata.Sample.elements = np.array(["Fe", "O", "Pt"])
# the lines, as add_lines() would set them: without Sample.xray_lines, HyperSpy 1.7.3's estimate_background_windows()
# takes every alpha line of each element (only_one=None) while get_lines_intensity takes one per element, and zips
# the two lists, pairing lines with other lines' windows
s.metadata.Sample.xray_lines = np.array(["Fe_Ka", "O_Ka", "Pt_La"])
s.save(sys.argv[1], overwrite=True)
print(s, "total counts", int(s.data.sum()))
