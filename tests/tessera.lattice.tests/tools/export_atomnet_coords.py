#!/usr/bin/python3
"""Writes AtomNet's coordinate files of ../shared/data/images (pickled dicts {0: array (n, 3) of (row, col, class)},
which Java cannot unpickle) as CSV test resources: row,col in pixels. Run from this directory:
    /usr/bin/python3 tools/export_atomnet_coords.py ../../../shared/data/images
"""
import sys, os
import numpy as np

src = sys.argv[1]
out = os.path.join(os.path.dirname(__file__), "..", "src", "tessera", "lattice", "tests")
for name in ["G-Si-2nm", "G-GrainBoundary-4nm"]:
    coords = np.load(os.path.join(src, name + "-coord.npy"), allow_pickle=True).item()[0]
    with open(os.path.join(out, name + "-coord.csv"), "w") as f:
        f.write("row,col\n")
        for r, c, _ in coords:
            f.write("%.17g,%.17g\n" % (r, c))
    print(name, len(coords))
