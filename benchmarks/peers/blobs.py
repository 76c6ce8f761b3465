"""Deterministic blob datasets shared with the Java tests (tessera.cluster.tests.Blobs).

SplitMix64 uniforms; each coordinate = centre + sigma * sqrt(3) * (u1 + u2 + u3 + u4 - 2) (Irwin-Hall, variance sigma^2),
all in exact IEEE arithmetic so that Java and Python produce bit-identical data.
"""
import math
import numpy as np

M = (1 << 64) - 1


class SplitMix64:
    def __init__(self, seed):
        self.s = seed & M

    def next(self):
        self.s = (self.s + 0x9E3779B97F4A7C15) & M
        z = self.s
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
        return z ^ (z >> 31)

    def uniform(self):
        return (self.next() >> 11) * 2.0 ** -53


def blobs(centres, sizes, sigma, seed):
    """Samples cluster by cluster, coordinate by coordinate; returns X [n, d] and truth labels."""
    r = SplitMix64(seed)
    s3 = math.sqrt(3.0)
    rows, truth = [], []
    for c, (centre, size) in enumerate(zip(centres, sizes)):
        for _ in range(size):
            row = []
            for m in centre:
                u = ((r.uniform() + r.uniform()) + r.uniform()) + r.uniform()
                row.append(m + sigma * (s3 * (u - 2.0)))
            rows.append(row)
            truth.append(c)
    return np.array(rows), np.array(truth)


# dataset A: 6 well-separated blobs in 3-D (sigma 1, centres >= 8 apart), n = 5500
A_CENTRES = [[0, 0, 0], [8, 0, 0], [0, 8, 0], [0, 0, 8], [8, 8, 8], [-8, 4, 4]]
A_SIZES = [1500, 1200, 1000, 800, 600, 400]
# dataset B: 8 overlapping blobs on a 2 x 2 x 2 grid of spacing 3 (sigma 1), n = 8000
B_CENTRES = [[3 * (i & 1), 3 * ((i >> 1) & 1), 3 * ((i >> 2) & 1)] for i in range(8)]
B_SIZES = [1000] * 8
# dataset C: 4 well-separated blobs in 2-D (sigma 0.5), n = 400, for the number of clusters
C_CENTRES = [[0, 0], [6, 0], [0, 6], [6, 6]]
C_SIZES = [130, 110, 90, 70]


def dataset(name):
    if name == "A":
        return blobs(A_CENTRES, A_SIZES, 1.0, 42)
    if name == "B":
        return blobs(B_CENTRES, B_SIZES, 1.0, 43)
    if name == "C":
        return blobs(C_CENTRES, C_SIZES, 0.5, 44)
    raise ValueError(name)
