# NMF of the FePt core-shell STEM-EDX spectrum image (NIST) with 3 components; saves the factors.
# From the repository root:
#   scripts/tessera script examples/scripts/core_shell.py ../shared/data/edx/core_shell.hspy out/core_shell_py
# The same analysis as core_shell.js, and as
#   scripts/tessera analyze ../shared/data/edx/core_shell.hspy --components 3 --seed 2026
# (whose NMF also weights the count data for Poisson noise), so the factors are identical.
file = args[0] if len(args) > 0 else "../shared/data/edx/core_shell.hspy"
out = args[1] if len(args) > 1 else "out/core_shell_py"

s = tessera.load(file)
print(s)
energy = s.axes[-1]
print(f"energy axis: {energy.size} channels from {energy.offset:.3f} {energy.units}, {energy.scale} {energy.units} each")
print(f"beam energy: {s.metadata.Acquisition_instrument.TEM.beam_energy} kV")

s.decomposition(algorithm="NMF", output_dimension=3, normalize_poissonian_noise=True, seed=2026)
factors = s.get_decomposition_factors()
print(f"factors: {factors.shape}")
factors.save(out + "/factors.hspy")
factors.plot(out + "/factors.png")
s.get_decomposition_loadings().plot(out + "/loadings.png")

# the largest value of each factor and its energy, read from the array without copying it
f = factors.data
for c in range(3):
    spectrum = f[c]
    best = max(range(len(spectrum)), key=lambda j: spectrum[j])
    print(f"factor {c}: peak at {energy.value(best):.2f} {energy.units}")
