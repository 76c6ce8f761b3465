#!/usr/bin/python3
"""Reference hydrogenic partial cross sections from HyperSpy 1.7.3 (Debian python3-hyperspy).

For each edge, beam energy E0 (kV), collection semi-angle beta (mrad), convergence semi-angle alpha (mrad) and
window delta (eV) this prints sigma(delta) = integral of HyperSpy's energy-differential cross section
HydrogenicGOS.integrateq (barn/eV, Egerton's SIGMAK3/SIGMAL3 translated) from the onset to onset + delta, in barn.
HyperSpy's EELSCLEdge uses the effective collection angle hyperspy.misc.eels.effective_angle(E0, onset, alpha, beta)
(evaluated at the edge onset); so do we. integrateq is evaluated on a 0.25 eV grid (not HyperSpy's coarse tabulation,
whose linear interpolation is reported alongside for information) and integrated with the trapezoid rule.

Run: /usr/bin/python3 tools/hyperspy_gos.py > src/tessera/eels/tests/hyperspy-hydrogenic.tsv
"""
import math
import sys
import numpy as np
from hyperspy.misc.eels.hydrogenic_gos import HydrogenicGOS
from hyperspy.misc.eels.effective_angle import effective_angle

EDGES = ["C_K", "O_K", "Ti_L3", "Fe_L3"]
KV = [100, 200, 300]
CONDITIONS = [(10.0, 0.0, 50.0), (50.0, 0.0, 100.0), (20.0, 10.0, 50.0)]  # beta, alpha (mrad), delta (eV)
STEP = 0.25

print("# edge\tZ\tonset_eV\tE0_kV\tbeta_mrad\talpha_mrad\tdelta_eV\tsigma_barn\tsigma_hyperspy_tabulated_barn")
for edge in EDGES:
    for kv in KV:
        for beta, alpha, delta in CONDITIONS:
            gos = HydrogenicGOS(edge)
            onset = gos.onset_energy
            angle = effective_angle(kv, onset, alpha, beta) * 1e-3
            # HyperSpy's own tabulated axis + linear interpolation (for information)
            tab = gos.integrateq(onset, angle, kv)
            e = np.arange(0.0, delta + STEP / 2, STEP) + onset
            tabulated = np.trapz(tab(e), e)
            gos.energy_axis = e
            fine = gos.integrateq(onset, angle, kv)
            sigma = np.trapz(gos.qint, e)
            print(f"{edge}\t{gos.Z}\t{onset:g}\t{kv}\t{beta:g}\t{alpha:g}\t{delta:g}\t{sigma:.6e}\t{tabulated:.6e}")
            sys.stdout.flush()
