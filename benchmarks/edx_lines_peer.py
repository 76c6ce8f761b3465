# HyperSpy side of benchmarks/edx_lines_vs_hyperspy.sh: loads FILE (not timed), then times REPEAT runs of
#   bw = s.estimate_background_windows(); I = s.get_lines_intensity(background_windows=bw)
#   s.quantification(I, "CL", k, navigation_mask=None)      (no vacuum mask: Tessera has none)
# and prints "hyperspy lines <first> <median> cl <first> <median> total <first> <median>" (seconds) and the results'
# check sums. Usage: /usr/bin/python3 edx_lines_peer.py REPEAT FILE K1,K2,...
import sys
import time
import warnings

import numpy as np
import hyperspy.api as hs

warnings.filterwarnings("ignore")
repeat, path, k = int(sys.argv[1]), sys.argv[2], [float(x) for x in sys.argv[3].split(",")]
s = hs.load(path)
t_lines, t_cl = [], []
for _ in range(repeat):
    t0 = time.perf_counter()
    bw = s.estimate_background_windows()
    I = s.get_lines_intensity(background_windows=bw)
    t1 = time.perf_counter()
    c = s.quantification(I, "CL", k, navigation_mask=None)
    t2 = time.perf_counter()
    t_lines.append(t1 - t0)
    t_cl.append(t2 - t1)
tot = [a + b for a, b in zip(t_lines, t_cl)]
print("hyperspy lines %.4f %.4f cl %.4f %.4f total %.4f %.4f" % (t_lines[0], np.median(t_lines), t_cl[0], np.median(t_cl), tot[0], np.median(tot)))
print("hyperspy check", " ".join("%s=%.6g" % (i.metadata.Sample.xray_lines[0], float(i.data.sum())) for i in I),
      " ".join("%s=%.6g" % (x.metadata.Sample.xray_lines[0], float(x.data.mean())) for x in c))
