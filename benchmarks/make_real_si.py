#!/usr/bin/python3
"""A realistic 128 x 128 x 2048 uint32 EDX spectrum image built from a real one (deterministic).

Stands in for "a real SI of that size" (issue 17; HyperSpy's tutorial SI is not available offline).
Source: ../shared/data/edx/core_shell.hspy (HyperSpy's FePt-core / Fe-oxide-shell nanoparticle EDS_TEM map,
64 x 64 x 992 uint32 real counts, 0.16 - 20 keV at 20 eV per channel, about 216 counts per spectrum).

Steps:
 1. Denoise the real cube with a low-rank model: scikit-learn NMF, K components (default 5), Kullback-Leibler loss
    (the Poisson likelihood), multiplicative updates, NNDSVDa initialisation with random_state 0, 1000 iterations at
    most. X (4096 x 992) ~ W H, W >= 0 the component maps, H >= 0 the component spectra.
 2. Maps: each of the K maps of W, 64 x 64, is resampled to 128 x 128 over the same field of view (bilinear,
    pixel centres aligned: scipy.ndimage.zoom order 1, grid_mode True, mode "nearest"); the navigation scale
    halves (0.5 nm -> 0.25 nm).
 3. Spectra: each spectrum of H, a density in counts per 20 eV channel, is resampled by linear interpolation
    (np.interp) onto 2048 channels of 10 eV with the source's offset (0.16 keV), i.e. 0.16 - 20.63 keV; above the
    source's last channel (19.98 keV) the last value is held (the spectra are near zero there). Halving the channel
    width halves the counts per channel (factor 10/20).
 4. Counts: the expected counts lambda = W' H' (16384 x 2048) are scaled so that the mean counts per spectrum equal
    the source's times COUNTS_FACTOR (default 1: the same dwell per pixel as the real map), then Poisson counts are
    drawn with numpy's default_rng(SEED) (default seed 20261207) and stored as uint32.
The result keeps the source's metadata (signal_type EDS_TEM, beam energy, detector, elements and X-ray lines,
microscope) and energy-axis offset and units; the energy scale is 0.01 keV, navigation axes x, y at 0.25 nm.
BLAS/OpenMP are limited to one thread before numpy is imported, so the same libraries give the same file.
By default the file is written with HyperSpy's default gzip compression (as a real .hspy usually is); --no-compress
writes it uncompressed (as make_data.py's phantom).

Usage: /usr/bin/python3 make_real_si.py OUT.hspy [--source FILE] [--components K] [--seed S] [--counts-factor F]
                                                 [--no-compress]
"""
import os

for v in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[v] = "1"

import argparse
import copy
import sys
import warnings

import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
default_source = os.path.normpath(os.path.join(here, "..", "..", "shared", "data", "edx", "core_shell.hspy"))

ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
ap.add_argument("out", help="output .hspy file")
ap.add_argument("--source", default=os.environ.get("TESSERA_CORE_SHELL", default_source),
                help="the real 64 x 64 x 992 EDX map (default: %(default)s, or $TESSERA_CORE_SHELL)")
ap.add_argument("--components", type=int, default=5, help="NMF rank of the denoising model (default 5)")
ap.add_argument("--seed", type=int, default=20261207, help="seed of the Poisson draw")
ap.add_argument("--counts-factor", type=float, default=1.0, help="mean counts per spectrum relative to the source")
ap.add_argument("--size", type=int, default=128, help="navigation size (square), default 128")
ap.add_argument("--channels", type=int, default=2048, help="number of 10 eV channels, default 2048")
ap.add_argument("--no-compress", action="store_true", help="write uncompressed HDF5")
a = ap.parse_args()
if not os.path.isfile(a.source):
    sys.exit("make_real_si.py: source %s not found (give --source or TESSERA_CORE_SHELL)" % a.source)

warnings.filterwarnings("ignore")
import hyperspy.api as hs  # noqa: E402
from scipy import ndimage  # noqa: E402
from sklearn.decomposition import NMF  # noqa: E402

src = hs.load(a.source)
X = src.data.astype(np.float64)
ny, nx, ne = X.shape
e_src = src.axes_manager.signal_axes[0]
E0 = e_src.offset + e_src.scale * np.arange(ne)
model = NMF(n_components=a.components, init="nndsvda", solver="mu", beta_loss="kullback-leibler", max_iter=1000,
            tol=1e-5, random_state=0)
W = model.fit_transform(X.reshape(-1, ne))
H = model.components_
W = W.reshape(ny, nx, a.components)

n = a.size
zoom = (n / ny, n / nx)
W2 = np.stack([ndimage.zoom(W[..., k], zoom, order=1, mode="nearest", grid_mode=True) for k in range(a.components)], -1)
W2 = np.clip(W2, 0, None)
scale_e = 0.01
E = e_src.offset + scale_e * np.arange(a.channels)
H2 = np.stack([np.interp(E, E0, H[k]) for k in range(a.components)]) * (scale_e / e_src.scale)

lam = W2.reshape(-1, a.components) @ H2
lam *= a.counts_factor * X.sum(-1).mean() / lam.sum(-1).mean()
rng = np.random.default_rng(a.seed)
data = rng.poisson(lam).astype(np.uint32).reshape(n, n, a.channels)

s = hs.signals.Signal1D(data)
s.metadata = copy.deepcopy(src.metadata)
s.metadata.General.title = "Core shell, %d x %d x %d (make_real_si.py)" % (n, n, a.channels)
s.set_signal_type("EDS_TEM")
for ax_new, ax_old in zip(s.axes_manager.navigation_axes, src.axes_manager.navigation_axes):
    ax_new.name, ax_new.units = ax_old.name, ax_old.units
    ax_new.offset, ax_new.scale = ax_old.offset, ax_old.scale * ax_old.size / n
e = s.axes_manager.signal_axes[0]
e.name, e.units, e.offset, e.scale = e_src.name, e_src.units, e_src.offset, scale_e
s.save(a.out, overwrite=True, **({"compression": None} if a.no_compress else {}))
rel = np.linalg.norm(X.reshape(-1, ne) - W.reshape(-1, a.components) @ H) / np.linalg.norm(X)
print("wrote %s %s %s: %.1f counts per spectrum (source %.1f), max %d, zeros %.1f %%; NMF(%d) relative residual of the "
      "source %.3f after %d iterations" % (a.out, data.shape, data.dtype, data.sum(-1).mean(), X.sum(-1).mean(),
                                           data.max(), 100 * np.mean(data == 0), a.components, rel, model.n_iter_))
