#!/usr/bin/env python3
"""Reference for tessera.eels.fourier-ratio: HyperSpy 1.7.3's EELSSpectrum.fourier_ratio_deconvolution(ll) with its
defaults (FWHM and elastic threshold estimated from the low-loss, power-law extrapolation of both spectra, Hann
tapers) on ../shared/data/eels/deconvolution_Si: cl_l_edge.hspy and cl_k_edge.hspy (core loss, 1024 channels) with
ll_for_fr.hspy (low loss, 1024 channels). Writes hyperspy-fourier-ratio.tsv (energy of each core-loss channel and
HyperSpy's result for both edges) next to the Java tests. Also, for the per-pixel path, the LSMO line scan
(LSMO_linescan.hspy with LSMO_linescan_low_loss.hspy, one low loss per pixel) with fwhm=1.2 eV and threshold=3 eV
given (HyperSpy estimates one FWHM from the current pixel and the threshold with a tolerance shared by all pixels;
Tessera estimates both per pixel): hyperspy-fourier-ratio-lsmo.tsv, pixels 0, 17 and 39. Run with /usr/bin/python3 (Debian python3-hyperspy)."""
import logging
import os
import sys
import warnings

import numpy as np

warnings.filterwarnings("ignore")
logging.disable(logging.WARNING)
import hyperspy.api as hs  # noqa: E402
from hyperspy.misc.math_tools import optimal_fft_size  # noqa: E402

D = os.path.join(os.environ.get("TESSERA_DATA", "/work/shared/data"), "eels", "deconvolution_Si")


def load(name):
    s = hs.load(os.path.join(D, name + ".hspy"))
    s.set_signal_type("EELS")
    return s


def main(out):
    ll = load("ll_for_fr")
    fwhm = float(ll.power_law_extrapolation(window_size=100, extrapolation_size=100).estimate_peak_width()())
    threshold = float(ll.estimate_elastic_scattering_threshold().data[0])
    cols, header = [], []
    for name in ("cl_l_edge", "cl_k_edge"):
        cl = load(name)
        r = cl.fourier_ratio_deconvolution(ll)
        cols.append(cl.axes_manager[-1].axis)
        cols.append(r.data)
        header.append("%s: %d channels from %g eV" % (name, cl.data.size, cl.axes_manager[-1].offset))
    size = optimal_fft_size(ll.data.size + 100 + 1024 - 1)
    with open(out, "w") as f:
        f.write("# HyperSpy %s fourier_ratio_deconvolution(ll_for_fr) defaults; estimated FWHM %.9g eV, threshold %.9g eV, "
                "FFT size %d; %s\n" % (hs.__version__, fwhm, threshold, size, "; ".join(header)))
        f.write("# E_L_eV\tL_result\tE_K_eV\tK_result\n")
        for row in zip(*cols):
            f.write("%.2f\t%.10g\t%.2f\t%.10g\n" % row)


def lsmo(out):
    cl = hs.load(os.path.join(D, "..", "LSMO_linescan.hspy"))
    ll = hs.load(os.path.join(D, "..", "LSMO_linescan_low_loss.hspy"))
    for x in (cl, ll):
        x.set_signal_type("EELS")
        x.change_dtype("float64")
    r = cl.fourier_ratio_deconvolution(ll, fwhm=1.2, threshold=3.0)
    with open(out, "w") as f:
        f.write("# HyperSpy %s fourier_ratio_deconvolution(ll, fwhm=1.2, threshold=3.0) of LSMO_linescan.hspy, pixels 0, 17, 39\n"
                % hs.__version__)
        for row in zip(cl.axes_manager[-1].axis, r.data[0], r.data[17], r.data[39]):
            f.write("%.2f\t%.10g\t%.10g\t%.10g\n" % row)


if __name__ == "__main__":
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "tessera", "eels", "tests")
    lsmo(os.path.join(here, "hyperspy-fourier-ratio-lsmo.tsv"))
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "tessera",
                                                            "eels", "tests", "hyperspy-fourier-ratio.tsv"))
