package tessera.eels.quant;

import java.util.ArrayList;
import java.util.List;

import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.eels.PowerLawBackground;
import tessera.eels.internal.Spectra;
import tessera.eels.xsection.EdgeCrossSection;
import tessera.eels.xsection.Microscope;
import tessera.math.Nnls;

/**
 * Model-based quantification solved as a linear problem per pixel (J. Verbeeck, S. Van Aert, "Model based
 * quantification of EELS spectra", Ultramicroscopy 101 (2004) 207–224, doi:10.1016/j.ultramic.2004.06.004; Egerton,
 * <i>Electron Energy-Loss Spectroscopy in the Electron Microscope</i>, 3rd ed., Springer 2011,
 * doi:10.1007/978-1-4419-9583-4, §4.5):
 * <pre>
 *   y(E) ≈ Σ_k b_k (E/E_ref)^-(r0 + k − 1)  (k = 0, 1, 2)  +  Σ_j N_j c_j(E)
 * </pre>
 * <ul>
 * <li>Background: three power laws with fixed exponents r0 − 1, r0, r0 + 1 (E_ref the first edge onset), r0 from a
 * log-log least-squares fit of the pixel-summed spectrum between the fit start and 5 eV below the first onset;
 * with non-negative b_k their sum is a smooth, decreasing background that can bend (a linearised power law).</li>
 * <li>Edges: c_j(E) = dσ_j/dE(E) ΔE (barn) of each {@link EdgeCrossSection}, or with a low-loss spectrum L (ZLP at
 * 0 eV) the plural-scattering shape (L ⊛ dσ_j/dE)(E) ΔE × 1e-10, so that N_j is the areal density in atoms/nm²
 * (Egerton eq. 4.65 in model form). Without a low loss N_j is N·I0 in counts/barn: only ratios are meaningful.</li>
 * <li>Solution: Poisson-weighted (w = 1/max(y, 1)) non-negative least squares (Lawson–Hanson, {@link Nnls}) over
 * the fit range; for fineStructureEv &gt; 0 the channels in {@code [onset, lastOnset + fineStructureEv)} of every
 * edge are left out (weight 0),
 * {@code lastOnset} = {@link EdgeCrossSection#lastOnsetEv()} (the L2 onset of an L2,3 edge, M4 of M4,5, the onset of a
 * K edge), since hydrogenic or optical-limit cross sections have no near-edge fine structure: the white lines of both
 * spin-orbit components (L3 and L2, M5 and M4) and the ELNES are left out with the same width above the deeper
 * onset.</li>
 * <li>Uncertainty: the covariance (AᵀWA)⁻¹ of the weighted linear model, the Cramér–Rao lower bound for Poisson
 * data at the solution (Verbeeck &amp; Van Aert 2004, §3), over the free columns: background terms that NNLS holds
 * at 0 act as constraints and are left out, edge columns always count (also an edge held at 0). Reported as standard
 * deviations of N_j; on Poisson-noisy synthetic spectra they match the scatter of the fitted amplitudes
 * ({@code tessera.eels.tests.QuantTest}).</li>
 * </ul>
 * Instances are immutable; {@link #fit} may run concurrently.
 */
public final class LinearModelFit {
    private final List<EdgeCrossSection> edges;
    private final Microscope microscope;
    private final double fitLowEv;
    private final double fitHighEv;
    private final double fineStructureEv;

    /**
     * Result of a fit.
     *
     * @param labels edge labels, in the order of the edges given
     * @param amplitudes N_j per edge, each shaped [nav...] ([1] for one spectrum)
     * @param sigmas standard deviations of N_j (Cramér–Rao bound), same shapes
     * @param units units of N_j: {@code "atoms/nm^2"} with a low loss, {@code "counts/barn (N*I0)"} without
     * @param backgroundExponent r0 of the background basis
     */
    public record Result(List<String> labels, List<Dataset> amplitudes, List<Dataset> sigmas, String units, double backgroundExponent) {
    }

    /**
     * @param edges the edges' cross sections (at least one)
     * @param microscope beam energy and angles for dσ/dE
     * @param fitLowEv start of the fit range in eV (below the first onset, &gt; 0)
     * @param fitHighEv end of the fit range in eV
     * @param fineStructureEv width in eV above each edge's deepest onset ({@link EdgeCrossSection#lastOnsetEv()}) left
     *        out of the fit together with the range from the onset to it (&ge; 0; 0 keeps every channel)
     * @throws IllegalArgumentException if no edge is given, the range is empty or not below the first onset
     */
    public LinearModelFit(List<EdgeCrossSection> edges, Microscope microscope, double fitLowEv, double fitHighEv, double fineStructureEv) {
        if (edges == null || edges.isEmpty()) {
            throw new IllegalArgumentException("the model needs at least one edge");
        }
        double first = edges.stream().mapToDouble(EdgeCrossSection::onsetEv).min().orElseThrow();
        if (!(fitLowEv > 0 && fitLowEv < first - 5 && fitHighEv > first)) {
            throw new IllegalArgumentException("fit range " + fitLowEv + "–" + fitHighEv + " eV must start above 0 and more than 5 eV below the first onset (" + first
                    + " eV) and end above it");
        }
        if (!(fineStructureEv >= 0)) {
            throw new IllegalArgumentException("fine-structure width must be >= 0 eV, got " + fineStructureEv);
        }
        this.edges = List.copyOf(edges);
        this.microscope = microscope;
        this.fitLowEv = fitLowEv;
        this.fitHighEv = fitHighEv;
        this.fineStructureEv = fineStructureEv;
    }

    /**
     * Fits every pixel.
     *
     * @param data core-loss spectrum [nE] or spectrum image [nav..., nE] in counts, energy axis in eV last
     * @param lowLoss null, one low-loss spectrum for all pixels, or a low-loss SI with the same navigation size;
     *        energy axis in eV with the ZLP at 0
     * @return amplitudes and their standard deviations
     * @throws IllegalArgumentException if the fit range is not inside the data's energy axis, or the low loss does
     *         not match
     */
    public Result fit(Dataset data, Dataset lowLoss) {
        Axis e = Spectra.signalAxis(data, "model-fit input");
        int n = e.size();
        int lo = e.index(fitLowEv);
        int hi = e.index(fitHighEv);
        if (hi - lo < 10 || e.value(lo) <= 0) {
            throw new IllegalArgumentException("fit range " + fitLowEv + "–" + fitHighEv + " eV holds fewer than 10 channels of the energy axis (" + e.value(0) + " to "
                    + e.high() + " eV)");
        }
        int pixels = (int) data.navigationSize();
        Axis le = null;
        double[] ll = null;
        int llPixels = 0;
        if (lowLoss != null) {
            le = Spectra.signalAxis(lowLoss, "low-loss spectrum");
            llPixels = (int) lowLoss.navigationSize();
            if (llPixels != 1 && llPixels != pixels) {
                throw new IllegalArgumentException("low loss has " + llPixels + " spectra, the core loss " + pixels + " (need 1 or the same)");
            }
            ll = Spectra.values(lowLoss);
        }
        double first = edges.stream().mapToDouble(EdgeCrossSection::onsetEv).min().orElseThrow();
        double[] y = Spectra.values(data);
        double r0 = backgroundExponent(y, e, pixels, lo, e.index(first - 5));
        int m = hi - lo + 1;
        int k = 3 + edges.size();
        double[] energies = new double[m];
        for (int i = 0; i < m; i++) {
            energies[i] = e.value(lo + i);
        }
        double[] weightMask = new double[m];
        for (int i = 0; i < m; i++) {
            weightMask[i] = 1;
            for (EdgeCrossSection x : edges) {
                if (fineStructureEv > 0 && energies[i] >= x.onsetEv() && energies[i] < x.lastOnsetEv() + fineStructureEv) {
                    weightMask[i] = 0;
                }
            }
        }
        double[][] basis = new double[k][];
        for (int b = 0; b < 3; b++) {
            basis[b] = new double[m];
            for (int i = 0; i < m; i++) {
                basis[b][i] = Math.pow(energies[i] / first, -(r0 + b - 1));
            }
        }
        // single-scattering shapes on an extended grid (for convolution): g_t = E(lo) + (t - pad) * dE
        double de = e.scale();
        int kLow = 0;
        int kHigh = 0;
        if (ll != null) {
            kLow = (int) Math.ceil(le.value(0) / de);
            kHigh = (int) Math.floor(le.high() / de);
        }
        int pad = Math.max(0, kHigh);
        int gridSize = m + pad + Math.max(0, -kLow);
        double[] grid = new double[gridSize];
        for (int t = 0; t < gridSize; t++) {
            grid[t] = e.value(lo) + (t - pad) * de;
        }
        double[][] shapes = new double[edges.size()][];
        for (int j = 0; j < edges.size(); j++) {
            double[] g = new double[gridSize];
            double[] positive = new double[gridSize];
            int cnt = 0;
            for (int t = 0; t < gridSize; t++) {
                if (grid[t] > 0) {
                    positive[cnt++] = grid[t];
                }
            }
            double[] d = edges.get(j).differential(java.util.Arrays.copyOf(positive, cnt), microscope);
            int c = 0;
            for (int t = 0; t < gridSize; t++) {
                if (grid[t] > 0) {
                    g[t] = d[c++] * Math.abs(de);
                }
            }
            shapes[j] = g;
        }
        double[][] amp = new double[edges.size()][pixels];
        double[][] sd = new double[edges.size()][pixels];
        double[] kernel = null;
        for (int q = 0; q < pixels; q++) {
            if (ll != null && (kernel == null || llPixels > 1)) {
                kernel = resample(ll, (llPixels > 1 ? q : 0) * le.size(), le, kLow, kHigh, de);
            }
            for (int j = 0; j < edges.size(); j++) {
                basis[3 + j] = ll == null ? java.util.Arrays.copyOfRange(shapes[j], pad, pad + m) : convolve(shapes[j], kernel, kLow, pad, m);
            }
            double[][] ata = new double[k][k];
            double[] atb = new double[k];
            int off = q * n + lo;
            for (int i = 0; i < m; i++) {
                double w = weightMask[i] / Math.max(y[off + i], 1);
                if (w == 0) {
                    continue;
                }
                for (int a = 0; a < k; a++) {
                    double wa = w * basis[a][i];
                    atb[a] += wa * y[off + i];
                    for (int b = 0; b <= a; b++) {
                        ata[a][b] += wa * basis[b][i];
                    }
                }
            }
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < a; b++) {
                    ata[b][a] = ata[a][b];
                }
            }
            // scale columns to unit diagonal for conditioning
            double[] s = new double[k];
            for (int a = 0; a < k; a++) {
                s[a] = ata[a][a] > 0 ? 1 / Math.sqrt(ata[a][a]) : 1;
            }
            double[][] sa = new double[k][k];
            double[] sb = new double[k];
            for (int a = 0; a < k; a++) {
                sb[a] = atb[a] * s[a];
                for (int b = 0; b < k; b++) {
                    sa[a][b] = ata[a][b] * s[a] * s[b];
                }
            }
            double[] x = Nnls.solve(sa, sb);
            // covariance over the free columns: background terms NNLS keeps at 0 are constraints, edges always count
            int[] free = new int[k];
            int nf = 0;
            for (int a = 0; a < k; a++) {
                if (a >= 3 || x[a] > 0) {
                    free[nf++] = a;
                }
            }
            double[][] sub = new double[nf][nf];
            for (int a = 0; a < nf; a++) {
                for (int b = 0; b < nf; b++) {
                    sub[a][b] = sa[free[a]][free[b]];
                }
            }
            double[][] cov = Nnls.inverseSpd(sub);
            for (int j = 0; j < edges.size(); j++) {
                int a = 3 + j;
                amp[j][q] = x[a] * s[a];
                sd[j][q] = Math.sqrt(Math.max(cov[nf - edges.size() + j][nf - edges.size() + j], 0)) * s[a];
            }
        }
        String units = ll == null ? "counts/barn (N*I0)" : "atoms/nm^2";
        List<String> labels = new ArrayList<>();
        List<Dataset> a = new ArrayList<>();
        List<Dataset> sds = new ArrayList<>();
        for (int j = 0; j < edges.size(); j++) {
            String label = edges.get(j).label();
            labels.add(label);
            a.add(Spectra.map(data, amp[j], label.replace('_', '-') + " model amplitude", "amplitude (" + units + ")"));
            sds.add(Spectra.map(data, sd[j], label.replace('_', '-') + " model amplitude standard deviation", "standard deviation (" + units + ")"));
        }
        return new Result(labels, a, sds, units, r0);
    }

    /** r0 from log-log least squares of the pixel-summed spectrum over channels i1..i2. */
    private static double backgroundExponent(double[] y, Axis e, int pixels, int i1, int i2) {
        int n = e.size();
        double[] sum = new double[n];
        for (int q = 0; q < pixels; q++) {
            for (int i = 0; i < n; i++) {
                sum[i] += y[q * n + i];
            }
        }
        if (i2 - i1 < 2) {
            throw new IllegalArgumentException("the fit range needs at least 3 channels below the first onset minus 5 eV to estimate the background exponent");
        }
        double r = PowerLawBackground.fit(sum, 0, e, i1, i2, false)[1];
        if (!Double.isFinite(r)) {
            throw new IllegalArgumentException("no power-law background could be estimated between " + e.value(i1) + " and " + e.value(i2) + " eV (no positive counts)");
        }
        return r;
    }

    /** Low-loss counts at k·dE for k = kLow..kHigh (linear interpolation), scaled by 1e-10 (barn → nm²). */
    private static double[] resample(double[] ll, int off, Axis le, int kLow, int kHigh, double de) {
        double[] out = new double[kHigh - kLow + 1];
        for (int k = kLow; k <= kHigh; k++) {
            double pos = (k * de - le.offset()) / le.scale();
            int i = (int) Math.floor(pos);
            double f = pos - i;
            double v;
            if (i < 0) {
                v = ll[off];
            } else if (i >= le.size() - 1) {
                v = ll[off + le.size() - 1];
            } else {
                v = ll[off + i] * (1 - f) + ll[off + i + 1] * f;
            }
            // counts per low-loss channel → per core-loss channel width
            out[k - kLow] = v * de / le.scale() / Quantification.PER_NM2_PER_BARN;
        }
        return out;
    }

    /** (L ⊛ s)(E_i) = Σ_k L(k dE) s(E_i − k dE) on the data channels. */
    private static double[] convolve(double[] shape, double[] kernel, int kLow, int pad, int m) {
        double[] out = new double[m];
        for (int i = 0; i < m; i++) {
            double acc = 0;
            for (int kk = 0; kk < kernel.length; kk++) {
                int t = pad + i - (kk + kLow);
                if (t >= 0 && t < shape.length) {
                    acc += kernel[kk] * shape[t];
                }
            }
            out[i] = acc;
        }
        return out;
    }
}
