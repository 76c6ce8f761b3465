// NMF of the FePt core-shell STEM-EDX spectrum image (NIST) with 3 components; saves the factors.
// From the repository root:
//   scripts/tessera script examples/scripts/core_shell.js ../shared/data/edx/core_shell.hspy out/core_shell_js
// The same analysis as core_shell.py, and as
//   scripts/tessera analyze ../shared/data/edx/core_shell.hspy --components 3 --seed 2026
// (whose NMF also weights the count data for Poisson noise), so the factors are identical.
const file = args.length > 0 ? args[0] : "../shared/data/edx/core_shell.hspy";
const out = args.length > 1 ? args[1] : "out/core_shell_js";

const s = tessera.load(file);
console.log(String(s));
const energy = s.axes[s.axes.length - 1];
console.log(`energy axis: ${energy.size} channels from ${energy.offset.toFixed(3)} ${energy.units}, ${energy.scale} ${energy.units} each`);
console.log(`beam energy: ${s.metadata.Acquisition_instrument.TEM.beam_energy} kV`);

s.decomposition({ algorithm: "NMF", output_dimension: 3, normalize_poissonian_noise: true, seed: 2026 });
const factors = s.get_decomposition_factors();
console.log(`factors: ${factors.shape}`);
factors.save(out + "/factors.hspy");
factors.plot(out + "/factors.png");
s.get_decomposition_loadings().plot(out + "/loadings.png");

// the largest value of each factor and its energy, read from the array without copying it
const f = factors.data.typed();
const n = energy.size;
for (let c = 0; c < 3; c++) {
    let best = 0;
    for (let j = 1; j < n; j++) {
        if (f[c * n + j] > f[c * n + best]) {
            best = j;
        }
    }
    console.log(`factor ${c}: peak at ${energy.value(best).toFixed(2)} ${energy.units}`);
}
