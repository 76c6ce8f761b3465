#!/usr/bin/python3
"""Reference drifts for TrackTest: scikit-image's phase_cross_correlation(frame 0, frame i, upsample_factor=100) on
../shared/data/images/SrTiO3_ABF_movie_5frames.hspy, with normalization "phase" and None. Run with Debian's
python3-hyperspy and python3-skimage: /usr/bin/python3 tools/abf_drift_reference.py ../../../shared/data/images"""
import sys
import hyperspy.api as hs
from skimage.registration import phase_cross_correlation

a = hs.load(sys.argv[1] + "/SrTiO3_ABF_movie_5frames.hspy").data.astype(float)
for norm in ("phase", None):
    print(norm, [list(phase_cross_correlation(a[0], a[i], upsample_factor=100, normalization=norm)[0]) for i in range(1, len(a))])
