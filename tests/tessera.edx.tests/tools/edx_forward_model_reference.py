#!/usr/bin/env python3
"""Independent NumPy/SciPy re-implementation of tessera.edx.EdxForwardModel, for the numbers EdxForwardModelTest asserts.

Independent of the Java code in everything but the Bote et al. (2009) parameters (read from the bundled TSV):
 - line weights from HyperSpy 1.7.3's elements database (not from our xray_lines.tsv),
 - mass absorption coefficients from HyperSpy's ffast_mac table (FFAST total, cubic-free log-log interpolation here),
   not from tessera.elements' re-encoding,
 - Gaussian channel integrals from scipy.stats.norm.cdf, NNLS from scipy.optimize.nnls.
Also prints espm's 200 keV table values (espm/tables/200keV_xrays.json, emtables) for comparison when given its path.

usage: python3 edx_forward_model_reference.py [path/to/espm/tables/200keV_xrays.json]
"""
import json
import os
import sys

import numpy as np
from scipy.optimize import nnls
from scipy.stats import norm
from hyperspy.misc.elements import elements_db as _db
elements_db = _db.as_dictionary()
from hyperspy.misc.eds.ffast_mac import ffast_mac

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "../../.."))
BOTE = {}
for l in open(os.path.join(ROOT, "bundles/tessera.edx/src/tessera/edx/bote2009.tsv")):
    if l.startswith("#"):
        continue
    f = l.rstrip("\n").split("\t")
    BOTE[(int(f[0]), f[1])] = [float(x) for x in f[2:]]
SYM = {}
for s, d in elements_db.items():
    SYM[s] = d["General_properties"]["Z"]

A0 = 5.29177210903e-9
C = 4 * np.pi * A0 ** 2 * 1e24  # barn
MC2 = 510998.95
SUB = {"K": ["K"], "L": ["L1", "L2", "L3"], "M": ["M1", "M2", "M3", "M4", "M5"]}


def sigma_ion(el, sub, e0):
    p = BOTE.get((SYM[el], sub))
    if p is None:
        return 0.0
    t = e0 * 1000
    u = t / p[0]
    if u <= 1:
        return 0.0
    if u <= 16:
        return C * (u - 1) / u ** 2 * (p[1] + p[2] * u + p[3] / (1 + u) + p[4] / (1 + u) ** 3 + p[5] / (1 + u) ** 5) ** 2
    b2 = t * (t + 2 * MC2) / (t + MC2) ** 2
    x = np.sqrt(t * (t + 2 * MC2)) / MC2
    bm, a, g1, g2, g3, g4 = p[6:]
    return C * u / (u + bm) * a / b2 * ((np.log(x * x) - b2) * (1 + g1 / x) + g2 + g3 * (1 - b2) ** 0.25 + g4 / x)


def omega(el, fam):
    z = SYM[el]
    c = {"K": (0.0370, 0.03112, 5.44e-5, -1.25e-6), "L": (0.17765, 0.00298937, 8.91297e-5, -2.67184e-7)}
    if fam == "M":
        return 0.0 if z <= 13 else 1.29e-9 * (z - 13) ** 4
    s = sum(ci * z ** i for i, ci in enumerate(c[fam]))
    return s ** 4 / (1 + s ** 4)


def lines(el):
    return {k: (v["energy (keV)"], v["weight"]) for k, v in elements_db[el]["Atomic_properties"]["Xray_lines"].items()}


def line_cs(el, line, e0):
    ls = lines(el)
    fam = line[0]
    wsum = sum(w for k, (e, w) in ls.items() if k[0] == fam)
    return sum(sigma_ion(el, s, e0) for s in SUB[fam]) * omega(el, fam) * ls[line][1] / wsum


def mu_rho(el, e):
    if el == "H":  # not in HyperSpy's table; 2.6 wt% of polyimide, negligible against C, N, O
        return 0.0
    d = ffast_mac[el]
    en, mu = np.asarray(d["energies (keV)"]), np.asarray(d["mass_absorption_coefficient (cm2/g)"])
    ok = (en > 0) & (mu > 0)
    return float(np.exp(np.interp(np.log(e), np.log(en[ok]), np.log(mu[ok]))))


AW = {s: d["General_properties"]["atomic_weight"] for s, d in elements_db.items()}
RHO = {s: d["Physical_properties"].get("density (g/cm^3)", np.nan) for s, d in elements_db.items()}


def wfrac(atomic):
    m = {k: v * AW[k] for k, v in atomic.items()}
    s = sum(m.values())
    return {k: v / s for k, v in m.items()}


def mu_mix(w, e):
    return sum(v * mu_rho(k, e) for k, v in w.items())


def efficiency(e, window="polymer", wt=300, dead=50, crystal_um=450):
    tau = 0
    if window == "polymer":
        tau += mu_mix(wfrac({"C": 22, "H": 10, "N": 2, "O": 5}), e) * 1.42 * wt * 1e-7
        tau += mu_rho("Al", e) * RHO["Al"] * 30e-7
    elif window == "beryllium":
        tau += mu_rho("Be", e) * RHO["Be"] * wt * 1e-7
    tau += mu_rho("Si", e) * 2.33 * dead * 1e-7
    return np.exp(-tau) * (1 - np.exp(-mu_rho("Si", e) * 2.33 * crystal_um * 1e-4))


def mixture_density(atomic):
    w = wfrac(atomic)
    s = sum(v for k, v in w.items() if RHO[k] >= 0.1)
    inv = sum(v / RHO[k] for k, v in w.items() if RHO[k] >= 0.1)
    return s / inv


def absorption(e, w, rho, t_nm, toa):
    chi = mu_mix(w, e) * rho * t_nm * 1e-7 / np.sin(np.radians(toa))
    return 1.0 if chi == 0 else (1 - np.exp(-chi)) / chi


def fwhm(e, mnka=130.0):
    return np.sqrt(2.5 * (e - 5.8987) * 1000 + mnka ** 2) / 1000


def build(elements, e0, axis, mnka, t_nm, toa, continuum=True):
    atomic = {el: 1.0 for el in elements}
    w = wfrac(atomic)
    rho = mixture_density(atomic)
    lo, hi = axis[0], axis[-1]
    h = (axis[1] - axis[0]) / 2
    cols = []
    for el in elements:
        c = np.zeros_like(axis)
        for ln, (e, wt) in lines(el).items():
            if lo < e < hi and e < e0:
                a = line_cs(el, ln, e0) * efficiency(e) * absorption(e, w, rho, t_nm, toa)
                s = fwhm(e, mnka) / (2 * np.sqrt(2 * np.log(2)))
                c += a * (norm.cdf((axis + h - e) / s) - norm.cdf((axis - h - e) / s))
        cols.append(c)
    if continuum:
        mean = np.mean([c.sum() for c in cols])
        f = np.array([efficiency(e) * absorption(e, w, rho, t_nm, toa) if 0.01 < e < e0 else 0 for e in axis])
        b0 = f * (e0 - axis) / e0 ** 2
        b1 = f * (e0 - axis) ** 2 / (e0 ** 2 * axis)
        cols += [b0 * mean / b0.sum(), b1 * mean / b1.sum()]
    return np.array(cols), rho


def main():
    e0 = 200.0
    print("== line cross sections at 200 kV (barn/atom)")
    for el, ln in [("Fe", "Ka"), ("Fe", "Kb"), ("Pt", "La"), ("O", "Ka"), ("Cu", "Ka"), ("Fe", "La"), ("Pt", "Ma")]:
        fam = ln[0]
        print(f"{el}_{ln}: sigma_shell={sum(sigma_ion(el, s, e0) for s in SUB[fam]):.6g} omega={omega(el, fam):.6g} line={line_cs(el, ln, e0):.6g}")
    print("sigma_K(Fe, 200 kV) =", sigma_ion("Fe", "K", 200), " sigma_L3(Pt, 200 kV) =", sigma_ion("Pt", "L3", 200), " sigma_K(O, 3 kV)=", sigma_ion("O", "K", 3))
    print("== default SDD efficiency (polymer 300 nm + Al 30 nm, Si 50 nm dead, 450 um)")
    for e in [0.2774, 0.5249, 1.4865, 1.7397, 1.85, 6.4039, 9.4421, 15.0, 20.0]:
        print(f"eps({e}) = {efficiency(e):.6g}   Be 8um: {efficiency(e, 'beryllium', 8000):.6g}")
    print("== absorption of Fe-Ka / Pt-La / O-Ka in Fe,Pt (1:1 at.) 100 nm, TOA 35")
    w = wfrac({"Fe": 1, "Pt": 1})
    rho = mixture_density({"Fe": 1, "Pt": 1})
    print("density", rho)
    for e in [0.5249, 6.4039, 9.4421]:
        print(e, absorption(e, w, rho, 100, 35))
    # espm comparison
    if len(sys.argv) > 1:
        t = json.load(open(sys.argv[1]))["table"]
        fe = t["26"]; pt = t["78"]
        espm_fe_ka = (fe["KL2"]["cs"] + fe["KL3"]["cs"]) * 1e24
        espm_fe_kb = (fe["KM2"]["cs"] + fe["KM3"]["cs"]) * 1e24
        espm_pt_la = (pt["L3M5"]["cs"] + pt["L3M4"]["cs"]) * 1e24
        print(f"espm 200 keV: Fe Ka {espm_fe_ka:.5g} b, Fe Kb {espm_fe_kb:.5g} b, Pt La {espm_pt_la:.5g} b; Kb/Ka {espm_fe_kb/espm_fe_ka:.4f} PtLa/FeKa {espm_pt_la/espm_fe_ka:.4f}")
    print(f"ours: Kb/Ka {line_cs('Fe','Kb',e0)/line_cs('Fe','Ka',e0):.4f} PtLa/FeKa {line_cs('Pt','La',e0)/line_cs('Fe','Ka',e0):.4f}")

    print("== core_shell.hspy sum spectrum, NNLS on G (Fe, O, Pt, Cu, C, Si + continuum), defaults: 100 nm, TOA 35, 130 eV")
    import h5py
    path = os.path.join(ROOT, "../shared/data/edx/core_shell.hspy")
    with h5py.File(path, "r") as f:
        def find(g):
            for k, v in g.items():
                if isinstance(v, h5py.Dataset) and k == "data":
                    return v[()]
                if isinstance(v, h5py.Group):
                    r = find(v)
                    if r is not None:
                        return r
        data = find(f["Experiments"])
    x = data.reshape(-1, data.shape[-1]).sum(axis=0).astype(float)
    axis = 0.16 + 0.02 * np.arange(x.size)
    els = ["Fe", "O", "Pt", "Cu", "C", "Si"]
    G, rho = build(els, e0, axis, 130.0, 100.0, 35.0)
    print("mixture density", rho)
    # column heights at the line channels (asserted in the Java test)
    for el, e in [("Fe", 6.4039), ("Fe", 7.058), ("Pt", 9.4421), ("O", 0.5249)]:
        k = int(round((e - 0.16) / 0.02))
        print(f"G[{el}] at channel {k} ({axis[k]:.2f} keV) = {G[els.index(el)][k]:.6g}")
    print("column sums", [f"{c.sum():.6g}" for c in G])
    fit = axis >= 0.25
    wv, rnorm = nnls(G[:, fit].T, x[fit])
    model = G.T @ wv
    print("W", dict(zip(els + ["c1", "c2"], wv)))
    print("Fe:Pt at.% =", 100 * wv[0] / (wv[0] + wv[2]), 100 * wv[2] / (wv[0] + wv[2]))
    r = x[fit] - model[fit]
    print("relative residual |x-Gw|/|x| =", np.linalg.norm(r) / np.linalg.norm(x[fit]))
    print("chi2/dof (Poisson, var=max(model,1)) =", np.sum(r ** 2 / np.maximum(model[fit], 1)) / (fit.sum() - len(wv)))
    print("sum residual / sum counts =", r.sum() / x[fit].sum())


if __name__ == "__main__":
    main()
