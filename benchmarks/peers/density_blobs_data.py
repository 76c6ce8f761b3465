"""Writes tests/tessera.cluster.tests/data/density_blobs.csv: 4 Gaussian blobs of different density plus uniform
noise in 2-D (500 points), the fixed input of the HDBSCAN/DBSCAN peer comparisons (HdbscanTest, DbscanTest).

Run with /usr/bin/python3 (numpy); values are written with 17 significant digits so that R, Python and Java read
the same doubles."""
import numpy as np

rng = np.random.default_rng(20261206)
blobs = [((0.0, 0.0), 0.25, 140), ((4.0, 1.0), 0.6, 120), ((1.0, 5.0), 0.15, 90), ((6.0, 6.0), 1.0, 100)]
parts = [rng.normal(c, s, size=(m, 2)) for c, s, m in blobs]
parts.append(rng.uniform(-3.0, 10.0, size=(50, 2)))
x = np.vstack(parts)
truth = np.concatenate([np.full(m, i) for i, (_, _, m) in enumerate(blobs)] + [np.full(50, -1)])
with open("../../tests/tessera.cluster.tests/data/density_blobs.csv", "w") as f:
    f.write("x,y,truth\n")
    for (a, b), t in zip(x, truth):
        f.write("%.17g,%.17g,%d\n" % (a, b, t))
