#!/usr/bin/python3
"""Reference elemental maps and background subtraction from HyperSpy 1.7.3 (Debian python3-hyperspy).

1. CuZn_EELS_mapping_tutorial.hspy (50 x 40 x 162, 700 eV + 8 eV/ch): for Cu-L2,3 and Zn-L2,3,
   s.remove_background(signal_range=BG, background_type='PowerLaw', fast=True) (two-area estimate) then
   s.isig[SIG].integrate1D(-1) (binned signal: the sum of the counts of the channels i with index(lo) <= i < index(hi), times 8 eV).
   Written as cuzn-maps.tsv: y, x, Cu_L3, Zn_L3 (counts).
2. SrTiO3_hl.msa: remove_background(signal_range=(400.0, 450.0), 'PowerLaw', fast=True), then A, r and the
   background-subtracted spectrum every 10th channel from 450 to 660 eV (srtio3-background.tsv).

Run (from tests/tessera.eels.tests):
  /usr/bin/python3 tools/hyperspy_quant.py src/tessera/eels/tests
"""
import logging
import sys

import numpy as np
import hyperspy.api as hs

logging.getLogger("hyperspy").setLevel(logging.ERROR)
DATA = "/work/shared/data/eels/" if len(sys.argv) < 3 else sys.argv[2]
OUT = sys.argv[1]

# windows on channel centres (700 + 8 k eV) so that rounding cannot differ
WINDOWS = {"Cu_L3": ((852.0, 924.0), (932.0, 1012.0)), "Zn_L3": ((940.0, 1012.0), (1020.0, 1100.0))}

s = hs.load(DATA + "CuZn_EELS_mapping_tutorial.hspy")
s.change_dtype("float64")
maps = {}
for name, (bg, sig) in WINDOWS.items():
    r = s.remove_background(signal_range=bg, background_type="PowerLaw", fast=True, show_progressbar=False)
    maps[name] = r.isig[sig[0]:sig[1]].integrate1D(-1).data
with open(OUT + "/cuzn-maps.tsv", "w") as f:
    f.write("# HyperSpy %s remove_background(PowerLaw, fast=True) + integrate1D; windows %s\n" % (hs.__version__, WINDOWS))
    f.write("# y\tx\tCu_L3\tZn_L3\n")
    ny, nx = maps["Cu_L3"].shape
    for y in range(ny):
        for x in range(nx):
            f.write("%d\t%d\t%.9g\t%.9g\n" % (y, x, maps["Cu_L3"][y, x], maps["Zn_L3"][y, x]))

t = hs.load(DATA + "SrTiO3_hl.msa", signal_type="EELS")
from hyperspy.components1d import PowerLaw
from hyperspy.models.model1d import Model1D
pl = PowerLaw()
Model1D(t).append(pl)  # in a model, so that the binned convention of remove_background applies
pl.estimate_parameters(t, 400.0, 450.0, only_current=True)
sub = t.remove_background(signal_range=(400.0, 450.0), background_type="PowerLaw", fast=True, show_progressbar=False)
ax = t.axes_manager[-1]
with open(OUT + "/srtio3-background.tsv", "w") as f:
    f.write("# HyperSpy %s PowerLaw.estimate_parameters(400, 450) in a binned model: A (counts per eV at 1 eV), r\n" % hs.__version__)
    f.write("A\t%.12g\nr\t%.12g\n" % (pl.A.value, pl.r.value))
    f.write("# energy_eV\tsubtracted (remove_background fast=True)\n")
    for i in range(ax.value2index(450.0), ax.size, 10):
        f.write("%.4f\t%.9g\n" % (ax.axis[i], sub.data[i]))

# 3. HyperSpy's default hydrogenic model fit and its O/metal ratio (for docs/eels.md; not asserted)
QUANT = [("SrTiO3_hl.msa", "SrTiO3_ll.msa", ("Ti", "O"), (300, 0.9, 2.675)),
         ("coreloss_spectrum.msa", "lowloss_spectrum.msa", ("Mn", "O"), (300, 24.6, 13.6))]
with open(OUT + "/hyperspy-model-ratios.tsv", "w") as f:
    f.write("# HyperSpy %s: s.set_microscope_parameters(E0, alpha, beta); s.add_elements(els); "
            "m = s.create_model(ll=LL, auto_add_edges=True); m.fit(); ratio of the edges' intensity\n" % hs.__version__)
    f.write("# file\tlow_loss\tE0_kV\talpha_mrad\tbeta_mrad\tratio\tvalue\n")
    for name, llname, els, (kv, a, b) in QUANT:
        for use_ll in (False, True):
            t = hs.load(DATA + name, signal_type="EELS")
            t.set_microscope_parameters(beam_energy=kv, convergence_angle=a, collection_angle=b)
            t.add_elements(els)
            ll = hs.load(DATA + llname, signal_type="EELS") if use_ll else None
            m = t.create_model(ll=ll, auto_add_edges=True)
            m.fit()
            inten = {c.name: c.intensity.value for c in m if hasattr(c, "intensity")}
            f.write("%s\t%s\t%g\t%g\t%g\tO/%s\t%.6g\n" % (name, llname if use_ll else "none", kv, a, b, els[0],
                                                       inten["O_K"] / inten[els[0] + "_L3"]))
