#!/usr/bin/python3
"""Generates expected_hyperspy.json: what HyperSpy 1.7.3 reads from every Velox EMD test file.

Run with the system Python that has HyperSpy 1.7.3 (Debian python3-hyperspy), in UTC so dates do not depend on the
machine's time zone:
    TZ=UTC /usr/bin/python3 tests/tessera.io.emd.tests/resources/velox/make_expected.py [DATA_DIR]
DATA_DIR defaults to ../shared/data beside the checkout. Files: formats/emd/{fei_example_*,FFTComplex*}.emd,
formats/velox/*.zip (extracted into a temporary folder) and edx/velox_EDS_SrTiO3_spectra.emd.

HyperSpy 1.7.3 cannot open Velox EMD version 11 files (it expects an /Operations group, which version 11 moved to
/SharedProperties, and it raises IndexError on a "pruned" file without spectrum streams). For those files this script
patches two methods of its reader so that a missing group is read as empty and a pruned file skips the spectrum image
(RosettaSciIO's behaviour, rsciio/emd/_emd_velox.py); the arrays and axes are HyperSpy 1.7.3's own. The titles of
version-11 element maps (which 1.7.3 cannot name) are asserted in the Java test from RosettaSciIO's test_emd_velox.py.

Per signal the output holds the shape, dtype, every axis (name, size, scale, offset, units, navigate), the title and
signal type, selected metadata, and the data as: count, sum, an index-weighted checksum sum(v * (i % 1009 + 1)) over
the C-order flattening (real part for complex), the imaginary sum for complex, and the first 64 values.
"""
import glob
import json
import logging
import os
import sys
import tempfile
import zipfile

import numpy as np
import hyperspy
import hyperspy.api as hs
import hyperspy.io_plugins.emd as emd

logging.disable(logging.WARNING)

_parse_group = emd.FeiEMDReader._parse_metadata_group


def _parse_group_or_empty(self, group, name):
    if group is None:
        self.original_metadata.update({name: {}})
        return None
    return _parse_group(self, group, name)


_parse_display = emd.FeiEMDReader._parse_image_display


def _parse_display_if_present(self):
    if self.p_grp is None or self.p_grp.get("Displays/ImageDisplay") is None:
        return None
    return _parse_display(self)


_read_stream = emd.FeiEMDReader._read_spectrum_stream


def _read_stream_unless_pruned(self):
    grp = self.d_grp.get("SpectrumStream")
    if grp is None or len(grp.keys()) == 0:
        return None
    return _read_stream(self)


emd.FeiEMDReader._parse_metadata_group = _parse_group_or_empty
emd.FeiEMDReader._parse_image_display = _parse_display_if_present
emd.FeiEMDReader._read_spectrum_stream = _read_stream_unless_pruned

here = os.path.dirname(os.path.abspath(__file__))
data = sys.argv[1] if len(sys.argv) > 1 else os.path.normpath(os.path.join(here, "../../../../../shared/data"))
tmp = tempfile.mkdtemp()
files = sorted(glob.glob(os.path.join(data, "formats/emd/fei_example_*.emd"))) + \
    sorted(glob.glob(os.path.join(data, "formats/emd/FFTComplex*.emd"))) + \
    [os.path.join(data, "edx/velox_EDS_SrTiO3_spectra.emd")]
zipped = {}
for z in sorted(glob.glob(os.path.join(data, "formats/velox/*.zip"))):
    with zipfile.ZipFile(z) as zf:
        for name in zf.namelist():
            if name.endswith(".emd"):
                zf.extract(name, tmp)
                zipped[os.path.join(tmp, name)] = os.path.relpath(z, data) + "!" + name


def text(v):
    return "" if v is None or str(v) == "<undefined>" else str(v)


def md_get(md, path):
    try:
        return md.get_item(path)
    except Exception:
        return None


KEYS = ["Acquisition_instrument.TEM.beam_energy", "Acquisition_instrument.TEM.camera_length",
        "Acquisition_instrument.TEM.magnification", "Acquisition_instrument.TEM.microscope",
        "Acquisition_instrument.TEM.Stage.tilt_alpha", "Acquisition_instrument.TEM.Stage.tilt_beta",
        "Acquisition_instrument.TEM.Stage.x", "Acquisition_instrument.TEM.Stage.y", "Acquisition_instrument.TEM.Stage.z",
        "Sample.elements", "General.date", "General.time"]

out = {"generator": "HyperSpy %s (hyperspy.io_plugins.emd FeiEMDReader) via make_expected.py" % hyperspy.__version__,
       "files": {}}
for f in files + sorted(zipped):
    r = hs.load(f)
    if not isinstance(r, list):
        r = [r]
    signals = []
    for s in r:
        a = np.asarray(s.data)
        flat = a.ravel()
        w = (np.arange(flat.size) % 1009 + 1).astype(np.float64)
        real = np.real(flat).astype(np.float64)
        entry = {
            "shape": list(a.shape), "dtype": str(a.dtype),
            "title": text(s.metadata.General.title), "signal_type": text(s.metadata.Signal.signal_type),
            "axes": [{"name": text(x.name), "size": int(x.size), "scale": float(x.scale), "offset": float(x.offset),
                      "units": text(x.units), "navigate": bool(x.navigate)} for x in s.axes_manager._axes],
            "count": int(flat.size), "sum": float(real.sum()), "checksum": float((real * w).sum()),
            "first": [float(v) for v in real[:64]],
            "metadata": {},
        }
        if np.iscomplexobj(a):
            entry["imag_sum"] = float(np.imag(flat).astype(np.float64).sum())
        md = s.metadata
        for k in KEYS:
            v = md_get(md, k)
            if v is not None:
                entry["metadata"][k] = v if isinstance(v, (list, str, int, float)) else float(v)
        signals.append(entry)
    key = zipped.get(f, os.path.relpath(f, data))
    out["files"][key] = signals
with open(os.path.join(here, "expected_hyperspy.json"), "w") as fh:
    json.dump(out, fh, indent=1, sort_keys=True)
print("wrote", len(out["files"]), "files")
