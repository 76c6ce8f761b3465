#!/usr/bin/python3
"""Generates expected_hyperspy.json: what HyperSpy 1.7.3 reads from every HyperSpy HDF5
test file. Run once with the system python that has HyperSpy 1.7.3:

    /usr/bin/python3 tests/tessera.io.hspy.tests/resources/make_expected.py /work/shared/data

Paths in the JSON are relative to the data root (system property tessera.data)."""
import glob, json, os, sys, warnings, logging
warnings.filterwarnings("ignore")
logging.disable(logging.WARNING)
import numpy as np
import hyperspy
import hyperspy.api as hs

root = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data"
files = (sorted(glob.glob(root + "/formats/hspy/*")) + sorted(glob.glob(root + "/eels/*.hspy"))
         + sorted(glob.glob(root + "/eels/deconvolution_Si/*.hspy")) + sorted(glob.glob(root + "/edx/*.hspy"))
         + sorted(glob.glob(root + "/images/*.hspy")))

def txt(v):
    return "" if v is None or not isinstance(v, str) else v

def num(md, path):
    v = md.get_item(path) if md.has_item(path) else None
    try:
        return None if v is None else float(v)
    except (TypeError, ValueError):
        return None

out = []
for f in files:
    signals = hs.load(f)
    if not isinstance(signals, list):
        signals = [signals]
    for k, s in enumerate(signals):
        data = s.data
        dtype = str(data.dtype)
        if data.dtype.names:  # rgb(a) compound: Tessera reads it as uintN with a last channel axis
            data = np.stack([data[n] for n in data.dtype.names], axis=-1)
            dtype = "rgba16" if data.dtype == np.uint16 else "rgba8"
        flat = data.reshape(-1)
        n = flat.size
        idx = sorted(set([0, n // 3, n // 2, (2 * n) // 3, n - 1]))
        axes = [{"name": txt(a.name), "size": int(a.size), "scale": float(a.scale), "offset": float(a.offset),
                 "units": txt(a.units), "navigate": bool(a.navigate)} for a in s.axes_manager._axes]
        md = s.metadata
        els = md.get_item("Sample.elements") if md.has_item("Sample.elements") else []
        out.append({
            "file": os.path.relpath(f, root), "index": k, "dtype": dtype, "shape": list(data.shape),
            "axes": axes, "sum": float(np.sum(flat.astype(np.float64))),
            "values": {str(i): float(flat[i]) for i in idx},
            "title": md.General.title, "signal_type": md.get_item("Signal.signal_type") or "",
            "beam_energy": num(md, "Acquisition_instrument.TEM.beam_energy") if md.has_item("Acquisition_instrument.TEM.beam_energy") else num(md, "Acquisition_instrument.SEM.beam_energy"),
            "convergence_angle": num(md, "Acquisition_instrument.TEM.convergence_angle"),
            "collection_angle": num(md, "Acquisition_instrument.TEM.Detector.EELS.collection_angle"),
            "elements": [str(e) for e in els],
            "original_metadata_keys": sorted(s.original_metadata.as_dictionary().keys()),
        })
json.dump({"hyperspy": hyperspy.__version__, "signals": out}, open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "expected_hyperspy.json"), "w"), indent=1, ensure_ascii=False)
print(len(out), "signals from", len(files), "files")

# A HyperSpy-layout file whose 'data' claims 10^6 x 10^6 float64 (8 TB) in chunks that were
# never written: the file is a few kB. The reader must refuse it before allocating.
import h5py
with h5py.File(os.path.join(os.path.dirname(os.path.abspath(__file__)), "lying_header.hspy"), "w") as h:
    h.attrs["file_format"] = "HyperSpy"
    h.attrs["file_format_version"] = "3.1"
    g = h.create_group("Experiments/huge")
    g.create_dataset("data", shape=(1000000, 1000000), dtype="float64", chunks=(1000, 1000), compression="gzip")
    for i in range(2):
        a = g.create_group("axis-%d" % i)
        a.attrs["size"] = 1000000
        a.attrs["scale"] = 1.0
        a.attrs["offset"] = 0.0
        a.attrs["navigate"] = i == 0
    g.create_group("metadata/General").attrs["title"] = "huge"
    g.create_group("original_metadata")
print("wrote lying_header.hspy")
