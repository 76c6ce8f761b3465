#!/usr/bin/python3
"""Writes small synthetic DM3 files for cases the published test files lack (run once; the files are committed).

    /usr/bin/python3 tests/tessera.io.gatan.tests/resources/make_synthetic.py

synthetic/packed_complex5.dm3: a 4x4 FFT in the old packed complex layout (DataType 5, 16 float32 values).
synthetic/si_4d_eels.dm3: a 4-D EELS "Spectrum image" int16 (DM dimensions x 3, y 2, z 2, energy 5; energy is
the last, slowest DM dimension) with microscope, EELS and DigiScan tags.
Layout per C. Boothroyd's DM3 description: big-endian header and tag structure, little-endian values.
"""
import os
import struct

here = os.path.dirname(os.path.abspath(__file__))


def group(entries):
    return struct.pack(">BBi", 0, 1, len(entries)) + b"".join(entries)


def gtag(name, entries):
    n = name.encode("latin-1")
    return struct.pack(">BH", 0x14, len(n)) + n + group(entries)


def dtag(name, info, payload):
    n = name.encode("latin-1")
    return (struct.pack(">BH", 0x15, len(n)) + n + b"%%%%" + struct.pack(">i", len(info))
            + b"".join(struct.pack(">i", i) for i in info) + payload)


def f32(name, v):
    return dtag(name, [6], struct.pack("<f", v))


def f64(name, v):
    return dtag(name, [7], struct.pack("<d", v))


def i32(name, v):
    return dtag(name, [3], struct.pack("<i", v))


def u32(name, v):
    return dtag(name, [5], struct.pack("<I", v))


def text(name, s):
    return dtag(name, [20, 4, len(s)], s.encode("utf-16-le"))


def image(name, dims, datatype, eltype, data, cal, tags):
    return [
        gtag("ImageData", [
            gtag("Calibrations", [
                gtag("Brightness", [f32("Origin", 0.0), f32("Scale", 1.0), text("Units", "Counts")]),
                gtag("Dimension", [gtag("", [f32("Origin", o), f32("Scale", s), text("Units", u)]) for o, s, u in cal]),
            ]),
            dtag("Data", [20, eltype, len(data) // {6: 4, 2: 2}[eltype]], data),
            i32("DataType", datatype),
            gtag("Dimensions", [u32("", d) for d in dims]),
        ]),
        gtag("ImageTags", tags),
        text("Name", name),
    ]


def write(fname, img):
    body = group([gtag("ImageList", [gtag("", img)])])
    head = struct.pack(">iii", 3, 0, 1)
    content = head + body + b"\0" * 8
    content = content[:4] + struct.pack(">i", len(content)) + content[8:]
    with open(os.path.join(here, "synthetic", fname), "wb") as fh:
        fh.write(content)


packed = struct.pack("<16f", *[float(v) for v in (3, 1, 2, -1, 5, 6, 7, 8, 4, 2, 9, 10, 11, 12, 13, 14)])
write("packed_complex5.dm3", image("packed5", [4, 4], 5, 6, packed,
                                   [(2.0, 0.25, "1/nm"), (2.0, 0.25, "1/nm")], []))

values = [((i * 7919) % 601) - 300 for i in range(3 * 2 * 2 * 5)]
si = struct.pack("<%dh" % len(values), *values)
write("si_4d_eels.dm3", image("SI 4D", [3, 2, 2, 5], 1, 2, si,
                              [(1.0, 0.5, "nm"), (0.0, 0.5, "nm"), (0.0, 2.0, "s"), (-100.0, 0.25, "eV")], [
                                  gtag("Meta Data", [text("Format", "Spectrum image"), text("Signal", "EELS")]),
                                  gtag("Microscope Info", [f64("Voltage", 300000.0), text("Illumination Mode", "STEM"),
                                                           f64("Indicated Magnification", 5e5),
                                                           text("Name", "Synthetic")]),
                                  gtag("EELS", [
                                      gtag("Acquisition", [f64("Exposure (s)", 0.01), u32("Number of frames", 3),
                                                           text("Date", "2024-03-05"), text("Start time", "12:00:01 AM")]),
                                      gtag("Experimental Conditions", [f32("Collection semi-angle (mrad)", 36.0),
                                                                       f32("Convergence semi-angle (mrad)", 29.0)]),
                                  ]),
                                  gtag("DigiScan", [f64("Sample Time", 16.0)]),
                              ]))
print("wrote synthetic files")
