#!/usr/bin/env python3
"""Reference values for tessera.eels.xsection.FfastCrossSection, computed with numpy straight from the raw NIST FFAST
tables (../shared/data/tables/xrpa_ffast/<El>.dat), independently of the Java code and of the re-encoded resource.

Method (documented in FfastCrossSection's Javadoc):
  * photo-absorption sigma_ph(E) in barn/atom = [mu/rho](E) x the file's barn conversion factor;
  * inside the interval between two consecutive edges the table is interpolated linearly in log E / log sigma, held
    constant between an edge and the first table row above it;
  * the jump of an edge group (e.g. L3+L2) with lowest onset e_a and next higher edge u:
      B(E) = background of the shallower edges: power law through the last table row below e_a, with the exponent
             fitted (least squares in log-log) to the rows below e_a in [max(0.8 e_a, 1.01 e_prev), e_a);
      C(E) = max(sigma_ph(E) - B(E), 0) for e_a <= E < u (u = the table's last energy if that comes first);
      above u, C continues as a power law through the last row below u, exponent fitted to C on the rows in
      [max(0.8 u, 1.01 e_b), u);
  * optical-limit (dipole) Bethe cross section with Fano's relativistic term (Egerton, Ultramicroscopy 50 (1993) 13,
    eq. 4; Egerton 2011 §3.6): dsigma/dE = pi e^4/(E T) df/dE [ln(1 + b^2/tE^2) + G],
      df/dE = sigma_ph / (2 pi^2 r_e hbar c), T = m0 v^2/2, tE = E/(2 gamma T),
      G = 2 ln gamma - ln((b^2 + tE^2)/(b^2 + tE^2/gamma^2)) - (v/c)^2 b^2/(b^2 + tE^2/gamma^2);
    b = Egerton's effective collection angle at the onset (convergence correction, as for the hydrogenic model).
Writes ffast-reference.tsv next to the Java tests.
"""
import os
import re
import sys

import numpy as np

DATA = os.path.join(os.environ.get("TESSERA_DATA", "/work/shared/data"), "tables", "xrpa_ffast")
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7}
GROUPS = {"L23": ["L3", "L2"], "M45": ["M5", "M4"], "M23": ["M3", "M2"], "N45": ["N5", "N4"], "N67": ["N7", "N6"],
          "N23": ["N3", "N2"], "O23": ["O3", "O2"], "O45": ["O5", "O4"]}

# CODATA 2018
R_E = 2.8179403262e-13  # cm
HBARC = 1.973269804e-5  # eV cm
E2 = 1.439964547e-7  # e^2/(4 pi eps0) in eV cm
M0C2 = 510998.95  # eV


def load(symbol):
    for name in os.listdir(DATA):
        with open(os.path.join(DATA, name), encoding="latin-1") as f:
            lines = f.read().splitlines()
        if lines[0].split()[0] != symbol:
            continue
        factor = float(lines[1].split()[-1])
        edges = {}
        for line in lines[4:4 + int(lines[3].split()[0])]:
            p = line.split()
            if p[0] == "K":
                edges["K"] = float(p[-1]) * 1e3
            else:
                edges[p[0] + str(ROMAN[p[1].rstrip("*")])] = float(p[2]) * 1e3
        i = next(k for k, l in enumerate(lines) if l.startswith("Data")) + 2
        t = np.array([[float(v) for v in l.split()[:2]] for l in lines[i:] if l.strip()])
        return edges, t[:, 0] * 1e3, t[:, 1] * factor
    raise KeyError(symbol)


def slope(x, y):
    return np.polyfit(np.log(x), np.log(y), 1)[0]


def tail(E, ylist, lo_edge, hi_edge):
    """indices of rows in [max(0.8 hi, 1.01 lo), hi) with positive values, else the last two rows below hi."""
    m = (E < hi_edge) & (E >= max(0.8 * hi_edge, 1.01 * lo_edge)) & (ylist > 0)
    idx = np.nonzero(m)[0]
    if len(idx) < 2:
        idx = np.nonzero((E < hi_edge) & (E >= lo_edge) & (ylist > 0))[0][-2:]
    return idx


class Jump:
    def __init__(self, symbol, edge):
        edges, E, s = load(symbol)
        names = GROUPS.get(edge, [edge])
        names = [n for n in names if n in edges]
        onsets = sorted(edges.values())
        self.ea = min(edges[n] for n in names)
        eb = max(edges[n] for n in names)
        above = [e for e in onsets if e > eb]
        self.u = min(min(above) if above else np.inf, E[-1])  # the table's end acts as the next edge
        below = [e for e in onsets if e < self.ea]
        eprev = max(below) if below else 0.0
        self.E, self.s, self.onsets = E, s, onsets
        rows = np.nonzero(E < self.ea)[0]
        if len(rows) == 0:
            self.bA, self.bE, self.br = 0.0, 1.0, 0.0
        else:
            idx = tail(E, s, eprev, self.ea)
            self.br = -slope(E[idx], s[idx]) if len(idx) >= 2 else 0.0
            self.bE, self.bA = E[rows[-1]], s[rows[-1]]
        if np.isfinite(self.u):
            inside = (E >= self.ea) & (E < self.u)
            c = np.where(inside, np.maximum(s - self.bg(E), 0), 0)
            idx = tail(E, c, eb, self.u)
            self.ur = -slope(E[idx], c[idx]) if len(idx) >= 2 else self.br
            last = np.nonzero(inside & (c > 0))[0][-1]
            self.uE, self.uA = E[last], c[last]

    def bg(self, x):
        return self.bA * (x / self.bE) ** (-self.br)

    def sigma(self, x):
        """table value inside the edge interval containing x (log-log, held at the interval's ends)."""
        lo = max([e for e in self.onsets if e <= x], default=0.0)
        hi = min([e for e in self.onsets if e > x], default=np.inf)
        m = (self.E >= lo) & (self.E < hi)
        Es, ss = self.E[m], self.s[m]
        if x <= Es[0]:
            return ss[0]
        if x >= Es[-1]:
            return ss[-1]
        return np.exp(np.interp(np.log(x), np.log(Es), np.log(ss)))

    def jump(self, x):
        if x < self.ea:
            return 0.0
        if x < self.u:
            return max(self.sigma(x) - self.bg(x), 0.0)
        return self.uA * (x / self.uE) ** (-self.ur)


def effective_beta(E, kv, alpha, beta):
    """Egerton CONCOR2 / HyperSpy effective_angle, mrad."""
    if alpha == 0:
        return beta
    te = E / (kv * (1 + kv / 1022.0) / (1 + kv / 511.0))
    a2, b2, t2 = alpha ** 2 * 1e-6, beta ** 2 * 1e-6, te ** 2 * 1e-6
    eta1 = np.sqrt((a2 + b2 + t2) ** 2 - 4 * a2 * b2) - a2 - b2 - t2
    eta2 = 2 * b2 * np.log(0.5 / t2 * (np.sqrt((a2 + t2 - b2) ** 2 + 4 * b2 * t2) + a2 + t2 - b2))
    eta3 = 2 * a2 * np.log(0.5 / t2 * (np.sqrt((b2 + t2 - a2) ** 2 + 4 * a2 * t2) + b2 + t2 - a2))
    f1 = (eta1 + eta2 + eta3) / 2 / a2 / np.log(1 + b2 / t2)
    f2 = f1 * a2 / b2 if alpha > beta else f1
    return te * np.sqrt(np.exp(f2 * np.log(1 + b2 / t2)) - 1)


def dsigma(j, x, kv, beta_rad):
    gamma = 1 + kv * 1e3 / M0C2
    v2 = 1 - 1 / gamma ** 2
    T = M0C2 * v2 / 2
    te = x / (2 * gamma * T)
    b2, t2 = beta_rad ** 2, te ** 2
    G = 2 * np.log(gamma) - np.log((b2 + t2) / (b2 + t2 / gamma ** 2)) - v2 * b2 / (b2 + t2 / gamma ** 2)
    dfde = j.jump(x) / (2 * np.pi ** 2 * R_E * HBARC * 1e24)  # per eV (sigma in barn -> cm2)
    return np.pi * E2 ** 2 * 1e24 / (x * T) * dfde * (np.log(1 + b2 / t2) + G)


CASES = [("C", "K", 200, 0, 10), ("C", "K", 100, 0, 5), ("O", "K", 200, 10, 20), ("Ti", "L23", 200, 0, 20),
         ("Ti", "L3", 300, 0, 30), ("Ni", "L23", 100, 5, 15), ("Ba", "M45", 200, 0, 20), ("Ce", "M45", 300, 20, 40),
         ("Si", "K", 200, 0, 50), ("Si", "L23", 200, 0, 50), ("La", "M5", 200, 0, 20), ("Sr", "L23", 200, 0, 20)]


def main(out):
    with open(out, "w") as f:
        f.write("# element\tedge\tkV\talpha_mrad\tbeta_mrad\tonset_eV\tE_eV\tdsigma/dE_barn_per_eV (or sigma_barn for "
                "rows with E_eV = onset + window and kind=partial)\tkind\n")
        for el, edge, kv, a, b in CASES:
            j = Jump(el, edge)
            be = effective_beta(j.ea, kv, a, b) * 1e-3
            for dx in (0.5, 2, 10, 30, 80, 150):
                x = j.ea + dx
                f.write("%s\t%s\t%g\t%g\t%g\t%.6g\t%.6f\t%.9g\tdifferential\n" % (el, edge, kv, a, b, j.ea, x, dsigma(j, x, kv, be)))
            for window in (50, 100):
                grid = np.linspace(j.ea, j.ea + window, int(window / 0.005) + 1)
                vals = np.array([dsigma(j, x, kv, be) for x in grid])
                f.write("%s\t%s\t%g\t%g\t%g\t%.6g\t%.6f\t%.9g\tpartial\n" % (el, edge, kv, a, b, j.ea, j.ea + window,
                                                                             np.trapz(vals, grid)))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "src", "tessera", "eels",
                                                            "tests", "ffast-reference.tsv"))
