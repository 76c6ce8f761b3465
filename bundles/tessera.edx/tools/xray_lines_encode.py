#!/usr/bin/env python3
"""Re-encodes the facts of ../shared/data/tables/xray_lines.json (characteristic X-ray line energies and relative
weights within each line family, after Chantler et al., NIST FFAST v2.1, doi:10.18434/T4HS32, as tabulated in
HyperSpy's element database) into src/tessera/edx/xray_lines.tsv, read by tessera.edx.XrayLines.
Columns: element, line (Siegbahn name as HyperSpy: Ka, Kb, La, Lb1, ..., Ma, M2N4), energy (keV), weight.
Rows are sorted by Z, then by family (K, L, M) and energy.

Usage: python3 xray_lines_encode.py /work/shared/data/tables/xray_lines.json out.tsv
"""
import json
import sys

SYMBOLS = ("H He Li Be B C N O F Ne Na Mg Al Si P S Cl Ar K Ca Sc Ti V Cr Mn Fe Co Ni Cu Zn Ga Ge As Se Br Kr Rb Sr Y "
           "Zr Nb Mo Tc Ru Rh Pd Ag Cd In Sn Sb Te I Xe Cs Ba La Ce Pr Nd Pm Sm Eu Gd Tb Dy Ho Er Tm Yb Lu Hf Ta W Re "
           "Os Ir Pt Au Hg Tl Pb Bi Po At Rn Fr Ra Ac Th Pa U Np Pu Am").split()
d = json.load(open(sys.argv[1]))["elements"]
rows = []
for sym, lines in d.items():
    for name, v in lines.items():
        rows.append((SYMBOLS.index(sym), "KLM".index(name[0]), float(v["energy (keV)"]), sym, name, float(v["weight"])))
rows.sort()
with open(sys.argv[2], "w") as f:
    f.write("# element\tline\tenergy_keV\tweight\n")
    for _, _, e, s, n, w in rows:
        f.write(f"{s}\t{n}\t{e!r}\t{w!r}\n")
