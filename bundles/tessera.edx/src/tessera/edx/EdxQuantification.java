package tessera.edx;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

import tessera.core.analysis.ElementMaps;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.elements.Elements;
import tessera.elements.PhotoAbsorption;

/**
 * Thin-film EDX quantification of X-ray line intensities as HyperSpy 1.7.3's {@code EDSTEMSpectrum.quantification}:
 * the Cliff–Lorimer ratio method with k-factors, the ζ-factor method and the cross-section method, optionally with
 * the absorption correction iterated until no composition changes by more than the convergence criterion (0.5 %).
 * <p>
 * Methods (per pixel; I the background-subtracted intensities, A the absorption-correction factors, 1 without
 * correction):
 * <ul>
 * <li>{@link Method#CL}: weight fractions C_i = k_i A_i I_i / Σ_j k_j A_j I_j (HyperSpy's
 * {@code quantification_cliff_lorimer}, k-factors relative to any line, weight-fraction k-factors); a pixel where
 * fewer than two intensities exceed 0.1 counts gets 0 everywhere except 100 % for a single line above 0.1, as there;
 * pixels of an optional navigation mask ({@link #vacuumMask}) get 0.
 * The absorption correction needs the thickness t: the mass thickness is ρt with ρ the given density or, as
 * HyperSpy, Σ_i C_i ρ_i of the elements' densities.</li>
 * <li>{@link Method#ZETA}: C_i = ζ_i A_i I_i / Σ_j ζ_j A_j I_j and the mass thickness ρt = Σ_j ζ_j A_j I_j / D with
 * the dose D = i·τ/e (beam current i, live time τ) (M. Watanabe, D. B. Williams, J. Microsc. 221 (2006) 89,
 * doi:10.1111/j.1365-2818.2006.01549.x, eqs. 4–5; ζ in kg m⁻² per electron as HyperSpy).</li>
 * <li>{@link Method#CROSS_SECTION}: atoms N_i = I_i A_i / (σ_i D' 10⁻¹⁰) with D' = i·τ/(e·a) electrons per nm²
 * (a the probe or pixel area) and σ_i in barn; atomic fractions N_i / Σ N_j (Watanabe & Williams 2006, §"cross
 * sections"; HyperSpy's {@code quantification_cross_section}).</li>
 * </ul>
 * Absorption (HyperSpy's {@code get_abs_corr_zeta}, {@code get_abs_corr_cross_section}): A_i = χ_i / (1 − e^(−χ_i)),
 * χ_i = (μ/ρ)_mix(E_i) · ρt · csc(take-off angle), (μ/ρ)_mix = Σ_j w_j (μ/ρ)_j(E_i) with the current weight fractions
 * and FFAST photo-absorption ({@link PhotoAbsorption#massAbsorption}; HyperSpy uses FFAST's total μ/ρ, which differs
 * by the small scattering part). Iteration: recompute A from the last composition (weight % for CL and ζ, atomic %
 * for cross sections) until the largest increase of any composition entry since the previous step is below the
 * criterion (HyperSpy's signed {@code np.max(composition − previous)}; NaN entries are skipped here).
 * <p>
 * σ: the composition p_i = f_i I_i / Σ_j f_j I_j is linear-fractional in the counts; with the factors f fixed at
 * convergence σ²(p_i) = Σ_j ((δ_ij − p_i) f_j / S)² σ²(I_j), S = Σ_j f_j I_j (Poisson σ of the intensities). Pixels the
 * CL rule sets to 0/100 % get σ = 0.
 * <p>
 * Input: the intensities dataset of {@link LineIntensities} ({@code [nLines, nav...]}, line labels in
 * {@code Sample.xray_lines}, the spectrum's metadata for take-off angle, beam current, live time and probe area).
 * Output compositions are in percent, shape {@code [nLines, nav...]}, one entry per line labelled by its element.
 */
public final class EdxQuantification {

    /** elementary charge in C (CODATA 2018, exact) */
    public static final double ELEMENTARY_CHARGE = 1.602176634e-19;
    /** HyperSpy's threshold below which a CL intensity counts as absent */
    public static final double MIN_INTENSITY = 0.1;
    /** metadata key of the beam current in nA, as HyperSpy */
    public static final String BEAM_CURRENT_KEY = "Acquisition_instrument.TEM.beam_current";
    /** metadata key of the probe area in nm², as HyperSpy */
    public static final String PROBE_AREA_KEY = "Acquisition_instrument.TEM.probe_area";

    private EdxQuantification() {
    }

    /** Quantification method. */
    public enum Method {
        /** Cliff–Lorimer with weight-fraction k-factors */
        CL,
        /** ζ-factor method (Watanabe & Williams 2006) */
        ZETA,
        /** ionisation cross sections in barn (Watanabe & Williams 2006) */
        CROSS_SECTION;

        /**
         * @param s {@code cl}, {@code zeta} or {@code cross_section} (case-insensitive; HyperSpy's {@code CL} too)
         * @return the method
         * @throws IllegalArgumentException for another name
         */
        public static Method parse(String s) {
            return switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "cl", "cliff-lorimer", "cliff_lorimer" -> CL;
                case "zeta" -> ZETA;
                case "cross_section", "cross-section", "crosssection" -> CROSS_SECTION;
                default -> throw new IllegalArgumentException("quantification method must be cl, zeta or cross_section, not '" + s + "'");
            };
        }
    }

    /**
     * Quantification settings.
     *
     * @param method               CL, ζ or cross section
     * @param factors              k-factors, ζ-factors (kg m⁻² per electron) or cross sections (barn), one per line in the
     *                             order of the intensities
     * @param atomic               true for at.%, false for wt%
     * @param absorptionCorrection true to iterate the absorption correction
     * @param thicknessNm          sample thickness in nm (CL with absorption correction), or NaN
     * @param densityGcm3          sample density in g/cm³ for the CL mass thickness, or NaN for HyperSpy's Σ C_i ρ_i
     * @param takeOffAngleDeg      take-off angle in degrees, or NaN for {@link #takeOffAngle(Metadata)}
     * @param beamCurrentNa        beam current in nA, or NaN for the metadata's (ζ, cross section)
     * @param liveTimeS            live time in s, or NaN for the metadata's (ζ, cross section)
     * @param probeAreaNm2         probe area in nm², or NaN for the metadata's or the pixel area (cross section)
     * @param convergence          convergence criterion in percent (HyperSpy 0.5)
     * @param maxIterations        iteration limit (HyperSpy 30)
     * @param mask                 CL only: pixels set to 0 % (vacuum, HyperSpy's {@code navigation_mask}; see
     *                             {@link EdxQuantification#vacuumMask}), one per pixel in row-major order, or null for none
     */
    public record Options(Method method, double[] factors, boolean atomic, boolean absorptionCorrection, double thicknessNm, double densityGcm3, double takeOffAngleDeg,
            double beamCurrentNa, double liveTimeS, double probeAreaNm2, double convergence, int maxIterations, boolean[] mask) {

        /** @throws IllegalArgumentException if a factor is not positive or a setting is out of range */
        public Options {
            if (method == null) {
                throw new IllegalArgumentException("quantification method missing (cl, zeta or cross_section)");
            }
            factors = factors == null ? new double[0] : factors.clone();
            for (double f : factors) {
                if (!(f > 0) || !Double.isFinite(f)) {
                    throw new IllegalArgumentException("quantification factors must be positive, got " + f);
                }
            }
            if (!(convergence > 0) || maxIterations < 1) {
                throw new IllegalArgumentException("convergence criterion must be > 0 and maxIterations >= 1");
            }
            mask = mask == null ? null : mask.clone();
        }

        /** @return these options with a CL navigation mask (true: vacuum, composition 0), or null for none */
        public Options withMask(boolean[] m) {
            return new Options(method, factors, atomic, absorptionCorrection, thicknessNm, densityGcm3, takeOffAngleDeg, beamCurrentNa, liveTimeS, probeAreaNm2, convergence,
                    maxIterations, m);
        }

        /** @return the mask (a copy), or null */
        @Override
        public boolean[] mask() {
            return mask == null ? null : mask.clone();
        }

        /**
         * HyperSpy's defaults for a method: at.%, no absorption correction, metadata for the rest.
         *
         * @param method  method
         * @param factors one per line
         * @return the options
         */
        public static Options of(Method method, double... factors) {
            return new Options(method, factors, true, false, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0.5, 30, null);
        }

        /** @return these options with weight-percent ({@code false}) or atomic-percent output */
        public Options withAtomic(boolean at) {
            return new Options(method, factors, at, absorptionCorrection, thicknessNm, densityGcm3, takeOffAngleDeg, beamCurrentNa, liveTimeS, probeAreaNm2, convergence,
                    maxIterations, mask);
        }

        /** @return these options with the absorption correction on for a thickness (nm; NaN for ζ/cross section) and density (g/cm³ or NaN) */
        public Options withAbsorption(double thicknessNm, double densityGcm3) {
            return new Options(method, factors, atomic, true, thicknessNm, densityGcm3, takeOffAngleDeg, beamCurrentNa, liveTimeS, probeAreaNm2, convergence, maxIterations, mask);
        }

        /** @return these options with a take-off angle in degrees (NaN: metadata) */
        public Options withTakeOffAngle(double deg) {
            return new Options(method, factors, atomic, absorptionCorrection, thicknessNm, densityGcm3, deg, beamCurrentNa, liveTimeS, probeAreaNm2, convergence, maxIterations, mask);
        }

        /** @return these options with beam current (nA), live time (s) and probe area (nm²); NaN: metadata */
        public Options withDose(double beamCurrentNa, double liveTimeS, double probeAreaNm2) {
            return new Options(method, factors, atomic, absorptionCorrection, thicknessNm, densityGcm3, takeOffAngleDeg, beamCurrentNa, liveTimeS, probeAreaNm2, convergence,
                    maxIterations, mask);
        }

        /** @return the factors (a copy) */
        @Override
        public double[] factors() {
            return factors.clone();
        }
    }

    /**
     * Quantification result.
     *
     * @param lines         line labels, one per composition entry
     * @param elements      the lines' elements
     * @param composition   composition in percent (at.% or wt% as asked), shape {@code [nLines, nav...]}
     * @param sigma         its standard deviation in percent, same shape
     * @param massThickness mass thickness ρt in kg/m², shape {@code [nav...]} ({@code [1]} for a spectrum), or null (CL
     *                      without absorption correction, cross sections)
     * @param atoms         number of atoms per pixel (cross-section method; shape as the composition), or null
     * @param iterations    number of quantification passes (1 without absorption correction)
     */
    public record Result(List<String> lines, List<String> elements, Dataset composition, Dataset sigma, Dataset massThickness, Dataset atoms, int iterations) {
    }

    /**
     * Parses a factor list: either plain numbers in the lines' order ({@code 1.450226,5.075602}) or
     * {@code label=value} pairs in any order ({@code Fe_Ka=1.450226,Pt_La=5.075602}; an element symbol alone names its
     * line too).
     *
     * @param text  comma-separated factors
     * @param lines the line labels in the intensities' order
     * @return one factor per line
     * @throws IllegalArgumentException if a factor is missing for a line, a number is malformed or the counts differ
     */
    public static double[] parseFactors(String text, List<String> lines) {
        String what = "quantification factors (k-factors, zeta-factors or cross sections)";
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(what + " missing for " + String.join(", ", lines) + ": give factors=" + String.join(",", lines.stream().map(l -> l + "=...").toList()));
        }
        String[] parts = text.split(",");
        double[] f = new double[lines.size()];
        if (!text.contains("=")) {
            if (parts.length != lines.size()) {
                throw new IllegalArgumentException(what + ": " + parts.length + " given for " + lines.size() + " lines " + lines + "; give one per line in that order");
            }
            for (int i = 0; i < parts.length; i++) {
                f[i] = number(parts[i], lines.get(i));
            }
            return f;
        }
        java.util.Arrays.fill(f, Double.NaN);
        for (String p : parts) {
            String[] kv = p.split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException(what + ": '" + p.trim() + "' is not label=value");
            }
            String key = kv[0].trim();
            int hit = -1;
            for (int i = 0; i < lines.size(); i++) {
                String l = lines.get(i);
                if (l.equals(key) || l.substring(0, l.indexOf('_')).equals(key)) {
                    hit = i;
                }
            }
            if (hit < 0) {
                throw new IllegalArgumentException(what + ": '" + key + "' is none of the lines " + lines);
            }
            f[hit] = number(kv[1], key);
        }
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < f.length; i++) {
            if (Double.isNaN(f[i])) {
                missing.add(lines.get(i));
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(what + " missing for " + String.join(", ", missing) + ": add them to factors (e.g. " + missing.get(0) + "=1.0)");
        }
        return f;
    }

    private static double number(String s, String line) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("factor of " + line + " is not a number: '" + s.trim() + "'");
        }
    }

    /**
     * The X-ray take-off angle as HyperSpy's {@code utils.eds.take_off_angle}: 90° − arccos(sin α cos β cos φ cos θ −
     * sin β sin φ cos θ − cos α cos β sin θ) with α the stage tilt ({@code Stage.tilt_alpha}), β = −tilt_beta, φ the
     * detector azimuth, θ = −elevation; the TEM's keys, else the SEM's. Tilts and azimuth default to 0.
     *
     * @param md metadata
     * @return the take-off angle in degrees
     * @throws IllegalArgumentException if the detector elevation angle is not set
     */
    public static double takeOffAngle(Metadata md) {
        String root = md.get("Acquisition_instrument.TEM") != null ? "Acquisition_instrument.TEM" : "Acquisition_instrument.SEM";
        OptionalDouble el = md.number(root + ".Detector.EDS.elevation_angle");
        if (el.isEmpty()) {
            throw new IllegalArgumentException("take-off angle unknown: set Acquisition_instrument.TEM.Detector.EDS.elevation_angle (and Stage.tilt_alpha) in the metadata or give takeOffAngle (degrees; tessera map --take-off-angle-deg)");
        }
        double alpha = Math.toRadians(md.number(root + ".Stage.tilt_alpha").orElse(0));
        double beta = -Math.toRadians(md.number(root + ".Stage.tilt_beta").orElse(0));
        double phi = Math.toRadians(md.number(root + ".Detector.EDS.azimuth_angle").orElse(0));
        double theta = -Math.toRadians(el.getAsDouble());
        double c = Math.sin(alpha) * Math.cos(beta) * Math.cos(phi) * Math.cos(theta) - Math.sin(beta) * Math.sin(phi) * Math.cos(theta)
                - Math.cos(alpha) * Math.cos(beta) * Math.sin(theta);
        return 90 - Math.toDegrees(Math.acos(c));
    }

    /**
     * HyperSpy's {@code EDSTEMSpectrum.vacuum_mask(threshold, closing)}: a pixel is vacuum when the largest count of
     * its spectrum is at most the threshold; with {@code closing}, a morphological closing (binary dilation with
     * outside = not vacuum, then erosion with outside = vacuum, 4-neighbour cross; scipy.ndimage's defaults) fills
     * small gaps in the vacuum.
     *
     * @param data      EDX line scan {@code [n, nE]} or spectrum image {@code [ny, nx, nE]}
     * @param threshold largest count of a vacuum spectrum (HyperSpy's default 1.0)
     * @param closing   apply the closing (HyperSpy's default true)
     * @return one flag per pixel, row-major, true for vacuum
     * @throws IllegalArgumentException for data without one or two navigation axes
     */
    public static boolean[] vacuumMask(Dataset data, double threshold, boolean closing) {
        List<Axis> nav = data.navigationAxes();
        if (nav.isEmpty() || nav.size() > 2) {
            throw new IllegalArgumentException("a vacuum mask needs a line scan or a spectrum image, the data have " + nav.size() + " navigation axes");
        }
        int ny = nav.size() == 2 ? nav.get(0).size() : 1;
        int nx = nav.get(nav.size() - 1).size();
        int nE = data.signalSize();
        boolean[] m = new boolean[ny * nx];
        double[] buf = new double[nE];
        for (int p = 0; p < m.length; p++) {
            data.readDoubles((long) p * nE, nE, buf, 0);
            double mx = Double.NEGATIVE_INFINITY;
            for (double v : buf) {
                mx = Math.max(mx, v);
            }
            m[p] = mx <= threshold;
        }
        if (!closing) {
            return m;
        }
        boolean twoD = nav.size() == 2;
        boolean[] d = new boolean[m.length];
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                int p = y * nx + x;
                d[p] = m[p] || x > 0 && m[p - 1] || x < nx - 1 && m[p + 1] || twoD && (y > 0 && m[p - nx] || y < ny - 1 && m[p + nx]);
            }
        }
        boolean[] e = new boolean[m.length];
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                int p = y * nx + x;
                e[p] = d[p] && (x == 0 || d[p - 1]) && (x == nx - 1 || d[p + 1]) && (!twoD || (y == 0 || d[p - nx]) && (y == ny - 1 || d[p + nx]));
            }
        }
        return e;
    }

    /**
     * Quantifies line intensities.
     *
     * @param intensities background-subtracted intensities {@code [nLines, nav...]} with {@code Sample.xray_lines}
     *                    (as {@link LineIntensities#intensities()})
     * @param sigma       their standard deviations, same shape, or null (σ of the composition then 0)
     * @param o           method, factors, units, absorption settings
     * @return composition, σ and, per method, mass thickness or atom counts
     * @throws IllegalArgumentException if fewer than two lines are given, the factors do not match the lines, the
     *                                  intensities carry no line labels, or a quantity the method needs (thickness,
     *                                  take-off angle, beam current, live time, probe area) is neither given nor in the
     *                                  metadata
     */
    public static Result quantify(Dataset intensities, Dataset sigma, Options o) {
        List<String> lines = LineIntensities.strings(intensities.metadata().get(LineIntensities.XRAY_LINES_KEY));
        int n = intensities.axis(0).size();
        if (lines.size() != n) {
            throw new IllegalArgumentException("the intensities carry " + lines.size() + " X-ray line labels (Sample.xray_lines) for " + n + " lines on their first axis");
        }
        if (n < 2) {
            throw new IllegalArgumentException("quantification needs at least two X-ray lines, got " + lines);
        }
        if (o.factors().length != n) {
            throw new IllegalArgumentException((o.method() == Method.CL ? "k-factors" : o.method() == Method.ZETA ? "zeta-factors" : "cross sections") + ": "
                    + o.factors().length + " given for the " + n + " lines " + lines + "; give one per line");
        }
        if (sigma != null && sigma.size() != intensities.size()) {
            throw new IllegalArgumentException("sigma has " + sigma.size() + " values, the intensities " + intensities.size());
        }
        Metadata md = intensities.metadata();
        XrayLines table = XrayLines.standard();
        List<String> elements = new ArrayList<>();
        double[] energy = new double[n];
        double[] aw = new double[n];
        double[] rho = new double[n];
        for (int i = 0; i < n; i++) {
            XrayLine l = table.line(lines.get(i));
            elements.add(l.element());
            energy[i] = l.energyKev();
            aw[i] = Elements.atomicWeight(l.element());
            rho[i] = Elements.density(l.element());
        }
        int np = (int) (intensities.size() / n);
        double[] in = intensities.toDoubleArray();
        double[] sg = sigma == null ? new double[in.length] : sigma.toDoubleArray();
        double[] f = o.factors();
        Method m = o.method();

        double toa = Double.NaN, dose = Double.NaN, area = Double.NaN, density = o.densityGcm3();
        if (o.absorptionCorrection()) {
            toa = Double.isNaN(o.takeOffAngleDeg()) ? takeOffAngle(md) : o.takeOffAngleDeg();
            if (!(toa > 0 && toa <= 90)) {
                throw new IllegalArgumentException("take-off angle must be in (0, 90] degrees, got " + toa);
            }
            if (m == Method.CL && !(o.thicknessNm() > 0)) {
                throw new IllegalArgumentException("the absorption correction of the Cliff-Lorimer method needs the sample thickness: give thickness (nm; tessera map --thickness-nm)");
            }
            if (m == Method.CL && Double.isNaN(density)) {
                for (int i = 0; i < n; i++) {
                    if (Double.isNaN(rho[i])) {
                        throw new IllegalArgumentException("no tabulated density for " + elements.get(i) + ": give the sample density (g/cm3; tessera map --density)");
                    }
                }
            }
        }
        if (m != Method.CL) {
            double current = Double.isNaN(o.beamCurrentNa()) ? md.number(BEAM_CURRENT_KEY).orElse(Double.NaN) : o.beamCurrentNa();
            double live = Double.isNaN(o.liveTimeS()) ? md.liveTimeS().orElse(Double.NaN) : o.liveTimeS();
            if (!(current > 0)) {
                throw new IllegalArgumentException("the " + m.name().toLowerCase(Locale.ROOT) + " method needs the beam current: set " + BEAM_CURRENT_KEY + " (nA) or give beamCurrent (nA; tessera map --beam-current-na)");
            }
            if (!(live > 0)) {
                throw new IllegalArgumentException("the " + m.name().toLowerCase(Locale.ROOT) + " method needs the live time: set Acquisition_instrument.TEM.Detector.EDS.live_time (s) or give liveTime (s; tessera map --live-time-s)");
            }
            dose = live * current * 1e-9 / ELEMENTARY_CHARGE;
            if (m == Method.CROSS_SECTION) {
                area = Double.isNaN(o.probeAreaNm2()) ? md.number(PROBE_AREA_KEY).orElse(Double.NaN) : o.probeAreaNm2();
                if (Double.isNaN(area)) {
                    area = pixelAreaNm2(intensities);
                }
                if (!(area > 0)) {
                    throw new IllegalArgumentException("probe area must be positive, got " + area + " nm2");
                }
                dose /= area;
            }
        }

        double[] acf = new double[in.length];
        java.util.Arrays.fill(acf, 1);
        double[] comp = new double[in.length]; // weight % (CL, zeta) or atomic % (cross section), HyperSpy's loop variable
        double[] old = new double[in.length];
        double[] mt = new double[np];
        double[] atoms = m == Method.CROSS_SECTION ? new double[in.length] : null;
        boolean[] fixed = new boolean[np];
        boolean[] mask = m == Method.CL ? o.mask() : null;
        if (mask != null && mask.length != np) {
            throw new IllegalArgumentException("the navigation mask has " + mask.length + " pixels, the intensities " + np);
        }
        int it = 0;
        while (true) {
            for (int p = 0; p < np; p++) {
                if (m == Method.CL && mask != null && mask[p]) {
                    fixed[p] = true;
                    for (int i = 0; i < n; i++) {
                        comp[i * np + p] = 0;
                    }
                    continue;
                }
                if (m == Method.CL) {
                    int above = 0, only = -1;
                    for (int i = 0; i < n; i++) {
                        if (in[i * np + p] > MIN_INTENSITY) {
                            above++;
                            only = i;
                        }
                    }
                    if (above < 2) {
                        fixed[p] = true;
                        for (int i = 0; i < n; i++) {
                            comp[i * np + p] = above == 1 && i == only ? 100 : 0;
                        }
                        continue;
                    }
                    double s = 0;
                    for (int i = 0; i < n; i++) {
                        s += f[i] * acf[i * np + p] * in[i * np + p];
                    }
                    for (int i = 0; i < n; i++) {
                        comp[i * np + p] = 100 * f[i] * acf[i * np + p] * in[i * np + p] / s;
                    }
                } else if (m == Method.ZETA) {
                    double s = 0;
                    for (int i = 0; i < n; i++) {
                        s += f[i] * acf[i * np + p] * in[i * np + p];
                    }
                    for (int i = 0; i < n; i++) {
                        comp[i * np + p] = 100 * f[i] * acf[i * np + p] * in[i * np + p] / s;
                    }
                    mt[p] = s / dose;
                } else {
                    double s = 0;
                    for (int i = 0; i < n; i++) {
                        double a = in[i * np + p] / (f[i] * dose * 1e-10) * acf[i * np + p];
                        atoms[i * np + p] = a;
                        s += a;
                    }
                    for (int i = 0; i < n; i++) {
                        comp[i * np + p] = 100 * atoms[i * np + p] / s;
                    }
                }
            }
            if (o.absorptionCorrection()) {
                double csc = 1 / Math.sin(Math.toRadians(toa));
                double[] w = new double[n];
                for (int p = 0; p < np; p++) {
                    double ws = 0;
                    for (int i = 0; i < n; i++) {
                        double c = comp[i * np + p];
                        w[i] = m == Method.CROSS_SECTION ? c * aw[i] : c;
                        ws += w[i];
                    }
                    if (m == Method.CL) {
                        if (Double.isNaN(density)) {
                            double s = 0;
                            for (int i = 0; i < n; i++) {
                                s += comp[i * np + p] * o.thicknessNm() * rho[i] * 1e-8;
                            }
                            mt[p] = s;
                        } else {
                            mt[p] = density * o.thicknessNm() * 1e-6 * ws / 100;
                        }
                    } else if (m == Method.CROSS_SECTION) {
                        double s = 0;
                        for (int i = 0; i < n; i++) {
                            s += atoms[i * np + p] * aw[i] / PhotoAbsorption.AVOGADRO / 1e3 / area / 1e-18;
                        }
                        mt[p] = s;
                    }
                    for (int i = 0; i < n; i++) {
                        double mac = 0;
                        if (ws != 0 && Double.isFinite(ws)) {
                            for (int j = 0; j < n; j++) {
                                mac += w[j] / ws * PhotoAbsorption.massAbsorption(elements.get(j), energy[i] * 1000);
                            }
                        }
                        double chi = mac * 0.1 * mt[p] * csc;
                        acf[i * np + p] = chi > 0 && Double.isFinite(chi) ? chi / (-Math.expm1(-chi)) : 1;
                    }
                }
            }
            double resMax = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < comp.length; j++) {
                double d = comp[j] - old[j];
                if (d > resMax) {
                    resMax = d;
                }
            }
            System.arraycopy(comp, 0, old, 0, comp.length);
            it++;
            if (!o.absorptionCorrection() || Math.abs(resMax) < o.convergence()) {
                break;
            }
            if (it >= o.maxIterations()) {
                throw new IllegalArgumentException("the absorption correction did not converge after " + o.maxIterations() + " iterations (criterion " + o.convergence() + " %)");
            }
        }

        // final units and σ: p_i = g_i I_i / Σ g_j I_j
        double[] out = new double[in.length];
        double[] outSig = new double[in.length];
        double[] g = new double[n];
        for (int p = 0; p < np; p++) {
            if (m == Method.CL && fixed[p]) {
                for (int i = 0; i < n; i++) {
                    out[i * np + p] = comp[i * np + p];
                }
                continue;
            }
            double s = 0;
            for (int i = 0; i < n; i++) {
                double a = acf[i * np + p];
                g[i] = m == Method.CROSS_SECTION ? (o.atomic() ? a / f[i] : a / f[i] * aw[i]) : (o.atomic() ? f[i] * a / aw[i] : f[i] * a);
                s += g[i] * in[i * np + p];
            }
            for (int i = 0; i < n; i++) {
                double pi = g[i] * in[i * np + p] / s;
                out[i * np + p] = s == 0 ? 0 : 100 * pi;
                double v = 0;
                for (int j = 0; j < n; j++) {
                    double d = ((i == j ? 1 : 0) - pi) * g[j] / s * sg[j * np + p];
                    v += d * d;
                }
                outSig[i * np + p] = s == 0 ? 0 : 100 * Math.sqrt(v);
            }
        }
        List<Axis> axes = intensities.axes();
        String unit = o.atomic() ? "at.%" : "wt%";
        Metadata mc = resultMetadata(md, lines, elements, unit, (o.atomic() ? "Atomic" : "Weight") + " percent (" + m.name() + ")");
        Metadata msg = resultMetadata(md, lines, elements, unit + " (standard deviation)", (o.atomic() ? "Atomic" : "Weight") + " percent sigma (" + m.name() + ")");
        Dataset massThickness = null;
        if (m == Method.ZETA || o.absorptionCorrection() && m == Method.CL || o.absorptionCorrection() && m == Method.CROSS_SECTION) {
            List<Axis> nav = axes.size() > 1 ? axes.subList(1, axes.size()) : List.of(Axis.uncalibrated("pixel", 1, true));
            Metadata mm = md.copy();
            mm.set(Metadata.QUANTITY, "Mass thickness (kg/m2)");
            mm.title("Mass thickness");
            massThickness = Dataset.ofDoubles(mt, nav, mm);
        }
        Dataset atomsDs = null;
        if (atoms != null) {
            atomsDs = Dataset.ofDoubles(atoms, axes, resultMetadata(md, lines, elements, "atoms", "Atom counts"));
        }
        return new Result(lines, elements, Dataset.ofDoubles(out, axes, mc), Dataset.ofDoubles(outSig, axes, msg), massThickness, atomsDs, it);
    }

    private static Metadata resultMetadata(Metadata src, List<String> lines, List<String> elements, String quantity, String title) {
        Metadata m = src.copy();
        m.set(LineIntensities.XRAY_LINES_KEY, new ArrayList<>(lines));
        m.set(Metadata.ELEMENTS, new ArrayList<>(elements));
        m.set(Metadata.QUANTITY, quantity);
        m.set(ElementMaps.LABELS, new ArrayList<>(elements));
        m.set(ElementMaps.METHOD, title);
        m.set(ElementMaps.WINDOWS, null);
        m.set(ElementMaps.MARKERS, null);
        m.set(ElementMaps.SUMMARY, null);
        m.title(title + ": " + String.join(", ", elements));
        return m;
    }

    /** HyperSpy's {@code get_probe_area}: the pixel area from the (at most two) navigation axes, in nm². */
    private static double pixelAreaNm2(Dataset intensities) {
        List<Axis> ax = intensities.axes();
        if (ax.size() < 2) {
            throw new IllegalArgumentException("the cross-section method needs the probe area of a single spectrum: set " + PROBE_AREA_KEY + " (nm2) or give probeArea (nm2; tessera map --probe-area-nm2)");
        }
        if (ax.size() > 3) {
            throw new IllegalArgumentException("the probe area is ambiguous for " + (ax.size() - 1) + " navigation axes: give probeArea (nm2)");
        }
        double[] s = new double[ax.size() - 1];
        for (int i = 1; i < ax.size(); i++) {
            s[i - 1] = Math.abs(ax.get(i).scale()) * nmPer(ax.get(i));
        }
        return s.length == 1 ? s[0] * s[0] : s[0] * s[1];
    }

    private static double nmPer(Axis a) {
        return switch (a.units().trim()) {
            case "nm" -> 1;
            case "µm", "μm", "um" -> 1e3;
            case "Å", "A", "angstrom" -> 0.1;
            case "pm" -> 1e-3;
            case "mm" -> 1e6;
            default -> throw new IllegalArgumentException("navigation axis '" + a.name() + "' is in '" + a.units() + "', not a length: give probeArea (nm2)");
        };
    }
}
