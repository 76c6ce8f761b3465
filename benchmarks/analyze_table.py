#!/usr/bin/python3
"""Table of benchmarks/analyze_vs_hyperspy.sh: medians of its CSV, per input, and a comparison of the results.

Rows: the steps (Tessera's names; HyperSpy's report-pca and report, written before and after its NMF, are summed into
report), "start-up, other" (wall clock minus the steps' sum), the whole command (wall clock) and the peak RSS.
Columns: Tessera, HyperSpy compute only, HyperSpy same outputs (medians over the runs), and the ratios
HyperSpy / Tessera (above 1: Tessera faster); the compute-only ratio of the whole command compares Tessera's full
command (with its report) against HyperSpy without one, so it is the conservative one.
Then, from the last run's output folders: cluster sizes and the adjusted Rand index of Tessera's and HyperSpy's
label maps, and the top-3 PCA explained-variance ratios of both.

Usage: /usr/bin/python3 analyze_table.py RUNS.csv WORKDIR
"""
import csv
import os
import statistics
import sys
import warnings

warnings.filterwarnings("ignore")
import h5py  # noqa: E402
import numpy as np  # noqa: E402

SIDES = ("tessera", "hyperspy-compute", "hyperspy-outputs")
STEPS = ("read", "crop", "counts", "pca", "elbow", "nmf", "cluster", "report")


def steps_of(text):
    out = {}
    for item in filter(None, text.split(";")):
        k, v = item.rsplit("=", 1)
        k = "report" if k.startswith("report") else k
        out[k] = out.get(k, 0.0) + float(v)
    return out


def med(values):
    return statistics.median(values) if values else float("nan")


def first_data(path, group=None):
    with h5py.File(path, "r") as f:
        exp = f["Experiments"]
        name = group if group is not None else next(iter(exp))
        return np.array(exp[name]["data"])


rows = list(csv.DictReader(open(sys.argv[1])))
work = sys.argv[2]
for name in dict.fromkeys(r["input"] for r in rows):
    rs = [r for r in rows if r["input"] == name]
    by = {s: [r for r in rs if r["side"] == s] for s in SIDES}
    loads = [float(r["load1"]) for r in rs]
    print("## %s: %s  (%d runs; load average before the commands %.2f - %.2f)" % (
        name, rs[0]["file"], len(by["tessera"]), min(loads), max(loads)))
    print("| %-22s | %10s | %13s | %13s | %10s | %10s |" % ("step", "Tessera", "HyperSpy", "HyperSpy", "ratio H/T", "ratio H/T"))
    print("| %-22s | %10s | %13s | %13s | %10s | %10s |" % ("", "s", "compute only", "same outputs", "compute", "outputs"))
    print("|%s|" % "|".join("-" * w for w in (24, 12, 15, 15, 12, 12)))

    def line(label, vals, fmt="%.2f"):
        t, c, o = vals
        cells = [fmt % v if v == v else "-" for v in (t, c, o)]
        rat = ["%.2f" % (v / t) if v == v and t == t and t > 0 and v > 0 else "-" for v in (c, o)]
        print("| %-22s | %10s | %13s | %13s | %10s | %10s |" % (label, *cells, *rat))

    parsed = {s: [steps_of(r["steps"]) for r in by[s]] for s in SIDES}
    for st in STEPS:
        vals = []
        for s in SIDES:
            v = [p[st] for p in parsed[s] if st in p]
            vals.append(med(v) if v else float("nan"))
        line(st, vals)
    line("start-up, other", [med([float(r["wall_s"]) - sum(p.values()) for r, p in zip(by[s], parsed[s])]) for s in SIDES])
    line("whole command (wall)", [med([float(r["wall_s"]) for r in by[s]]) for s in SIDES])
    line("peak RSS, MB", [med([int(r["rss_kb"]) / 1024 for r in by[s]]) for s in SIDES], "%.0f")
    walls = {s: sorted(float(r["wall_s"]) for r in by[s]) for s in SIDES}
    print("all wall clocks (s): " + "; ".join("%s %s" % (s, " ".join("%.1f" % w for w in walls[s])) for s in SIDES))
    tdir, hdir = os.path.join(work, "out-%s-tessera" % name), os.path.join(work, "out-%s-hyperspy" % name)
    try:
        from sklearn.metrics import adjusted_rand_score
        tl = first_data(os.path.join(tdir, "results.hspy"), "Cluster labels").ravel()
        hl = first_data(os.path.join(hdir, "cluster_labels.hspy")).ravel()
        tev = first_data(os.path.join(tdir, "results.hspy"), "PCA explained variance ratio")[:3]
        hev = first_data(os.path.join(hdir, "pca_explained_variance_ratio.hspy"))[:3]
        print("results: cluster sizes Tessera %s, HyperSpy %s, adjusted Rand index %.4f; PCA explained-variance ratio "
              "(top 3) Tessera %s, HyperSpy %s" % (
                  sorted(np.bincount(tl.astype(int)).tolist(), reverse=True),
                  sorted(np.bincount(hl.astype(int)).tolist(), reverse=True), adjusted_rand_score(tl, hl),
                  np.array2string(tev, precision=5), np.array2string(hev, precision=5)))
    except (OSError, KeyError, StopIteration) as e:
        print("results: not compared (%s)" % e)
    print()
