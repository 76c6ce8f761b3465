package tessera.edx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import tessera.core.analysis.GuidedDecomposer;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.core.model.SignalType;
import tessera.math.Poisson;

/**
 * Synthetic EDX spectrum images with known phases: X = Poisson(G·W·H), G the {@link EdxForwardModel} of the phantom's
 * elements, W the phases' compositions (atomic fractions) and continuum weights, H their abundance maps (summing to 1
 * at each pixel), as the phantoms of espm ({@code espm.datasets}; H. Teurtrie et al., Ultramicroscopy 249 (2023)
 * 113719, doi:10.1016/j.ultramic.2023.113719, §3). The data carry HyperSpy-style EDS metadata (beam energy, energy
 * resolution, elevation and azimuth angles, stage tilt, {@code Sample.elements}), so the rest of Tessera reads them as
 * a measured EDX spectrum image; the truth comes back beside them to score a decomposition.
 */
public final class EdxPhantom {

    private EdxPhantom() {
    }

    /**
     * A phase of the phantom.
     *
     * @param name        e.g. {@code "Fe3O4 shell"}
     * @param composition element → atomic fraction (normalised here); elements absent from the map have 0
     */
    public record Phase(String name, Map<String, Double> composition) {
        /** @throws IllegalArgumentException if the composition is empty or has a negative fraction */
        public Phase {
            composition = AbsorberLayer.normalise(composition, "phase '" + name + "'");
        }
    }

    /**
     * The ground truth.
     *
     * @param phases       the phases' names, k of them
     * @param elements     the element columns of the model, in order
     * @param compositions atomic fractions, shape [k][elements.size()], rows summing to 1
     * @param w            the full W of X = G·W·H, shape [m][k] (m = the model's columns: elements then continuum),
     *                     in counts per unit abundance
     * @param abundances   the maps H, shape [k][ny·nx] (row-major y, x), summing to 1 over k at each pixel
     */
    public record Truth(List<String> phases, List<String> elements, double[][] compositions, double[][] w, double[][] abundances) {
    }

    /**
     * The phantom.
     *
     * @param data  the spectrum image [ny, nx, nE] (int32 counts), EDS_TEM metadata
     * @param model the forward model G [m, nE] used to render it
     * @param truth W and H
     */
    public record Result(Dataset data, Dataset model, Truth truth) {
    }

    /**
     * Renders X = Poisson(G·W·H): each phase's spectrum is its characteristic spectrum G_el·c plus a continuum
     * G_cont·(β, β) whose total is {@code continuumFraction} times the characteristic total, scaled so that a pixel of
     * abundance 1 expects {@code countsPerPixel} counts.
     *
     * @param model             forward model with two continuum columns last ({@link EdxForwardModel#build} with the
     *                          continuum), signal axis = the phantom's
     * @param phases            the phases, k ≥ 1; their elements must all be element columns of the model
     * @param abundances        H, shape [k][ny·nx], non-negative (normalised per pixel here to sum 1)
     * @param ny                rows of the scan
     * @param nx                columns of the scan
     * @param countsPerPixel    expected counts per pixel (&gt; 0)
     * @param continuumFraction continuum counts / characteristic counts of each phase (≥ 0)
     * @param metadata          metadata of the data (copied; signal type set to EDS_TEM)
     * @param navScaleNm        pixel size in nm
     * @param seed              random seed of the Poisson noise
     * @return data, model, truth
     * @throws IllegalArgumentException if the shapes disagree, an element of a phase is not a model column, the model
     *                                  lacks the continuum columns or a count is not positive
     */
    public static Result render(Dataset model, List<Phase> phases, double[][] abundances, int ny, int nx, double countsPerPixel, double continuumFraction,
            Metadata metadata, double navScaleNm, long seed) {
        List<String> cols = GuidedDecomposer.columns(model);
        int nEl = GuidedDecomposer.elementColumns(model);
        int m = cols.size(), n = model.signalSize(), k = phases.size(), npix = ny * nx;
        if (m < 2 || !cols.get(m - 1).equals(EdxForwardModel.CONTINUUM + 2) || !cols.get(m - 2).equals(EdxForwardModel.CONTINUUM + 1)) {
            throw new IllegalArgumentException("the phantom's model needs the two continuum columns last");
        }
        if (k == 0 || abundances.length != k) {
            throw new IllegalArgumentException("abundances must have one row per phase (" + k + "), not " + abundances.length);
        }
        if (!(countsPerPixel > 0) || !(continuumFraction >= 0)) {
            throw new IllegalArgumentException("countsPerPixel must be > 0 and continuumFraction ≥ 0");
        }
        double[] g = model.toDoubleArray();
        List<String> elements = cols.subList(0, nEl);
        double[][] comp = new double[k][nEl];
        double[][] w = new double[m][k];
        for (int p = 0; p < k; p++) {
            for (Map.Entry<String, Double> e : phases.get(p).composition().entrySet()) {
                int j = elements.indexOf(e.getKey());
                if (j < 0) {
                    throw new IllegalArgumentException("phase '" + phases.get(p).name() + "' has " + e.getKey() + ", not an element column of the model " + elements);
                }
                comp[p][j] = e.getValue();
            }
            double charTotal = 0;
            for (int j = 0; j < nEl; j++) {
                charTotal += comp[p][j] * colSum(g, j, n);
            }
            double contTotal = colSum(g, m - 2, n) + colSum(g, m - 1, n);
            double beta = continuumFraction * charTotal / contTotal;
            double scale = countsPerPixel / (charTotal * (1 + continuumFraction));
            for (int j = 0; j < nEl; j++) {
                w[j][p] = comp[p][j] * scale;
            }
            w[m - 2][p] = beta * scale;
            w[m - 1][p] = beta * scale;
        }
        double[][] h = new double[k][npix];
        for (int p = 0; p < k; p++) {
            if (abundances[p].length != npix) {
                throw new IllegalArgumentException("abundance map " + p + " has " + abundances[p].length + " pixels, not " + ny + "x" + nx);
            }
        }
        for (int i = 0; i < npix; i++) {
            double s = 0;
            for (int p = 0; p < k; p++) {
                if (!(abundances[p][i] >= 0)) {
                    throw new IllegalArgumentException("abundances must be ≥ 0, not " + abundances[p][i]);
                }
                s += abundances[p][i];
            }
            for (int p = 0; p < k; p++) {
                h[p][i] = s > 0 ? abundances[p][i] / s : 1.0 / k;
            }
        }
        // phase spectra G·W [k][n]
        double[][] spec = new double[k][n];
        for (int p = 0; p < k; p++) {
            for (int j = 0; j < m; j++) {
                double wj = w[j][p];
                if (wj != 0) {
                    for (int c = 0; c < n; c++) {
                        spec[p][c] += g[j * n + c] * wj;
                    }
                }
            }
        }
        int[] x = new int[npix * n];
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < npix; i++) {
            for (int c = 0; c < n; c++) {
                double lam = 0;
                for (int p = 0; p < k; p++) {
                    lam += spec[p][c] * h[p][i];
                }
                x[i * n + c] = (int) Poisson.sample(lam, rng);
            }
        }
        Metadata md = metadata.copy();
        md.signalType(SignalType.EDS_TEM);
        Axis energy = model.signalAxes().get(0);
        Dataset data = Dataset.ofInts(x, List.of(new Axis("y", ny, navScaleNm, 0, "nm", true), new Axis("x", nx, navScaleNm, 0, "nm", true), energy.withNavigate(false)), md);
        List<String> names = new ArrayList<>();
        phases.forEach(ph -> names.add(ph.name()));
        return new Result(data, model, new Truth(List.copyOf(names), List.copyOf(elements), comp, w, h));
    }

    /**
     * A core–shell nanoparticle on a carbon film, after the FePt@Fe-oxide particle of HyperSpy's {@code core_shell}
     * demo: phases "FePt core" (Fe 50, Pt 50 at.%), "Fe3O4 shell" (Fe 42.86, O 57.14 at.%) and "carbon support"
     * (C 95, O 5 at.%); the abundances are the projected thicknesses of a core sphere of radius 0.2·size, of the shell
     * (outer radius 0.38·size, minus the core) and of a film 0.25·size thick, normalised per pixel. Energy axis 0.2 +
     * 0.01·i keV, i &lt; 1980 (espm's default); 200 kV, 130 eV at Mn Kα, elevation 35° (no tilt), typical SDD, 50 nm
     * sample of the mixture density; continuum = 0.5 × characteristic counts.
     *
     * @param size           pixels per side (≥ 8)
     * @param countsPerPixel expected counts per pixel
     * @param seed           Poisson seed
     * @return the phantom
     * @throws IllegalArgumentException if size &lt; 8 or the counts are not positive
     */
    public static Result coreShell(int size, double countsPerPixel, long seed) {
        return coreShell(size, countsPerPixel, seed, new Axis("Energy", 1980, 0.01, 0.2, "keV", false));
    }

    /**
     * {@link #coreShell(int, double, long)} on a given energy axis.
     *
     * @param size           pixels per side (≥ 8)
     * @param countsPerPixel expected counts per pixel
     * @param seed           Poisson seed
     * @param energy         the energy axis in keV (must cover 0.28–9.5 keV for C Kα to Pt Lα)
     * @return the phantom
     * @throws IllegalArgumentException if size &lt; 8, the counts are not positive or an element has no line on the axis
     */
    public static Result coreShell(int size, double countsPerPixel, long seed, Axis energy) {
        if (size < 8) {
            throw new IllegalArgumentException("phantom size must be ≥ 8 pixels, not " + size);
        }
        List<String> elements = List.of("Fe", "Pt", "O", "C");
        double toa = 35;
        Dataset model = EdxForwardModel.build(elements, new EdxMicroscope(200), EdxDetector.typical(130), new EdxSample(50, Double.NaN, toa, Map.of()), energy,
                EdxForwardModel.Options.defaults());
        List<Phase> phases = List.of(new Phase("FePt core", Map.of("Fe", 0.5, "Pt", 0.5)), new Phase("Fe3O4 shell", ordered("Fe", 3.0 / 7, "O", 4.0 / 7)),
                new Phase("carbon support", ordered("C", 0.95, "O", 0.05)));
        double c = (size - 1) / 2.0, rCore = 0.2 * size, rOut = 0.38 * size, film = 0.25 * size;
        double[][] h = new double[3][size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double r2 = (x - c) * (x - c) + (y - c) * (y - c);
                double core = 2 * Math.sqrt(Math.max(0, rCore * rCore - r2));
                double outer = 2 * Math.sqrt(Math.max(0, rOut * rOut - r2));
                h[0][y * size + x] = core;
                h[1][y * size + x] = outer - core;
                h[2][y * size + x] = film;
            }
        }
        Metadata md = new Metadata();
        md.title("EDX phantom: core-shell particle (FePt core, Fe3O4 shell, C film)");
        md.set(Metadata.BEAM_ENERGY, 200.0);
        md.set(EdxForwardModelStep.ENERGY_RESOLUTION, 130.0);
        md.set(EdxForwardModelStep.ELEVATION, toa);
        md.set(EdxForwardModelStep.AZIMUTH, 0.0);
        md.set(EdxForwardModelStep.TILT_ALPHA, 0.0);
        md.set("Acquisition_instrument.TEM.acquisition_mode", "STEM");
        md.set(Metadata.ELEMENTS, elements);
        md.set("Sample.xray_lines", List.of("C_Ka", "O_Ka", "Fe_Ka", "Pt_La"));
        return render(model, phases, h, size, size, countsPerPixel, 0.5, md, 0.5, seed);
    }

    private static Map<String, Double> ordered(String a, double fa, String b, double fb) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(a, fa);
        m.put(b, fb);
        return m;
    }

    private static double colSum(double[] g, int j, int n) {
        double s = 0;
        for (int c = 0; c < n; c++) {
            s += g[j * n + c];
        }
        return s;
    }
}
