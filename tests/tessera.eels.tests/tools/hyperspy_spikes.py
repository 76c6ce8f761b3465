#!/usr/bin/env python3
"""Reference for tessera.eels.spike-removal: HyperSpy 1.7.3's non-interactive spikes_removal_tool
(hyperspy.signal_tools.SpikesRemoval(threshold='auto', add_noise=False).remove_all_spikes()) on
../shared/data/eels/CuZn_EELS_mapping_tutorial.hspy (50 x 40 x 162, as float64), once as it is and once with 24
spikes injected at known places: spike k (k = 0..23) adds 6000 + 500 (k mod 5) counts to pixel (k*83 + 11) mod 2000
(row-major over the 50 x 40 navigation grid) at channel 20 + (k*37) mod 120.
Writes hyperspy-spikes.tsv next to the Java tests: the automatic thresholds, and every pixel HyperSpy changed with
its corrected spectrum. Run with /usr/bin/python3 (Debian python3-hyperspy)."""
import logging
import os
import sys
import warnings

import numpy as np

warnings.filterwarnings("ignore")
logging.disable(logging.WARNING)
import hyperspy.api as hs  # noqa: E402
from hyperspy.signal_tools import SpikesRemoval  # noqa: E402

F = os.path.join(os.environ.get("TESSERA_DATA", "/work/shared/data"), "eels", "CuZn_EELS_mapping_tutorial.hspy")


def spikes():
    return [((k * 83 + 11) % 2000, 20 + (k * 37) % 120, 6000 + 500 * (k % 5)) for k in range(24)]


def clean_it(s):
    before = s.data.copy()
    sr = SpikesRemoval(s, threshold="auto", add_noise=False)
    threshold = sr.threshold
    sr.remove_all_spikes()
    flat = s.data.reshape(-1, s.data.shape[-1])
    changed = np.nonzero(np.any(flat != before.reshape(flat.shape), axis=-1))[0]
    return threshold, changed, flat


def main(out):
    rows = []
    s = hs.load(F)
    s.change_dtype("float64")
    t0, ch0, flat0 = clean_it(s.deepcopy())
    s2 = s.deepcopy()
    flat = s2.data.reshape(-1, s2.data.shape[-1])
    for p, c, a in spikes():
        flat[p, c] += a
    t1, ch1, flat1 = clean_it(s2)
    with open(out, "w") as f:
        f.write("# HyperSpy %s SpikesRemoval(threshold='auto', add_noise=False) on CuZn_EELS_mapping_tutorial.hspy\n" % hs.__version__)
        f.write("threshold\tclean\t%r\n" % float(t0))
        f.write("threshold\tinjected\t%r\n" % float(t1))
        for name, changed, fl in (("clean", ch0, flat0), ("injected", ch1, flat1)):
            for p in changed:
                f.write("pixel\t%s\t%d\t%s\n" % (name, p, "\t".join("%.10g" % v for v in fl[p])))
    print("thresholds", t0, t1, "changed clean", list(ch0), "changed injected", list(ch1))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "tessera",
                                                            "eels", "tests", "hyperspy-spikes.tsv"))
