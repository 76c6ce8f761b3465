"""Reference moments for BayesianUnmixingTest (tessera.decompose.bayesian), by SciPy.

Run: /usr/bin/python3 benchmarks/peers/bayes_truncnorm_reference.py
Prints the posterior mean and sd of a_0 for the k = 2, known-noise cases of
knownNoiseTwoEndmembersMatchTheTruncatedGaussian (N(x*, sd^2) truncated to [0, 1],
scipy.stats.truncnorm.stats) and of the Jeffreys case of
jeffreysNoiseTwoEndmembersMatchTheTruncatedStudent (density (rmin + c (x - x*)^2)^(-p/2)
on [0, 1] = Student t with p - 1 degrees of freedom, scale sqrt(rmin / (c (p - 1))),
truncated: scipy.stats.t moments by scipy.integrate.quad).
"""
import numpy as np
import scipy
from scipy import integrate, stats

print("scipy", scipy.__version__)
for xs, sd in [(0.4, 0.2), (0.02, 0.1), (-0.3, 0.1), (1.3, 0.05), (0.5, 0.01)]:
    a, b = (0 - xs) / sd, (1 - xs) / sd
    m, v = stats.truncnorm.stats(a, b, loc=xs, scale=sd, moments="mv")
    print(f"known sigma x*={xs} sd={sd}: mean {float(m):.9f} sd {float(np.sqrt(v)):.9f}")

g = np.array([[4.0, 1.0], [1.0, 3.0]])
c = g[0, 0] - 2 * g[0, 1] + g[1, 1]
p, rmin, xs = 6, 0.2, 0.1
t = stats.t(df=p - 1, loc=xs, scale=np.sqrt(rmin / (c * (p - 1))))
z = t.cdf(1) - t.cdf(0)
m = integrate.quad(lambda x: x * t.pdf(x), 0, 1, epsabs=1e-13)[0] / z
v = integrate.quad(lambda x: (x - m) ** 2 * t.pdf(x), 0, 1, epsabs=1e-13)[0] / z
print(f"Jeffreys: mean {m:.9f} sd {np.sqrt(v):.9f}")
