#!/usr/bin/python3
"""Generates the small TIFF test fixtures of tessera.io.tiff (each well under 100 kB).

Run with the system Python that has tifffile 2023.2.3 and HyperSpy 1.7.3:
    /usr/bin/python3 tests/tessera.io.tiff.tests/resources/make_fixtures.py
Writes tests/tessera.io.tiff.tests/resources/tiff/*.tif. The values are deterministic
(seeded). The vendor-tag fixtures (DigitalMicrograph 65003-65025, FEI/Thermo 34682
FEI_HELIOS, Zeiss 34118 CZ_SEM) carry synthetic content shaped like the files of
RosettaSciIO's test_tiff.py (tags as tifffile reads them); they are not vendor files.
The fixtures in tiff-codecs/ use codecs the installed tifffile cannot decode without imagecodecs
(so HyperSpy cannot read them here): LZW written by Pillow/libtiff, and Deflate with the floating-point
predictor (predictor 3, Adobe TIFF Technical Note 3) encoded here and checked by decoding it with
Pillow/libtiff; each has an uncompressed twin in tiff/ that HyperSpy reads.
The PackBits fixture is assembled here by hand (tifffile needs imagecodecs to encode
PackBits), with a minimal little-endian baseline TIFF layout.
"""
import logging
import os
import struct
import zlib

import numpy as np
import tifffile

logging.disable(logging.WARNING)
here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, "tiff")
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(16)


def p(name):
    return os.path.join(out, name)


# plain baseline images: 8/16/32-bit integers, float32, float64, both byte orders, strips and tiles
tifffile.imwrite(p("u8.tif"), rng.integers(0, 256, (12, 16), dtype=np.uint8), metadata=None)
tifffile.imwrite(p("i8.tif"), rng.integers(-128, 128, (10, 7), dtype=np.int8), metadata=None)
tifffile.imwrite(p("u16_be.tif"), rng.integers(0, 65536, (9, 11), dtype=np.uint16), byteorder=">", metadata=None)
tifffile.imwrite(p("i16.tif"), rng.integers(-32768, 32768, (8, 13), dtype=np.int16), metadata=None,
                 rowsperstrip=3)
tifffile.imwrite(p("u32.tif"), rng.integers(0, 2**32, (6, 5), dtype=np.uint32), metadata=None)
tifffile.imwrite(p("i32_be.tif"), rng.integers(-2**31, 2**31, (7, 9), dtype=np.int32), byteorder=">",
                 metadata=None)
tifffile.imwrite(p("f32_tiled.tif"), rng.normal(size=(40, 36)).astype(np.float32), tile=(16, 16), metadata=None)
tifffile.imwrite(p("f64_deflate.tif"), rng.normal(size=(20, 24)), compression="zlib", metadata=None,
                 rowsperstrip=7)
tifffile.imwrite(p("u16_deflate_predictor.tif"), rng.integers(0, 4000, (15, 17), dtype=np.uint16),
                 compression="zlib", predictor=True, metadata=None)
tifffile.imwrite(p("bigtiff_f32.tif"), rng.normal(size=(6, 8)).astype(np.float32), bigtiff=True, metadata=None)
# 8-bit RGB and RGBA (chunky), which HyperSpy reads as rgb8 / rgba8
tifffile.imwrite(p("rgb_u8.tif"), rng.integers(0, 256, (5, 6, 3), dtype=np.uint8), photometric="rgb", metadata=None)
tifffile.imwrite(p("rgba_u8.tif"), rng.integers(0, 256, (4, 3, 4), dtype=np.uint8), photometric="rgb",
                 extrasamples=["unassalpha"], metadata=None)
# multi-page stack: five uint16 pages, one series with an image-series navigation axis
tifffile.imwrite(p("stack_u16.tif"), rng.integers(0, 1000, (5, 10, 12), dtype=np.uint16), metadata=None)
# pages of two sizes, interleaved (A, B, A): two series, the A pages forming a stack (tifffile's generic series)
with tifffile.TiffWriter(p("two_series_u8.tif")) as tw:
    for shape in ((6, 8), (3, 4), (6, 8)):
        tw.write(rng.integers(0, 256, shape, dtype=np.uint8), metadata=None)
# a DateTime tag
tifffile.imwrite(p("datetime_u8.tif"), rng.integers(0, 256, (4, 6), dtype=np.uint8), metadata=None,
                 datetime="2021:03:04 05:06:07")
# ImageJ hyperstacks: nm (HyperSpy 1.7.3 keeps the scale, drops the unit) and micron (unit µm)
tifffile.imwrite(p("imagej_nm_stack.tif"), rng.normal(size=(3, 8, 10)).astype(np.float32), imagej=True,
                 resolution=(1 / 0.25, 1 / 0.5), metadata={"unit": "nm", "spacing": 2.5, "axes": "ZYX"})
tifffile.imwrite(p("imagej_micron.tif"), rng.integers(0, 256, (9, 7), dtype=np.uint8), imagej=True,
                 resolution=(1 / 0.125, 1 / 0.125), metadata={"unit": "micron"})
# DigitalMicrograph calibration tags, as DM's TIFF export and HyperSpy's writer name them
dm = [(65003, "s", 0, "nm", False), (65004, "s", 0, "nm", False),
      (65006, "d", 1, -1.5, False), (65007, "d", 1, 2.25, False),
      (65009, "d", 1, 0.05, False), (65010, "d", 1, 0.075, False),
      (65022, "s", 0, "Counts", False), (65024, "d", 1, 10.0, False), (65025, "d", 1, 2.5, False)]
tifffile.imwrite(p("dm_tags_f32.tif"), rng.normal(size=(6, 9)).astype(np.float32), extratags=dm, metadata=None)
# FEI/Thermo Helios: INI text in tag 34682 (FEI_HELIOS)
fei = "\r\n".join([
    "[User]", "Date=12/15/2015", "Time=10:48:21 AM", "User=supervisor",
    "[System]", "SystemType=Helios NanoLab", "Type=DualBeam",
    "[Beam]", "HV=5000", "Beam=EBeam",
    "[EBeam]", "BeamCurrent=1.00e-10", "HFW=1.2e-05",
    "[Scan]", "PixelWidth=1.2e-08", "PixelHeight=1.2e-08", "Dwelltime=3e-06",
    "[Stage]", "StageX=0.0020", "StageY=-0.0015", "StageZ=0.0079", "StageR=0", "StageT=0",
    "WorkingDistance=0.00415",
    "[Image]", "ResolutionX=10", "ResolutionY=8", ""])
tifffile.imwrite(p("fei_helios_u8.tif"), rng.integers(0, 256, (8, 10), dtype=np.uint8), metadata=None,
                 extratags=[(34682, "s", 0, fei, False)])
# Zeiss SEM: CZ_SEM text in tag 34118 (unnamed values first, then UPPER-CASE keys each followed by "name = value unit")
cz = "\r\n".join([
    "0", "0", "0", "5.0e-09", "0", "0",
    "AP_ACTUALKV", "EHT = 15.00 kV",
    "AP_MAG", "Mag = 10.00 K X",
    "AP_WD", "WD = 8.5 mm",
    "AP_STAGE_AT_X", "Stage at X = 55.5 mm",
    "AP_STAGE_AT_Y", "Stage at Y = 1234.5 µm",
    "AP_STAGE_AT_Z", "Stage at Z = 30.1 mm",
    "AP_STAGE_AT_R", "Stage at R = 45.0 °",
    "AP_STAGE_AT_T", "Stage at T = 0.0 °",
    "DP_DWELL_TIME", "Dwell Time = 100 ns",
    "AP_IPROBE", "I Probe = 200 pA",
    "DP_DETECTOR_TYPE", "Detector = SE2",
    "SV_SERIAL_NUMBER", "Serial No. = 4321-01",
    "SV_USER_NAME", "User Name = EMUSER",
    "AP_DATE", "Date :22 Feb 2019",
    "AP_TIME", "Time :14:33:01",
    ""])
tifffile.imwrite(p("zeiss_u16.tif"), rng.integers(0, 65536, (8, 16), dtype=np.uint16), metadata=None,
                 extratags=[(34118, "s", 0, cz.encode("latin-1"), False)])
# files written by HyperSpy's own TIFF writer: an image and a stack (nm calibration, offsets, DM + ImageJ tags)
import hyperspy.api as hs  # noqa: E402

s = hs.signals.Signal2D(rng.normal(size=(10, 12)).astype(np.float32))
for ax, sc, off in zip(s.axes_manager.signal_axes, (0.25, 0.125), (1.0, -2.0)):
    ax.scale, ax.offset, ax.units = sc, off, "nm"
s.metadata.General.title = "hyperspy image"
s.save(p("hyperspy_f32.tif"), overwrite=True)
st = hs.signals.Signal2D(rng.integers(0, 500, (4, 6, 8)).astype(np.uint16))
st.axes_manager[0].scale, st.axes_manager[0].units, st.axes_manager[0].offset = 3.0, "s", 0.5
for ax in st.axes_manager.signal_axes:
    ax.scale, ax.units = 0.5, "nm"
st.save(p("hyperspy_stack_u16.tif"), overwrite=True)


# PackBits (compression 32773), written by hand: one 8-bit strip per 4 rows
def packbits(b):
    res, i = bytearray(), 0
    while i < len(b):
        j = i
        while j + 1 < len(b) and b[j + 1] == b[i] and j - i < 127:
            j += 1
        if j > i:  # a run of j-i+1 equal bytes
            res += bytes([257 - (j - i + 1)]) + b[i:i + 1]
            i = j + 1
        else:  # a literal run up to the next repeat
            k = i
            while k + 1 < len(b) and b[k + 1] != b[k] and k - i < 127:
                k += 1
            if k + 1 == len(b):
                k += 1
            n = max(1, k - i)
            res += bytes([n - 1]) + b[i:i + n]
            i += n
    return bytes(res)


img = np.repeat(rng.integers(0, 4, (12, 5), dtype=np.uint8), 3, axis=1)
strips = [packbits(img[r:r + 4].tobytes()) for r in range(0, 12, 4)]
ntag = 9
ifd_off = 8
data_off = ifd_off + 2 + ntag * 12 + 4 + 24
offs, o = [], data_off
for s_ in strips:
    offs.append(o)
    o += len(s_)
h, w = img.shape
entries = [(256, 3, 1, w), (257, 3, 1, h), (258, 3, 1, 8), (259, 3, 1, 32773), (262, 3, 1, 1),
           (273, 4, 3, ifd_off + 2 + ntag * 12 + 4), (277, 3, 1, 1), (278, 3, 1, 4),
           (279, 4, 3, ifd_off + 2 + ntag * 12 + 4 + 12)]
buf = bytearray(b"II*\x00" + struct.pack("<I", ifd_off) + struct.pack("<H", ntag))
for tag, typ, cnt, val in entries:
    buf += struct.pack("<HHI", tag, typ, cnt) + (struct.pack("<HH", val, 0) if typ == 3 else struct.pack("<I", val))
buf += struct.pack("<I", 0) + struct.pack("<3I", *offs) + struct.pack("<3I", *[len(s_) for s_ in strips])
assert len(buf) == data_off
buf += b"".join(strips)
with open(p("packbits_u8.tif"), "wb") as fh:
    fh.write(buf)
assert (tifffile.imread(p("packbits_u8.tif")) == img).all()
# LZW (compression 5), written by Pillow through libtiff (tifffile needs imagecodecs for LZW, so HyperSpy cannot
# read these here): each has an uncompressed twin in tiff/ that HyperSpy reads, and the test compares the two.
from PIL import Image  # noqa: E402

lzw = os.path.join(here, "tiff-codecs")
os.makedirs(lzw, exist_ok=True)
a8 = rng.integers(0, 64, (80, 120), dtype=np.uint8)  # long enough for 12-bit codes and a table reset
a16 = rng.integers(0, 3000, (33, 47), dtype=np.uint16)
Image.fromarray(a8).save(os.path.join(lzw, "lzw_u8.tif"), compression="tiff_lzw")
Image.fromarray(a16).save(os.path.join(lzw, "lzw_u16.tif"), compression="tiff_lzw")
tifffile.imwrite(p("lzw_u8_plain.tif"), a8, metadata=None)
tifffile.imwrite(p("lzw_u16_plain.tif"), a16, metadata=None)
# Deflate + floating-point predictor: per row, the samples' bytes as planes (most significant first),
# then byte-wise horizontal differencing; one strip of 5 rows, little-endian float32
fp = rng.normal(size=(5, 9)).astype("<f4")


def fpred(row):
    planes = row.astype(">f4").view(np.uint8).reshape(row.size, 4).T.ravel().astype(np.int16)
    enc = planes.copy()
    enc[1:] = (planes[1:] - planes[:-1]) % 256
    return enc.astype(np.uint8).tobytes()


strip = zlib.compress(b"".join(fpred(r) for r in fp))
h, w = fp.shape
entries = [(256, 3, 1, w), (257, 3, 1, h), (258, 3, 1, 32), (259, 3, 1, 8), (262, 3, 1, 1), (273, 4, 1, 0),
           (277, 3, 1, 1), (278, 3, 1, h), (279, 4, 1, len(strip)), (317, 3, 1, 3), (339, 3, 1, 3)]
data_off = 8 + 2 + 12 * len(entries) + 4
buf = bytearray(b"II*\x00" + struct.pack("<I", 8) + struct.pack("<H", len(entries)))
for tag, typ, cnt, val in entries:
    val = data_off if tag == 273 else val
    buf += struct.pack("<HHI", tag, typ, cnt) + (struct.pack("<HH", val, 0) if typ == 3 else struct.pack("<I", val))
buf += struct.pack("<I", 0) + strip
with open(os.path.join(lzw, "fpred_deflate_f32.tif"), "wb") as fh:
    fh.write(buf)
assert (np.array(Image.open(os.path.join(lzw, "fpred_deflate_f32.tif"))) == fp).all()  # libtiff agrees
tifffile.imwrite(p("fpred_deflate_f32_plain.tif"), fp, metadata=None)
for f in sorted(os.listdir(lzw)):
    print(f, os.path.getsize(os.path.join(lzw, f)))
for f in sorted(os.listdir(out)):
    print(f, os.path.getsize(os.path.join(out, f)))
