# Reference values for tessera.decompose.tests.CorrespondenceAnalysisTest: correspondence analysis (chi-square
# metric, Greenacre 1984; Trebbia & Bonnet 1990) of the CuZn EELS SI, written directly in NumPy from the formulas in
# CorrespondenceAnalysisDecomposer's Javadoc (dense float64 matrices, numpy.linalg.svd of S).
#   /usr/bin/python3 benchmarks/peers/ca_numpy.py /work/shared/data/eels/CuZn_EELS_mapping_tutorial.hspy
import sys
import h5py
import numpy as np

with h5py.File(sys.argv[1], "r") as f:
    X = f["Experiments/EELS Spectrum Image/data"][()].astype(np.float64)  # [50, 40, 162]
ny, nx, p = X.shape
X = X.reshape(ny * nx, p)
N = X.sum()
P = X / N
r = P.sum(axis=1)
c = P.sum(axis=0)
S = (P - np.outer(r, c)) / np.sqrt(np.outer(r, c))
U, sv, Vt = np.linalg.svd(S, full_matrices=False)
lam = sv ** 2
K = min(X.shape) - 1
np.set_printoptions(precision=17, linewidth=200)
print("total inertia (chi2/N)", repr(((P - np.outer(r, c)) ** 2 / np.outer(r, c)).sum()), "sum lam", repr(lam[:K].sum()))
print("principal inertias [:12]", ", ".join(repr(v) for v in lam[:12]))
print("lam[K-1]", repr(lam[K - 1]), "K", K)
# factors: column standard coordinates b = v / sqrt(c), sign: entry of largest magnitude positive
B = Vt[:3].T / np.sqrt(c)[:, None]
for q in range(3):
    if B[np.argmax(np.abs(B[:, q])), q] < 0:
        B[:, q] *= -1
# loadings: row principal coordinates f_i = sum_j (x_ij / n_i) b_j
F = (X / X.sum(axis=1, keepdims=True)) @ B
for q in range(2):
    print("factor", q, "channels 0,40,80,161:", ", ".join(repr(B[j, q]) for j in (0, 40, 80, 161)))
    print("loading", q, "positions 0,777,1999:", ", ".join(repr(F[i, q]) for i in (0, 777, 1999)),
          "sum r f^2", repr((r * F[:, q] ** 2).sum()))
# relative entropy H_i = sum_j (x_ij/n_i) ln(x_ij / (n_i c_j))
pr = X / X.sum(axis=1, keepdims=True)
with np.errstate(divide="ignore", invalid="ignore"):
    H = np.where(X > 0, pr * np.log(pr / c[None, :]), 0.0).sum(axis=1)
print("entropy positions 0,777,1999:", ", ".join(repr(H[i]) for i in (0, 777, 1999)))
print("entropy mean, min, max, argmax:", repr(H.mean()), repr(H.min()), repr(H.max()), int(H.argmax()))
