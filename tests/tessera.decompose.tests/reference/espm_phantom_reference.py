#!/usr/bin/env python3
# SPDX-License-Identifier: EPL-2.0
"""Reference numbers of SmoothNmfTest.reproducesEspmOnThePhantom from espm's own SmoothNMF.

espm (https://github.com/adriente/espm, MIT) is not shipped; point ESPM_SRC at a checkout of its source. Its
estimators import exspy only for tables this script does not use, so those imports are stubbed, and
sklearn < 1.6 lacks validate_data, which is replaced by check_array.

Usage:
  1. write the phantom counts with SmoothNmfTest.main (OUT.f32, atoms per position), e.g. from the test bundle's
     classpath: java ... tessera.decompose.tests.SmoothNmfTest /tmp/phantom600.f32 600
  2. ESPM_SRC=/path/to/espm python3 espm_phantom_reference.py /tmp/phantom600.f32 1.0
Prints the phases' element fractions (at.%, columns Fe O Pt Si), the iterations and the final loss.
"""
import os
import sys
import types

import numpy as np

sys.path.insert(0, os.environ["ESPM_SRC"])


class _Tables(types.ModuleType):
    def __getattr__(self, key):
        if key.startswith("__"):
            raise AttributeError(key)
        return {}


_NAMES = ["exspy", "exspy._misc", "exspy._misc.eds", "exspy._misc.eds.ffast_mac", "exspy._misc.elements",
          "exspy.material", "exspy.signals", "exspy.misc"]
for _n in _NAMES:
    sys.modules[_n] = _Tables(_n)
    sys.modules[_n].__path__ = []
for _n in _NAMES:
    if "." in _n:
        _p, _c = _n.rsplit(".", 1)
        setattr(sys.modules[_p], _c, sys.modules[_n])
import sklearn.utils.validation as _v  # noqa: E402

if not hasattr(_v, "validate_data"):
    _v.validate_data = lambda est, X, reset=True, **kw: _v.check_array(X, **kw)

from espm.estimators import SmoothNMF  # noqa: E402
from espm.models.base import PhysicalModel  # noqa: E402

NE, NY, NX = 250, 32, 32
E0, DE = 0.5, 0.04
# the phantom model of SmoothNmfTest.model(): Gaussian lines (keV, weight) per element, two Kramers-type columns
LINES = [[(6.40, 1.0), (7.06, 0.13), (0.705, 0.25)], [(0.525, 1.0)], [(9.44, 1.0), (2.05, 1.2), (8.27, 0.1)], [(1.74, 1.0)]]


def model():
    e = E0 + DE * np.arange(NE)
    g = np.zeros((NE, 6))
    for c, lines in enumerate(LINES):
        for line, weight in lines:
            s = np.sqrt(2.5 * (line - 5.899) * 1000 + 130 ** 2) / 1000 / 2.3548
            g[:, c] += weight * DE / (s * np.sqrt(2 * np.pi)) * np.exp(-0.5 * ((e - line) / s) ** 2)
    b = 200.0
    g[:, 4] = (b - e) / b ** 2 * 20
    g[:, 5] = (b - e) ** 2 / (b * b * e) * 0.02
    # espm's normalisation of G (EDXS.generate_g_matr): element columns by the mean of their sums, each continuum by its own
    g[:, :4] /= g[:, :4].sum(0).mean()
    g[:, 4:] /= g[:, 4:].sum(0)
    return g


class FixedModel(PhysicalModel):
    """espm's physics-model path with a fixed G: the simplex on the element rows only."""

    def __init__(self, g):
        self.G = g

    def NMF_update(self, W=None):
        return self.G

    def NMF_simplex(self):
        return np.arange(4)

    def NMF_initialize_W(self, D):
        return np.linalg.lstsq(self.G, D, rcond=None)[0].clip(min=0)

    def generate_g_matr(self, *a, **k):
        pass

    def generate_phases(self, *a, **k):
        pass


def main():
    x = np.fromfile(sys.argv[1], dtype="<f4").reshape(NY * NX, NE).T.astype(np.float64)
    lam = float(sys.argv[2])
    est = SmoothNMF(n_components=3, G=FixedModel(model()), lambda_L=lam, mu=0, tol=1e-6, max_iter=3000, init="nndsvda",
                    random_state=0, normalize=True, shape_2d=(NY, NX), verbose=False)
    est.fit(x)
    comp = 100 * est.W_[:4] / est.W_[:4].sum(0)
    print("iterations", est.n_iter_, "loss %.8g" % est.reconstruction_err_)
    for t in range(3):
        print("phase", t, " ".join("%.3f" % v for v in comp[:, t]))


if __name__ == "__main__":
    main()
