#!/usr/bin/env python3
# SPDX-License-Identifier: EPL-2.0
"""NumPy reference for MarkovChainsTest: label trajectories drawn from a known 4-state transition matrix (seeded),
with frames where a site is not seen (-1), and the estimates computed here in NumPy, independently of the Java code:
sliding counts at lag 1 and 3 with -1 breaking a trajectory, the maximum-likelihood transition matrix, its stationary
distribution (left eigenvector), implied timescales (-lag / ln|lambda|), mean first-passage times (linear solves)
and the reversible maximum-likelihood matrix (Prinz et al. 2011 fixed point).
Writes markov-labels.csv (one trajectory per line) and markov-reference.tsv (name, then the values row-major, %.17g)
next to the test sources.
Usage: python3 markov_reference.py OUTDIR"""
import sys

import numpy as np

T_TRUE = np.array([[0.90, 0.06, 0.03, 0.01],
                   [0.05, 0.85, 0.08, 0.02],
                   [0.02, 0.10, 0.80, 0.08],
                   [0.04, 0.01, 0.15, 0.80]])


def draw(rng, sites, frames):
    n = len(T_TRUE)
    out = np.empty((sites, frames), dtype=int)
    for s in range(sites):
        x = rng.integers(n)
        for f in range(frames):
            out[s, f] = x
            x = rng.choice(n, p=T_TRUE[x])
    out[rng.random(out.shape) < 0.02] = -1  # not seen
    return out


def counts(labels, n, lag):
    c = np.zeros((n, n))
    for tr in labels:
        for t in range(len(tr) - lag):
            seg = tr[t:t + lag + 1]
            if np.all(seg >= 0):
                c[seg[0], seg[-1]] += 1
    return c


def mle(c):
    return c / c.sum(axis=1, keepdims=True)


def stationary(t):
    w, v = np.linalg.eig(t.T)
    k = np.argmin(np.abs(w - 1))
    pi = np.real(v[:, k])
    return pi / pi.sum()


def timescales(t, lag):
    mod = np.sort(np.abs(np.linalg.eigvals(t)))[::-1]
    return -lag / np.log(mod[1:])


def mfpt(t, lag):
    n = len(t)
    m = np.zeros((n, n))
    for j in range(n):
        idx = [i for i in range(n) if i != j]
        a = np.eye(n - 1) - t[np.ix_(idx, idx)]
        m[idx, j] = np.linalg.solve(a, lag * np.ones(n - 1))
    return m


def reversible(c):
    cs = c + c.T
    ci = c.sum(axis=1)
    x = cs.copy()
    for _ in range(100000):
        xi = x.sum(axis=1)
        nx = cs / (ci[:, None] / xi[:, None] + ci[None, :] / xi[None, :])
        if np.max(np.abs(nx.sum(axis=1) / nx.sum() - xi / xi.sum())) < 1e-15:
            x = nx
            break
        x = nx
    return x / x.sum(axis=1, keepdims=True)


def main():
    out = sys.argv[1]
    rng = np.random.default_rng(2026)
    labels = draw(rng, 25, 400)
    np.savetxt(out + "/markov-labels.csv", labels, fmt="%d", delimiter=",")
    ref = {"T_true": T_TRUE.tolist()}
    for lag in (1, 3):
        c = counts(labels, 4, lag)
        t = mle(c)
        ref["lag%d" % lag] = {"counts": c.tolist(), "T": t.tolist(), "pi": stationary(t).tolist(),
                              "timescales": timescales(t, lag).tolist(), "mfpt": mfpt(t, lag).tolist(),
                              "T_rev": reversible(c).tolist(), "pi_rev": stationary(reversible(c)).tolist()}
    with open(out + "/markov-reference.tsv", "w") as f:
        f.write("# numpy %s; tools/markov_reference.py\n" % np.__version__)
        for key, val in ref.items():
            if isinstance(val, dict):
                for k2, v2 in val.items():
                    f.write(key + "." + k2 + "\t" + " ".join("%.17g" % x for x in np.ravel(v2)) + "\n")
            else:
                f.write(key + "\t" + " ".join("%.17g" % x for x in np.ravel(val)) + "\n")


if __name__ == "__main__":
    main()
