#!/usr/bin/env python3
"""Re-encodes the parameters of the Bote-Salvat analytical electron-impact ionisation cross sections.

Source: D. Bote, F. Salvat, A. Jablonski, C. J. Powell, "Cross sections for ionization of K, L and M shells of atoms
by impact of electrons and positrons with energies up to 1 GeV: Analytical formulas", At. Data Nucl. Data Tables 95
(2009) 871-909, doi:10.1016/j.adt.2009.08.001, Tables 1 (U <= 16: E_nlj, a1..a5) and 2 (U > 16: b-, A_nlj, g1..g4),
Z = 1..99, shells K, L1-L3, M1-M5. Read from the two fixed-width text files in which emtables
(github.com/adriente/emtables, MIT, emtables/Data/Bote2009_lowOV.txt and Bote2009_highOV.txt) transcribes them.

usage: bote_encode.py LOW.txt HIGH.txt > ../src/tessera/edx/bote2009.tsv
Output: one line per (Z, shell): Z, shell, E_nlj (eV), a1..a5, b-, A_nlj, g1..g4 (tab-separated).
"""
import sys


def read(path, ncol):
    rows, z = {}, None
    with open(path) as f:
        next(f)  # header
        for line in f:
            if not line.strip():
                continue
            f_ = line.split()
            if line[0] != ' ':
                z = int(f_[0])
                f_ = f_[1:]
            shell, vals = f_[0], [float(v) for v in f_[1:]]
            assert len(vals) == ncol, line
            rows[(z, shell)] = vals
    return rows


low = read(sys.argv[1], 6)
high = read(sys.argv[2], 6)
assert set(low) == set(high), set(low) ^ set(high)
print("# Bote et al., At. Data Nucl. Data Tables 95 (2009) 871, doi:10.1016/j.adt.2009.08.001: Z shell E_eV a1 a2 a3 a4 a5 b- A g1 g2 g3 g4")
order = ["K", "L1", "L2", "L3", "M1", "M2", "M3", "M4", "M5"]
for z, s in sorted(low, key=lambda k: (k[0], order.index(k[1]))):
    print("\t".join([str(z), s] + [repr(v) for v in low[(z, s)] + high[(z, s)]]))
