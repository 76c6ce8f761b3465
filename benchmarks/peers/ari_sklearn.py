# Reference values for tessera.cluster.tests.AriTest: sklearn 1.2.1 adjusted_rand_score.
# Run with /usr/bin/python3 benchmarks/peers/ari_sklearn.py
from sklearn.metrics import adjusted_rand_score as ari

cases = {
    "identicalPermuted": ([0, 0, 1, 1, 2, 2], [5, 5, 3, 3, -1, -1]),
    "partial": ([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2]),
    "noise": ([-1, -1, 0, 0, 1, 1, 1, 2], [-1, 0, 0, 0, 1, 1, 2, 2]),
    "negative": ([0, 0, 1, 1], [0, 1, 0, 1]),
    "oneCluster": ([0, 0, 0, 0], [1, 1, 1, 1]),
    "singletonsVsOne": ([0, 1, 2, 3], [0, 0, 0, 0]),
}
for name, (a, b) in cases.items():
    print(name, repr(ari(a, b)))
# a longer deterministic case: a[i] = (i * 7) % 5, b[i] = (i * i + 3) % 4 - 1, i in [0, 200)
a = [(i * 7) % 5 for i in range(200)]
b = [(i * i + 3) % 4 - 1 for i in range(200)]
print("formula", repr(ari(a, b)))
a = [i // 40 for i in range(200)]
b = [(i // 40) if i % 9 else -1 for i in range(200)]
print("blocks", repr(ari(a, b)))
