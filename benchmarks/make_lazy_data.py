#!/usr/bin/python3
"""Synthetic large spectrum image for lazy_vs_hyperspy.sh, written in row blocks so that this script stays in little
memory (a few hundred MB whatever the size).

NY x NX positions x NE channels of float32 Poisson counts (default 1024 x 1024 x 2048 = 8 GiB), 0 - 20.47 keV at
10 eV per channel, from 3 phases with Gaussian peaks over a weak background (Fe K, Pt M/L, Si K + O K) whose
abundances are smooth stripes and a disc; mean about 300 counts per spectrum; fixed seed per row block, so the file is
the same bytes on every run.

Writes OUT.npy (NumPy format 1.0, C order, '<f4'); with --hspy OUT.hspy also a chunked HyperSpy file of the same
values (chunks of 64 x 64 x NE, written block by block through dask from a memory map of the .npy).

Usage: /usr/bin/python3 make_lazy_data.py OUT.npy [--shape NY,NX,NE] [--hspy OUT.hspy]
"""
import sys
import numpy as np

args = sys.argv[1:]
shape = (1024, 1024, 2048)
hspy = None
if "--shape" in args:
    i = args.index("--shape")
    shape = tuple(int(v) for v in args[i + 1].split(","))
    del args[i:i + 2]
if "--hspy" in args:
    i = args.index("--hspy")
    hspy = args[i + 1]
    del args[i:i + 2]
if len(args) != 1 or len(shape) != 3:
    sys.exit("usage: make_lazy_data.py OUT.npy [--shape NY,NX,NE] [--hspy OUT.hspy]")
out = args[0]
ny, nx, ne = shape
E = 0.01 * np.arange(ne)


def gauss(mu, fwhm_ev=130.0, a=1.0):
    s = fwhm_ev / 1000.0 / 2.3548
    return a * np.exp(-0.5 * ((E - mu) / s) ** 2)


bg = np.where(E > 0.2, (20.0 - E).clip(0) / (E + 0.5), 0.0) * 0.05
ends = np.array([
    bg + gauss(6.40, a=6) + gauss(7.06, a=1) + gauss(0.705, 80, 1.5),   # Fe
    bg + gauss(2.05, a=7) + gauss(9.44, a=2) + gauss(11.07, a=0.6),     # Pt
    bg + gauss(1.74, a=5) + gauss(0.525, 80, 2),                        # SiO2
])
ends *= 300.0 / ends.sum(axis=1, keepdims=True)  # about 300 counts per pure spectrum
ends = ends.astype(np.float32)

header = {"descr": "<f4", "fortran_order": False, "shape": shape}
rows = max(1, (64 << 20) // (nx * ne * 4))  # about 64 MiB of output per block
xx = np.arange(nx) / nx
with open(out, "wb") as f:
    np.lib.format.write_array_header_1_0(f, header)
    for y0 in range(0, ny, rows):
        y1 = min(ny, y0 + rows)
        yy = (np.arange(y0, y1) / ny)[:, None]
        a0 = 0.5 + 0.5 * np.sin(2 * np.pi * 3 * (xx[None, :] + 0.3 * yy))          # stripes
        disc = ((xx[None, :] - 0.5) ** 2 + (yy - 0.5) ** 2 < 0.09).astype(float)   # a disc of radius 0.3
        a1 = disc * 0.8
        a2 = np.clip(1.0 - a0 - a1, 0.0, None)
        a0 = a0 * (1 - disc * 0.8)
        ab = np.stack([a0, a1, a2], axis=-1).astype(np.float32)                    # [rows, nx, 3]
        lam = ab @ ends                                                              # [rows, nx, ne]
        rng = np.random.default_rng(20261207 + y0)
        f.write(rng.poisson(lam).astype("<f4").tobytes())
        del lam
print(f"wrote {out}: {shape} float32, {np.prod(shape) * 4 / 2**30:.2f} GiB", file=sys.stderr)

if hspy:
    import dask.array as da
    import hyperspy.api as hs
    mm = np.load(out, mmap_mode="r")
    s = hs.signals.Signal1D(da.from_array(mm, chunks=(64, 64, ne))).as_lazy()
    s.axes_manager[-1].scale = 0.01
    s.axes_manager[-1].units = "keV"
    s.axes_manager[-1].name = "Energy"
    s.metadata.General.title = "lazy benchmark"
    s.save(hspy, overwrite=True, chunks=(64, 64, ne))
    print(f"wrote {hspy}: chunked 64 x 64 x {ne}", file=sys.stderr)
