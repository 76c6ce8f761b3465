# HyperSpy 1.7.3 peer of benchmarks/io_report_vs_hyperspy.sh: hs.load (non-lazy, data in memory) of each file, timed
# in this one process after `import hyperspy.api`: the first load (what a script pays) and the median of REPEAT loads.
# Usage: /usr/bin/python3 hyperspy_load.py REPEAT FILE...   Prints one line per file: "<file> first <s> median <s>".
import sys, time, statistics
import hyperspy.api as hs

repeat = int(sys.argv[1])
for f in sys.argv[2:]:
    ts = []
    for i in range(repeat):
        t0 = time.perf_counter()
        s = hs.load(f)
        ts.append(time.perf_counter() - t0)
    print(f"{f} first {ts[0]:.3f} median {statistics.median(ts):.3f}")
