# Reference values for tessera.decompose.tests.MdsTest and LdaTest (scikit-learn 1.2.1, numpy, scipy):
#   /usr/bin/python3 benchmarks/peers/mds_lda_sklearn.py
# The inputs are the deterministic formulas also written in the tests (features(n, d) and ldaData()).
import warnings
import numpy as np
from sklearn.manifold import smacof
from sklearn.metrics import pairwise_distances
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis

warnings.simplefilter("ignore")


def features(n, d):
    i = np.arange(n)[:, None]
    j = np.arange(d)[None, :]
    return np.sin(0.37 * (i + 1) * (j + 1)) + 0.05 * j * ((i % 5) - 2)


def fix_signs(z):
    for c in range(z.shape[1]):
        if z[np.argmax(np.abs(z[:, c])), c] < 0:
            z[:, c] *= -1
    return z


def classical(delta, m):
    n = len(delta)
    J = np.eye(n) - np.ones((n, n)) / n
    B = -0.5 * J @ (delta ** 2) @ J
    w, V = np.linalg.eigh(B)
    o = np.argsort(w)[::-1][:m]
    return fix_signs(V[:, o] * np.sqrt(np.maximum(w[o], 0)))


def jarr(a):
    return "{" + ", ".join(jarr(x) if np.ndim(x) else repr(float(x)) for x in a) + "}"


for name, (n, d), metric in [("CLASSICAL_EUCLIDEAN", (40, 6), "euclidean"), ("CLASSICAL_WIDE", (12, 20), "euclidean"),
                             ("CLASSICAL_MANHATTAN", (40, 6), "manhattan")]:
    z = classical(pairwise_distances(features(n, d), metric=metric), 3)
    print("static final double[][] %s = %s; // first 8 rows, 3 dimensions" % (name, jarr(z[:8])))

for name, metric in [("SMACOF_EUCLIDEAN", "euclidean"), ("SMACOF_COSINE", "cosine")]:
    delta = pairwise_distances(features(40, 6), metric=metric)
    init = classical(delta, 2)
    X, stress, it = smacof(delta, metric=True, n_components=2, init=init, n_init=1, max_iter=300, eps=1e-3, return_n_iter=True)
    print("// smacof(%s, metric=True, n_components=2, init=classical, n_init=1, max_iter=300, eps=1e-3)" % metric)
    print("static final double %s_STRESS = %r; static final int %s_ITER = %d;" % (name, stress, name, it))
    print("static final double[][] %s = %s; // first 8 rows" % (name, jarr(X[:8])))


def lda_data():
    n, d = 90, 5
    i = np.arange(n)
    y = i % 3
    y[i % 13 == 0] = -1
    X = np.sin(0.61 * (i[:, None] + 1) * (np.arange(d)[None, :] + 1)) + 0.8 * np.cos(np.arange(d)[None, :] + 2.0 * np.maximum(y, 0)[:, None]) * (y >= 0)[:, None]
    return X, y


X, y = lda_data()
keep = y >= 0
for name, shr in [("NONE", None), ("HALF", 0.3), ("AUTO", "auto")]:
    lda = LinearDiscriminantAnalysis(solver="eigen", shrinkage=shr).fit(X[keep], y[keep])
    Z = lda.transform(X) - X[keep].mean(axis=0) @ lda.scalings_[:, :2]
    print("// LinearDiscriminantAnalysis(solver='eigen', shrinkage=%r): (X - xbar) @ scalings_[:, :2] (rows 0..7), explained_variance_ratio_" % (shr,))
    print("static final double[][] LDA_%s = %s;" % (name, jarr(Z[:8])))
    print("static final double[] LDA_%s_RATIO = %s;" % (name, jarr(lda.explained_variance_ratio_)))
    print("static final double[][] LDA_%s_SCALINGS = %s; // scalings_[:, :2].T" % (name, jarr(lda.scalings_[:, :2].T)))
