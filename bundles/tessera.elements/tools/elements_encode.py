#!/usr/bin/env python3
"""Re-encodes the facts of ../shared/data/tables/elements_general_properties.json (atomic number, standard atomic
weight, density of the elemental solid at room temperature) into src/tessera/elements/elements.tsv, read by
tessera.elements.Elements. Only the numbers are kept (they are physical facts, from IUPAC's standard atomic weights
and the CRC Handbook densities); columns: Z, symbol, atomic weight (g/mol), density (g/cm^3, blank if unknown).

Usage: python3 elements_encode.py /work/shared/data/tables/elements_general_properties.json out.tsv
"""
import json
import sys

d = json.load(open(sys.argv[1]))["elements"]
rows = []
for sym, v in d.items():
    g = v.get("General_properties", {})
    p = v.get("Physical_properties", {})
    rho = p.get("density (g/cm^3)")
    rho = None if rho is None else float(rho)
    if rho is not None and rho != rho:  # NaN in the source: no density known
        rho = None
    rows.append((int(g["Z"]), sym, float(g["atomic_weight"]), rho))
rows.sort()
with open(sys.argv[2], "w") as f:
    f.write("# Z\tsymbol\tatomic_weight_g_per_mol\tdensity_g_per_cm3\n")
    for z, s, a, rho in rows:
        f.write(f"{z}\t{s}\t{a!r}\t{'' if rho is None else repr(float(rho))}\n")
