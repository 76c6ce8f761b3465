#!/usr/bin/python3
"""Writes the Velox EMD fuzz seeds of tests/fuzz (ReaderFuzzTestInputs/velox/): small files in the layout Velox writes
(Thermo Fisher's EMD: /Version JSON, /Data/Image/<id>/Data [y, x, frame] with its per-frame Metadata JSON as a
uint8 [bytes, frames] array, /Data/Spectrum/<id>/Data, /Data/Text), with values and metadata of our own; no
third-party file is copied. Layout as RosettaSciIO's and HyperSpy 1.7.3's Velox readers read it (emd.py, FeiEMDReader).

Usage: /usr/bin/python3 tests/fuzz/make_velox_seeds.py tests/fuzz/src/test/resources/tessera/fuzz/ReaderFuzzTestInputs/velox
"""
import json
import os
import sys

import h5py
import numpy as np


def meta(d, frames, size=1200):
    b = json.dumps(d).encode()
    a = np.zeros((size, frames), dtype=np.uint8)
    a[:len(b), :] = np.frombuffer(b, dtype=np.uint8)[:, None]
    return a


def common():
    return {"Instrument": {"Manufacturer": "seed", "InstrumentModel": "Titan"},
            "Acquisition": {"AcquisitionStartDatetime": {"DateTime": "1765155600"}},
            "Optics": {"AccelerationVoltage": "300000", "CameraLength": "0.1", "NominalMagnification": "100000",
                       "BeamConvergence": "0.02"},
            "Stage": {"AlphaTilt": "0.01", "BetaTilt": "0", "Position": {"x": "0", "y": "0", "z": "0"}}}


def write(path, image_frames, spectrum, image=True, stream=False):
    with h5py.File(path, "w") as h:
        h.create_dataset("Version", data=np.array([json.dumps({"version": "8", "format": "Velox"}).encode()], dtype=object),
                         dtype=h5py.string_dtype())
        if image:
            write_image(h.create_group("Data/Image/0a1b2c3d4e5f60718293a4b5c6d7e8f9"), image_frames)
        if spectrum:
            write_spectrum(h)
        if stream:
            write_stream(h)


def write_image(img, image_frames):
    data = (np.arange(3 * 4 * image_frames, dtype=np.int16) - 5).reshape(3, 4, image_frames)
    img.create_dataset("Data", data=data)
    m = common()
    m["BinaryResult"] = {"PixelSize": {"width": "2e-10", "height": "2e-10"}, "PixelUnitX": "m", "PixelUnitY": "m",
                         "Offset": {"x": "0", "y": "0"}, "Detector": "HAADF", "DetectorIndex": "0"}
    m["Detectors"] = {"Detector-0": {"DetectorName": "HAADF", "ExposureTime": "0.5"}}
    m["Scan"] = {"DwellTime": "1e-5", "FrameTime": "0.2"}
    img.create_dataset("Metadata", data=meta(m, image_frames))


def eds_detector(m):
    m["BinaryResult"] = {"Detector": "SuperXG21", "DetectorIndex": "1", "Offset": "-500", "Dispersion": "10"}
    m["Detectors"] = {"Detector-1": {"DetectorName": "SuperXG21", "DetectorType": "AnalyticalDetector",
                                      "ElevationAngle": "0.3", "Dispersion": "10", "OffsetEnergy": "-500",
                                      "RealTime": "1", "LiveTime": "0.9"}}
    return m


def write_stream(h):
    """A 3 x 4 scan of one frame: per pixel the channels of its X-ray events, then 65535 (next pixel)."""
    ev = []
    for p in range(12):
        ev += [(p * 3 + k) % 8 for k in range(p % 3)] + [65535]
    st = h.create_group("Data/SpectrumStream/2a1b2c3d4e5f60718293a4b5c6d7e8f9")
    st.create_dataset("Data", data=np.array(ev, dtype=np.uint16))
    st.create_dataset("AcquisitionSettings", data=np.array([json.dumps({"bincount": 8, "encoding": "uint16"}).encode()], dtype=object),
                      dtype=h5py.string_dtype())
    st.create_dataset("Metadata", data=meta(eds_detector(common()), 1))
    si = h.create_group("Data/SpectrumImage/3a1b2c3d4e5f60718293a4b5c6d7e8f9")
    si.create_dataset("SpectrumImageSettings", data=np.array([json.dumps({"endFramePosition": 1}).encode()], dtype=object),
                      dtype=h5py.string_dtype())


def write_spectrum(h):
    sp = h.create_group("Data/Spectrum/1a1b2c3d4e5f60718293a4b5c6d7e8f9")
    sp.create_dataset("Data", data=np.array([[0], [3], [9], [4], [1], [0], [2], [7]], dtype=np.int32))
    sp.create_dataset("Metadata", data=meta(eds_detector(common()), 1))


out = sys.argv[1] if len(sys.argv) > 1 else "."
os.makedirs(out, exist_ok=True)
write(os.path.join(out, "image_stack.emd"), 2, False)
write(os.path.join(out, "spectrum.emd"), 1, True, image=False)
write(os.path.join(out, "eds_stream.emd"), 1, False, stream=True)  # the scan shape comes from its HAADF image
print("wrote", sorted(os.listdir(out)))
