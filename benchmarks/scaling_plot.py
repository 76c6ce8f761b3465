#!/usr/bin/python3
"""Table and log-log plot of benchmarks/scaling.sh's CSV(s): median time per (pixels, side, algorithm).

Prints a Markdown table (seconds, ratio HyperSpy / Tessera: above 1 means Tessera is faster, and the log-log slope
of each curve between the smallest and largest size) and writes a PNG: one panel per algorithm, time vs pixels on
log-log axes, Tessera and HyperSpy / scikit-learn, with a dotted line of slope 1 (linear cost) for reference.

Several CSVs (e.g. of repeated runs) are pooled: the median is over all their rows.

Usage: /usr/bin/python3 scaling_plot.py SCALING.csv [MORE.csv...] OUT.png
"""
import csv
import statistics
import sys
from collections import defaultdict

import numpy as np
import matplotlib
import matplotlib.ticker

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

ALGS = (("pca", "full PCA (SVD)"), ("nmf", "NMF rank 3"), ("kmeans", "k-means k=4 on 3 PCA scores"))
SIDES = (("tessera", "Tessera", "o-"), ("hyperspy", "HyperSpy 1.7.3 / scikit-learn", "s--"))
t = defaultdict(list)
channels = set()
if len(sys.argv) < 3:
    sys.exit("usage: scaling_plot.py SCALING.csv [MORE.csv...] OUT.png")
for path in sys.argv[1:-1]:
    for r in csv.DictReader(open(path)):
        t[(int(r["pixels"]), r["side"], r["algorithm"])].append(float(r["seconds"]))
        channels.add(r["channels"])
med = {k: statistics.median(v) for k, v in t.items()}
pixels = sorted({k[0] for k in med})
print("timings per point: %s" % sorted({len(v) for v in t.values()}))
print("| pixels | " + " | ".join("%s Tessera s | %s HyperSpy s | ratio H/T" % (a, a) for a, _ in ALGS) + " |")
print("|---|" + "---|---|---|" * len(ALGS))
for n in pixels:
    cells = []
    for a, _ in ALGS:
        tt, hh = med.get((n, "tessera", a)), med.get((n, "hyperspy", a))
        cells += ["%.3f" % tt if tt else "-", "%.3f" % hh if hh else "-", "%.2f" % (hh / tt) if tt and hh else "-"]
    print("| %d (%d^2) | %s |" % (n, round(n ** 0.5), " | ".join(cells)))
if len(pixels) > 1:
    slopes = []
    for a, _ in ALGS:
        for s, label, _ in SIDES:
            v = [med.get((n, s, a)) for n in (pixels[0], pixels[-1])]
            if all(v):
                slopes.append("%s %s %.2f" % (a, s, np.log(v[1] / v[0]) / np.log(pixels[-1] / pixels[0])))
    print("log-log slope %d -> %d pixels: %s" % (pixels[0], pixels[-1], ", ".join(slopes)))

fig, axes = plt.subplots(1, len(ALGS), figsize=(13, 4.2))
for ax, (a, title) in zip(axes, ALGS):
    for s, label, style in SIDES:
        xs = [n for n in pixels if (n, s, a) in med]
        ax.loglog(xs, [med[(n, s, a)] for n in xs], style, label=label)
    ys = [med[k] for k in med if k[2] == a]
    if ys:
        x0 = pixels[0]
        ref = min(ys)
        ax.loglog(pixels, [ref * n / x0 for n in pixels], ":", color="grey", label="slope 1 (linear)")
    ax.set_title(title)
    ax.set_xlabel("pixels (x %s channels)" % "/".join(sorted(channels)))
    ax.set_xticks(pixels)
    ax.set_xticklabels(["%d$^2$" % round(n ** 0.5) for n in pixels])
    ax.xaxis.set_minor_locator(matplotlib.ticker.NullLocator())
    ax.grid(True, which="major", alpha=0.3)
axes[0].set_ylabel("time, s (median)")
axes[0].legend(fontsize=8)
fig.suptitle("Tessera vs HyperSpy / scikit-learn: kernel time vs number of pixels (benchmarks/scaling.sh)")
fig.tight_layout()
fig.savefig(sys.argv[-1], dpi=100)
print("wrote", sys.argv[-1])
