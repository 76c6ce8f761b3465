#!/usr/bin/env python3
"""Re-encodes the NIST FFAST photo-absorption tables (../shared/data/tables/xrpa_ffast/<El>.dat, as distributed
with pyTEMlib) into the compact resource src/tessera/elements/ffast.tsv.gz read by tessera.elements.PhotoAbsorption.

Source data: C. T. Chantler et al., X-Ray Form Factor, Attenuation and Scattering Tables (FFAST), NIST Standard
Reference Database 66, doi:10.18434/T4HS32; C. T. Chantler, J. Phys. Chem. Ref. Data 24 (1995) 71,
doi:10.1063/1.555974 and 29 (2000) 597, doi:10.1063/1.1321055.

Output, one block per element (blank line between blocks), tab separated:
  element <symbol> <Z>
  edges <subshell> <onset eV> ...          (subshells K, L1..L3, M1..M5, N1..N7, O1.., P1..)
  <E eV> <photo-absorption sigma, barn/atom>   (one line per table row, E increasing)
sigma = [mu/rho]_photoelectric (cm2/g) x the file's barn/atom conversion factor (line 2).
Tables that fail the sanity checks of problems() are taken from XrayDB's copy of the same FFAST data when the
python3-xraydb package is installed (their header edges kept), else left out (message on stderr).

Usage: python3 ffast_encode.py /work/shared/data/tables/xrpa_ffast out.tsv.gz
"""
import gzip
import os
import re
import sys

ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7}


def read(path):
    with open(path, encoding="latin-1") as f:
        lines = f.read().splitlines()
    m = re.match(r"\s*(\w+)\s+\(Z\s*=\s*(\d+)\)", lines[0])
    symbol, z = m.group(1), int(m.group(2))
    factor = float(lines[1].split()[-1])
    n_edges = int(lines[3].split()[0])
    edges = []
    for line in lines[4:4 + n_edges]:
        parts = line.split()
        if parts[0] == "K":
            name, kev = "K", float(parts[-1])  # "K 2.838E-01" or "K Edge energy (keV) = 1.36E-02"
        else:
            name, kev = parts[0] + str(ROMAN[parts[1].rstrip("*")]), float(parts[2])  # "N VI*": FFAST footnote mark
        edges.append((name, kev * 1000.0))
    start = next(i for i, l in enumerate(lines) if l.startswith("Data")) + 2
    rows = []
    for line in lines[start:]:
        parts = line.split()
        if len(parts) >= 2:
            rows.append((float(parts[0]) * 1000.0, float(parts[1]) * factor))
    return symbol, z, edges, rows


def problems(edges, rows):
    """Sanity checks of one table: photo-absorption is positive and jumps up (> 2 %) at every K, L3 and M5 edge
    above 30 eV inside the table. Some files distributed with pyTEMlib fail: Fe.dat and Co.dat hold the form factor f1 (negative
    values), Ca.dat holds potassium's data under calcium's header."""
    out = []
    if min(s for _, s in rows) <= 0:
        out.append("non-positive cross sections (not a photo-absorption column)")
    energies = [e for e, _ in rows]
    for name, e in edges:
        if name not in ("K", "L3", "M5") or e < max(30.0, 1.05 * energies[0]) or e > energies[-1]:
            continue
        below = max(i for i, x in enumerate(energies) if x < e)
        above = below + 1
        if not (rows[above][1] > 1.02 * rows[below][1] and energies[above] < 1.02 * e and energies[below] > 0.98 * e):
            out.append("no absorption jump at the %s edge (%.1f eV)" % (name, e))
    return out


def from_xraydb(symbol, folder, name):
    """The same FFAST photo-absorption from XrayDB (Debian python3-xraydb, public domain; M. Newville,
    github.com/xraypy/XrayDB), on its own energy grid, in barn/atom with the shared file's conversion factor; None if
    XrayDB is not installed. Used only for tables that fail problems() (Fe, Co, Ca in pyTEMlib's copies). XrayDB's
    grid is denser and its edges are broadened over about 1 % of the edge energy."""
    try:
        import xraydb
    except ImportError:
        return None
    with open(os.path.join(folder, name), encoding="latin-1") as f:
        factor = float(f.read().splitlines()[1].split()[-1])
    energies = xraydb.chantler_energies(symbol)
    mu = xraydb.mu_chantler(symbol, energies, photo=True)
    return [(float(e), float(m) * factor) for e, m in zip(energies, mu) if m > 0]


def main(folder, out):
    blocks = []
    for name in os.listdir(folder):
        symbol, z, edges, rows = read(os.path.join(folder, name))
        bad = problems(edges, rows)
        if bad:
            replaced = from_xraydb(symbol, folder, name)
            if replaced is None or problems(edges, replaced):
                print("skipping %s (%s): %s" % (name, symbol, "; ".join(bad)), file=sys.stderr)
                continue
            print("%s (%s): %s; data taken from XrayDB's Chantler table instead (header edges kept)" % (name, symbol, "; ".join(bad)),
                  file=sys.stderr)
            rows = replaced
        blocks.append((symbol, z, edges, rows))
    blocks.sort(key=lambda b: b[1])
    with gzip.open(out, "wt", encoding="ascii") as f:
        for symbol, z, edges, rows in blocks:
            f.write("element\t%s\t%d\n" % (symbol, z))
            f.write("edges\t" + "\t".join("%s\t%.6g" % e for e in edges) + "\n")
            for e, s in rows:
                f.write("%.8g\t%.7g\n" % (e, s))
            f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
