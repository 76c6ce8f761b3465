#!/usr/bin/env python3
"""Reference numbers for tessera.edx's line intensities and quantification (LineIntensitiesTest,
EdxQuantificationTest), from HyperSpy 1.7.3 on ../shared/data/edx/core_shell.hspy.

Run:  /usr/bin/python3 tests/tessera.edx.tests/tools/hyperspy_reference.py [path/to/core_shell.hspy]

Prints the windows of estimate_background_windows() (defaults line_width=[2, 2], windows_width=1) and
estimate_integration_windows(2), the background-subtracted get_lines_intensity of the sum spectrum and of the maps,
and quantification(...) with method CL / zeta / cross_section, with and without absorption_correction.
The microscope parameters the file lacks (beam current, live time, probe area) are set here; the tests set the same.
"""
import sys
import warnings

import numpy as np
import hyperspy.api as hs
from hyperspy.misc.eds.utils import zeta_to_edx_cross_section

warnings.filterwarnings("ignore")
path = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/edx/core_shell.hspy"
si = hs.load(path)
si.change_dtype("float64")
s = si.sum((0, 1))
print("hyperspy", hs.__version__)
print("xray_lines", list(s.metadata.Sample.xray_lines))
print("take_off_angle", s.get_take_off_angle())
bw = s.estimate_background_windows()
iw = s.estimate_integration_windows(2.0)
for line, b, w in zip(s.metadata.Sample.xray_lines, bw, iw):
    print("windows", line, "integration %.6f %.6f" % tuple(w), "background %.6f %.6f %.6f %.6f" % tuple(b))
I = s.get_lines_intensity(background_windows=bw)
for i in I:
    print("sum intensity", i.metadata.Sample.xray_lines[0], repr(float(i.data[0])))
raw = s.get_lines_intensity()
for i in raw:
    print("sum raw intensity", i.metadata.Sample.xray_lines[0], repr(float(i.data[0])))

k = [1.450226, 5.075602]
for units in ("atomic", "weight"):
    c = s.quantification(I, "CL", k, composition_units=units, navigation_mask=None)
    print("CL", units, [repr(float(x.data[0])) for x in c])
for t in (50.0, 200.0):
    c, mt = s.quantification(I, "CL", k, composition_units="atomic", absorption_correction=True, thickness=t, show_progressbar=False,
                             navigation_mask=None)
    print("CL absorption thickness", t, "atomic", [repr(float(x.data[0])) for x in c], "mass_thickness", repr(float(mt.data[0])))

# zeta and cross-section: the file has no beam current / live time / probe area; set them
beam_current, live_time, probe_area = 0.1, 60.0, 0.25  # nA, s, nm^2 (probe area: the 0.5 nm pixel, squared)
s.set_microscope_parameters(beam_current=beam_current, live_time=live_time)
s.metadata.set_item("Acquisition_instrument.TEM.probe_area", probe_area)
zeta = [1200.0, 3500.0]  # kg/m^2 per electron... (Fe_Ka, Pt_La)
xs = zeta_to_edx_cross_section(zeta, ["Fe", "Pt"])
print("cross sections (barn) from zeta", [repr(float(x)) for x in xs])
for units in ("atomic", "weight"):
    for ac in (False, True):
        c, mt = s.quantification(I, "zeta", zeta, composition_units=units, absorption_correction=ac, show_progressbar=False)
        print("zeta", units, "absorption", ac, [repr(float(x.data[0])) for x in c], "mass_thickness", repr(float(mt.data[0])))
        c, n = s.quantification(I, "cross_section", xs, composition_units=units, absorption_correction=ac, show_progressbar=False,
                                probe_area=probe_area)
        print("cross_section", units, "absorption", ac, [repr(float(x.data[0])) for x in c], "atoms",
              [repr(float(x.data[0])) for x in n])

# per-pixel maps (windows from the SI's metadata: the same energy axis)
maps = si.get_lines_intensity(background_windows=si.estimate_background_windows())
for m in maps:
    print("map total", m.metadata.Sample.xray_lines[0], repr(float(m.data.sum())), "pixel(10,20)", repr(float(m.data[10, 20])),
          "pixel(32,32)", repr(float(m.data[32, 32])), "pixel(5,28)", repr(float(m.data[5, 28])))
cm = si.quantification(maps, "CL", k, composition_units="atomic", navigation_mask=None)
for c in cm:
    print("CL map atomic", c.metadata.Sample.xray_lines[0], "pixel(10,20)", repr(float(c.data[10, 20])), "pixel(32,32)",
          repr(float(c.data[32, 32])), "pixel(5,28)", repr(float(c.data[5, 28])), "mean", repr(float(c.data.mean())))
cm, mt = si.quantification(maps, "CL", k, composition_units="atomic", navigation_mask=None, absorption_correction=True,
                           thickness=100.0, show_progressbar=False)
for c in cm:
    print("CL map absorption 100nm atomic", c.metadata.Sample.xray_lines[0], "pixel(5,28)", repr(float(c.data[5, 28])),
          "mean", repr(float(c.data.mean())))

# vacuum mask (HyperSpy's default navigation_mask=1.0 with closing): rows 0-9 emptied except pixel (5, 5), a 1x3 hole at
# (30, 20..22); the closing turns (5, 5) into vacuum and leaves the hole as it is
sv = si.deepcopy()
keep = sv.data[5, 5].copy()
sv.data[:10] = 0
sv.data[5, 5] = keep
sv.data[30, 20:23] = 0
mask = sv.vacuum_mask(1.0)
print("vacuum mask", int(mask.data.sum()), "pixel(5,5)", bool(mask.data[5, 5]), "pixel(30,21)", bool(mask.data[30, 21]),
      "no closing", int(sv.vacuum_mask(1.0, closing=False).data.sum()))
mv = sv.get_lines_intensity(background_windows=sv.estimate_background_windows())
cv = sv.quantification(mv, "CL", k, composition_units="atomic")
print("CL map masked atomic", [repr(float(c.data.mean())) for c in cv], "pixel(5,5)", repr(float(cv[0].data[5, 5])),
      "pixel(12,28)", repr(float(cv[0].data[12, 28])))
