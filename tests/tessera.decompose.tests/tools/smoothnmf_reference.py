#!/usr/bin/env python3
"""NumPy transcription of espm's SmoothNMF (algo="log_surrogate", simplex_W=True on the element rows, as espm's
EDXS physics model restricts it with NMF_simplex()), written for the Tessera test SmoothNmfReferenceTest.

Source followed line by line: github.com/adriente/espm (v1.1.3), espm/estimators/smooth_nmf.py
(SmoothNMF._iteration, SmoothNMF.loss), espm/estimators/base.py (NMFEstimator.fit_transform, loss,
remove_zeros_lines), espm/estimators/updates.py (multiplicative_step_h, multiplicative_step_w),
espm/estimators/dicotomy.py (dichotomy_simplex, dicotomy), espm/measures.py (KLdiv_loss, log_reg, trace_xtLx),
espm/utils.py (create_laplacian_matrix), espm/conf.py (log_shift = 1e-14, dicotomy_tol = 1e-5, sigmaL = 8,
maxit_dichotomy = 100). espm itself is not needed to run this script (only NumPy).

A small deterministic problem (no random numbers: every value is a formula, so the Java test builds nothing itself
and reads everything from the written file): X [n=40 channels, p=6x5 pixels], G [40, 5] (3 element columns with
Gaussian peaks + 2 continuum columns), k = 3, initial W [5, 3] and H [3, 30], fixed_W with two entries, and two
cases (lambda_L = 3, mu = 0) and (lambda_L = 0.5, mu = 2, epsilon_reg = 1). Runs 25 iterations without the stopping
criterion (espm's no_stop_criterion=True) and writes, for each case, W, H after 25 iterations and the 25 averaged
losses (espm's losses_) to smoothnmf_reference.txt beside this script:

    python3 tests/tessera.decompose.tests/tools/smoothnmf_reference.py

File format: blocks "name rows cols" followed by rows*cols values (row-major, %.17g), one per line.
"""
import os
import numpy as np

log_shift = 1e-14
dicotomy_tol = 1e-5
sigmaL = 8
maxit_dichotomy = 100


def laplacian(nx, ny):
    """espm.utils.create_laplacian_matrix(nx, ny) as a dense matrix: 4-neighbour graph Laplacian, index i*ny + j."""
    n = nx * ny
    L = np.zeros((n, n))
    for i in range(nx):
        for j in range(ny):
            a = i * ny + j
            for di, dj in ((1, 0), (-1, 0), (0, 1), (0, -1)):
                ii, jj = i + di, j + dj
                if 0 <= ii < nx and 0 <= jj < ny:
                    L[a, ii * ny + jj] = -1
                    L[a, a] += 1
    return L


def dicotomy(a, b, func, maxit, tol):
    func_new = None
    it = 0
    new = (a + b) / 2
    func_new = func(new)
    while np.max(np.abs(func_new)) > tol:
        it = it + 1
        func_a = func(a)
        minus_bool = func_a * func_new <= 0
        plus_bool = np.logical_not(minus_bool)
        b[minus_bool] = new[minus_bool]
        a[plus_bool] = new[plus_bool]
        new = (a + b) / 2
        func_new = func(new)
        if it >= maxit:
            break
    return new


def dichotomy_simplex(num, denum, tol=dicotomy_tol, maxit=maxit_dichotomy):
    a = []
    for n, d in zip(num.T, denum.T):
        m = n > 0
        a.append(np.max(n[m] / 2 - d[m]))
    a = np.array(a)
    b = len(num) * np.max(num, axis=0) / 0.5 - np.min(denum, axis=0)

    def func(x):
        return np.sum(np.maximum(num / (x + denum), log_shift), axis=0) - 1
    return dicotomy(a, b, func, maxit, tol)


def step_h(X, G, W, H, mu, epsilon_reg, lambda_L, L):
    if lambda_L != 0:
        HL = H @ L
    GW = G @ W
    GWH = GW @ H
    num = GW.T @ (X / GWH)
    denum = np.sum(GW, axis=0, keepdims=True).T
    if mu != 0:
        denum = denum + mu / (H + epsilon_reg)
    if lambda_L != 0:
        maxH = np.max(H, axis=1, keepdims=True)
        num = num + lambda_L * sigmaL * maxH
        denum = denum + lambda_L * sigmaL * maxH + lambda_L * HL
    num = H * num
    return np.maximum(num / denum, log_shift)


def step_w(X, G, W, H, indices, fixed_W):
    GW = G @ W
    GWH = GW @ H
    op1 = X / GWH
    mult1 = G.T @ op1
    num = W * (mult1 @ H.T)
    denum = np.sum(G, axis=0, keepdims=True).T @ np.sum(H, axis=1, keepdims=True).T
    nu = dichotomy_simplex(num[indices, :], denum[indices, :])
    denum[indices, :] = denum[indices, :] + nu
    new_W = np.maximum(num / denum, log_shift)
    new_W[fixed_W >= 0] = fixed_W[fixed_W >= 0]
    return new_W


def loss(X, G, W, H, const_KL, mu, epsilon_reg, lambda_L, L):
    numel = G.shape[0] * H.shape[1]
    Wc = np.maximum(G @ W, log_shift)
    Hc = np.maximum(H, log_shift)
    Xc = np.maximum(X, log_shift)
    Y = Wc @ Hc
    kl = np.sum(Y) - np.sum(Xc * np.log(Y)) + const_KL
    reg = np.sum(mu * np.log(H + epsilon_reg))
    l2 = 0.5 * lambda_L * np.sum(H.T * (L @ H.T))
    return kl / numel + reg / numel + l2 / numel


def problem():
    n, ny, nx, m, e, k = 40, 6, 5, 5, 3, 3
    p = ny * nx
    E = 0.5 + 0.25 * np.arange(n)
    G = np.zeros((n, m))
    peaks = [[(2.0, 1.0), (6.5, 0.3)], [(3.7, 1.0)], [(5.1, 1.0), (8.0, 0.5)]]
    for c, pk in enumerate(peaks):
        for (mu0, w) in pk:
            G[:, c] += w * np.exp(-0.5 * ((E - mu0) / 0.18) ** 2)
    E0 = 12.0
    G[:, 3] = (E0 - E) / E0 ** 2 * 10
    G[:, 4] = (E0 - E) ** 2 / (E0 ** 2 * E) * 0.5
    Wt = np.array([[0.6, 0.1, 0.3], [0.2, 0.7, 0.05], [0.2, 0.2, 0.65], [1.5, 0.8, 1.1], [0.7, 1.2, 0.4]])
    Ht = np.zeros((k, p))
    for i in range(ny):
        for j in range(nx):
            a = i * nx + j
            Ht[0, a] = 40 + 30 * np.cos(0.9 * i) * np.cos(0.7 * j) ** 2
            Ht[1, a] = 20 + 15 * np.sin(0.5 * i + 0.3 * j) ** 2
            Ht[2, a] = 10 + 25 * ((i + 2 * j) % 4) / 3.0
    Y = G @ Wt @ Ht
    # deterministic "noise": round to integer counts with a formula perturbation
    X = np.floor(Y * (1 + 0.3 * np.sin(np.arange(n * p).reshape(n, p) * 1.7)) + 0.5)
    X = np.maximum(X, 0)
    W0 = np.array([[0.3, 0.3, 0.4], [0.3, 0.4, 0.3], [0.4, 0.3, 0.3], [1.0, 1.0, 1.0], [1.0, 1.0, 1.0]])
    H0 = np.array([[30 + 5 * ((a * 7) % 5) for a in range(p)], [25 + 4 * ((a * 3) % 7) for a in range(p)],
                   [20 + 3 * ((a * 5) % 6) for a in range(p)]], dtype=float)
    fixed_W = -np.ones((m, k))
    fixed_W[0, 1] = 0.0  # element 0 absent from phase 1
    fixed_W[2, 0] = 0.0  # element 2 absent from phase 0
    return X, G, W0, H0, fixed_W, (ny, nx), list(range(e))


def run(X, G, W0, H0, fixed_W, shape, indices, lambda_L, mu, epsilon_reg, iters):
    L = laplacian(*shape)
    # espm NMFEstimator.remove_zeros_lines (no zero row or column here) and const_KL_
    const_KL = np.sum(X * np.log(np.maximum(X, log_shift))) - np.sum(X)
    W, H = np.maximum(W0, log_shift), np.maximum(H0, log_shift)
    losses = []
    for _ in range(iters):
        H = step_h(X, G, W, H, mu, epsilon_reg, lambda_L, L)
        W = step_w(X, G, W, H, indices, fixed_W)
        losses.append(loss(X, G, W, H, const_KL, mu, epsilon_reg, lambda_L, L))
    return W, H, np.array(losses)


def main():
    X, G, W0, H0, fixed_W, shape, indices = problem()
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "smoothnmf_reference.txt")
    blocks = [("X", X), ("G", G), ("W0", W0), ("H0", H0), ("fixedW", fixed_W)]
    for name, (lam, mu, eps) in (("case1", (3.0, 0.0, 1.0)), ("case2", (0.5, 2.0, 1.0))):
        W, H, losses = run(X, G, W0, H0, fixed_W, shape, indices, lam, mu, eps, 25)
        blocks += [(name + "_W", W), (name + "_H", H), (name + "_loss", losses.reshape(1, -1))]
        print(name, "loss[0] %.12g loss[-1] %.12g" % (losses[0], losses[-1]), "W\n", W)
    with open(out, "w") as f:
        for name, a in blocks:
            a = np.atleast_2d(a)
            f.write("%s %d %d\n" % (name, a.shape[0], a.shape[1]))
            for v in a.ravel():
                f.write("%.17g\n" % v)


if __name__ == "__main__":
    main()
