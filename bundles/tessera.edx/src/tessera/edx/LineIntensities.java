package tessera.edx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.IntStream;

import tessera.core.analysis.ElementMaps;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;

/**
 * Background-subtracted X-ray line intensities (counts) of an EDX spectrum, line scan or spectrum image, as
 * HyperSpy 1.7.3's {@code EDSSpectrum.get_lines_intensity(xray_lines, integration_windows=w,
 * background_windows=s.estimate_background_windows(line_width, windows_width))}.
 * <p>
 * For each line of energy E and detector width FWHM(E) ({@link DetectorResolution}, Fiori–Newbury, from
 * {@code energy_resolution_MnKa}): the counts are summed over the integration window E ± w·FWHM/2 (default
 * w = 2); the background is the sum over two windows [E − (l₀+b)·FWHM, E − l₀·FWHM] and [E + l₁·FWHM,
 * E + (l₁+b)·FWHM] (defaults l = [2, 2], b = 1), merged with a neighbouring line's windows where they overlap as
 * HyperSpy does, scaled by the ratio of the channel counts (n_int / (n_left + n_right)) and subtracted. Channels are
 * chosen with HyperSpy's rules: a window [a, b] covers the channels i₀ ≤ i &lt; i₁ with i = {@code value2index}
 * (nearest channel, a half rounded towards the axis origin, after truncating (v − offset)/scale to 12 decimals); a
 * background window whose two ends fall on the same channel counts that one channel but adds 0 to the channel
 * count of the ratio. The standard deviation is Poisson: σ² = N_int + r²·(N_left + N_right), r the ratio.
 * <p>
 * Energies are in keV (the unit of HyperSpy's EDX axes); an axis in eV is accepted and handled in eV. The result
 * datasets are shaped {@code [nLines, nav...]} ({@code [nLines]} for one spectrum): the first axis, named
 * {@code "X-ray line"}, is a navigation axis and the data's navigation axes become signal (image) axes. Their
 * metadata are a copy of the data's with {@code Sample.xray_lines} (the line labels, {@code List<String>}),
 * {@code Sample.elements}, {@code Signal.quantity} and the windows used under {@link #INTEGRATION_WINDOWS_KEY} and
 * {@link #BACKGROUND_WINDOWS_KEY} ({@code List<List<Double>>}, keV).
 * <p>
 * Sources: HyperSpy 1.7.3, {@code hyperspy/_signals/eds.py} ({@code get_lines_intensity},
 * {@code estimate_background_windows}, {@code estimate_integration_windows}) and {@code hyperspy/axes.py}
 * ({@code UniformDataAxis.value2index}), doi:10.5281/zenodo.7263263; D. B. Williams, C. B. Carter, Transmission
 * Electron Microscopy, 2nd ed. (2009) §35.2 (window background subtraction), doi:10.1007/978-0-387-76501-3.
 *
 * @param windows     the windows used, one per line, in the order of the result's first axis
 * @param intensities background-subtracted intensities in counts, shape {@code [nLines, nav...]}
 * @param sigma       their Poisson standard deviations in counts, same shape
 */
public record LineIntensities(List<LineWindow> windows, Dataset intensities, Dataset sigma) {

    /** metadata key of the integration windows, {@code [[low, high], ...]} in keV, one per line */
    public static final String INTEGRATION_WINDOWS_KEY = "Analysis.EDS.integration_windows";
    /** metadata key of the background windows, {@code [[leftLow, leftHigh, rightLow, rightHigh], ...]} in keV (empty lists: none) */
    public static final String BACKGROUND_WINDOWS_KEY = "Analysis.EDS.background_windows";
    /** metadata key of the X-ray lines, as HyperSpy */
    public static final String XRAY_LINES_KEY = "Sample.xray_lines";
    /** metadata key of the detector resolution (FWHM at Mn Kα, eV) of a TEM, as HyperSpy */
    public static final String RESOLUTION_TEM_KEY = "Acquisition_instrument.TEM.Detector.EDS.energy_resolution_MnKa";
    /** metadata key of the detector resolution (FWHM at Mn Kα, eV) of a SEM, as HyperSpy */
    public static final String RESOLUTION_SEM_KEY = "Acquisition_instrument.SEM.Detector.EDS.energy_resolution_MnKa";

    /** Copies the window list. */
    public LineIntensities {
        windows = List.copyOf(windows);
    }

    /**
     * How to compute line intensities; HyperSpy's defaults are {@link #defaults()}.
     *
     * @param lines              line labels ({@code Fe_Ka}), or null/empty for {@link #lines(Dataset, List)}'s default
     * @param integrationWindows integration window width in units of the line's FWHM (HyperSpy's
     *                           {@code integration_windows}, default 2)
     * @param backgroundWindows  true to subtract the background of {@code estimate_background_windows}
     * @param energyResolutionEv detector FWHM at Mn Kα in eV, or NaN to read it from the metadata
     * @param lineWidth          distance of the left and right background windows from the line, in FWHM
     *                           (HyperSpy's {@code line_width}, default {2, 2})
     * @param windowsWidth       width of each background window, in FWHM (HyperSpy's {@code windows_width}, default 1)
     */
    public record Options(List<String> lines, double integrationWindows, boolean backgroundWindows, double energyResolutionEv, double[] lineWidth,
            double windowsWidth) {

        /** @throws IllegalArgumentException if a width is not positive or lineWidth has not two values */
        public Options {
            lines = lines == null ? List.of() : List.copyOf(lines);
            if (!(integrationWindows > 0) || !Double.isFinite(integrationWindows)) {
                throw new IllegalArgumentException("integration window width must be a positive number of FWHM, not " + integrationWindows);
            }
            lineWidth = lineWidth == null ? new double[] {2, 2} : lineWidth.clone();
            if (lineWidth.length != 2) {
                throw new IllegalArgumentException("lineWidth needs two values (left, right) in FWHM");
            }
            if (!(windowsWidth > 0) || !Double.isFinite(windowsWidth)) {
                throw new IllegalArgumentException("background window width must be a positive number of FWHM, not " + windowsWidth);
            }
            if (!Double.isNaN(energyResolutionEv)) {
                new DetectorResolution(energyResolutionEv);
            }
        }

        /** @return HyperSpy's defaults: metadata lines, integration 2 FWHM, background windows at 2 FWHM, 1 FWHM wide, metadata resolution */
        public static Options defaults() {
            return new Options(List.of(), 2, true, Double.NaN, new double[] {2, 2}, 1);
        }

        /** @return these options with other lines */
        public Options withLines(List<String> l) {
            return new Options(l, integrationWindows, backgroundWindows, energyResolutionEv, lineWidth, windowsWidth);
        }

        /** @return these options with background subtraction on or off */
        public Options withBackground(boolean on) {
            return new Options(lines, integrationWindows, on, energyResolutionEv, lineWidth, windowsWidth);
        }

        /** @return these options with another integration width (FWHM) */
        public Options withIntegrationWindows(double w) {
            return new Options(lines, w, backgroundWindows, energyResolutionEv, lineWidth, windowsWidth);
        }

        /** @return these options with a given detector resolution (eV at Mn Kα; NaN: metadata) */
        public Options withEnergyResolution(double ev) {
            return new Options(lines, integrationWindows, backgroundWindows, ev, lineWidth, windowsWidth);
        }

        /** @return the left and right distances (a copy) */
        @Override
        public double[] lineWidth() {
            return lineWidth.clone();
        }
    }

    /**
     * Line intensities with HyperSpy's defaults ({@link Options#defaults()}).
     *
     * @param data EDX spectrum {@code [nE]}, line scan or spectrum image {@code [ny, nx, nE]}, energy axis last in keV
     * @return intensities and σ, shape {@code [nLines, nav...]}
     * @throws IllegalArgumentException see {@link #compute(Dataset, Options)}
     */
    public static LineIntensities compute(Dataset data) {
        return compute(data, Options.defaults());
    }

    /**
     * Line intensities.
     *
     * @param data    EDX spectrum {@code [nE]}, line scan or spectrum image {@code [ny, nx, nE]}, energy axis last (keV or eV)
     * @param options lines, window widths, resolution
     * @return intensities and σ, shape {@code [nLines, nav...]}
     * @throws IllegalArgumentException if the data have no energy axis in keV/eV, no line is given or found (an element
     *                                  without a line in the energy range, a line outside it), the detector resolution is
     *                                  neither given nor in the metadata, or a window falls outside the energy axis
     */
    public static LineIntensities compute(Dataset data, Options options) {
        List<XrayLine> lines = lines(data, options.lines());
        double res = Double.isNaN(options.energyResolutionEv()) ? energyResolutionEv(data.metadata()) : options.energyResolutionEv();
        return integrate(data, windows(lines, new DetectorResolution(res), options));
    }

    /**
     * The X-ray lines to map, as HyperSpy's {@code _parse_xray_lines(None, only_one=True, only_lines=("a",))}: the
     * requested labels; else the metadata's {@code Sample.xray_lines}; else for each of {@code Sample.elements} its
     * default line ({@link XrayLines#defaultLine}), sorted by label. Lines must lie strictly inside the energy axis
     * and below the beam energy; metadata lines outside it are dropped (HyperSpy warns), requested ones are an error.
     * The windows are then made for these lines. (HyperSpy 1.7.3 without {@code Sample.xray_lines} differs: its
     * {@code estimate_background_windows()} takes every α line of each element while {@code get_lines_intensity}
     * takes one, and pairs the two lists by position, so lines get other lines' background windows; with the lines
     * set, e.g. by {@code add_lines()}, the two agree with this.)
     *
     * @param data      EDX data, energy axis last
     * @param requested line labels, or null/empty for the metadata's
     * @return the lines, at least one
     * @throws IllegalArgumentException if a requested line is unknown or outside the energy range, an element has no
     *                                  line in the range, or neither lines nor elements are given
     */
    public static List<XrayLine> lines(Dataset data, List<String> requested) {
        Axis e = energyAxis(data);
        double u = unitFactor(e);
        double low = Math.min(e.value(0), e.high()) / u;
        double high = Math.max(e.value(0), e.high()) / u;
        OptionalDouble beam = data.metadata().beamEnergyKv();
        double top = beam.isPresent() ? Math.min(high, beam.getAsDouble()) : high;
        XrayLines table = XrayLines.standard();
        String range = String.format(Locale.ROOT, "%.3f–%.3f keV", low, top) + (beam.isPresent() && beam.getAsDouble() < high ? " (beam energy)" : "");
        List<XrayLine> out = new ArrayList<>();
        if (requested != null && !requested.isEmpty()) {
            for (String r : requested) {
                XrayLine l = table.line(r);
                if (!(l.energyKev() > low && l.energyKev() < top)) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT, "X-ray line %s at %.4f keV is outside the energy range %s of the data", l.label(),
                            l.energyKev(), range));
                }
                out.add(l);
            }
            return List.copyOf(out);
        }
        List<String> meta = strings(data.metadata().get(XRAY_LINES_KEY));
        if (!meta.isEmpty()) {
            for (String r : meta) {
                XrayLine l = table.line(r);
                if (l.energyKev() > low && l.energyKev() < top) {
                    out.add(l);
                }
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException("none of the X-ray lines " + meta + " in the metadata (Sample.xray_lines) lies in the energy range " + range
                        + "; give the lines to map (e.g. lines=Fe_Ka,Pt_La)");
            }
            return List.copyOf(out);
        }
        List<String> elements = data.metadata().elements();
        if (elements.isEmpty()) {
            throw new IllegalArgumentException("no X-ray lines to map: the metadata has neither Sample.xray_lines nor Sample.elements; give the lines (e.g. lines=Fe_Ka,Pt_La)");
        }
        return defaultLines(data, elements);
    }

    /**
     * The default line of each element ({@link XrayLines#defaultLine}: its Kα, else Lα, else Mα inside the energy axis
     * and below the beam energy), sorted by label, as HyperSpy picks lines from {@code Sample.elements}.
     *
     * @param data     EDX data, energy axis last
     * @param elements element symbols, e.g. {@code Fe, Pt}
     * @return one line per element
     * @throws IllegalArgumentException if an element is unknown or has no such line in the energy range
     */
    public static List<XrayLine> defaultLines(Dataset data, List<String> elements) {
        Axis e = energyAxis(data);
        double u = unitFactor(e);
        double low = Math.min(e.value(0), e.high()) / u;
        double high = Math.max(e.value(0), e.high()) / u;
        OptionalDouble beam = data.metadata().beamEnergyKv();
        double beamKv = beam.isPresent() ? beam.getAsDouble() : high;
        String range = String.format(Locale.ROOT, "%.3f–%.3f keV", low, Math.min(high, beamKv));
        List<XrayLine> out = new ArrayList<>();
        for (String el : elements) {
            out.add(XrayLines.standard().defaultLine(el, low, high, beamKv).orElseThrow(() -> new IllegalArgumentException(
                    "element " + el + " has no Ka, La or Ma line in the energy range " + range + "; leave it out or give the lines to map")));
        }
        out.sort(Comparator.comparing(XrayLine::label));
        return List.copyOf(out);
    }

    /**
     * @param md metadata
     * @return {@code energy_resolution_MnKa} of the TEM, else the SEM, detector in eV
     * @throws IllegalArgumentException if neither is set
     */
    public static double energyResolutionEv(Metadata md) {
        OptionalDouble v = md.number(RESOLUTION_TEM_KEY);
        if (v.isEmpty()) {
            v = md.number(RESOLUTION_SEM_KEY);
        }
        if (v.isEmpty()) {
            throw new IllegalArgumentException("the detector energy resolution is missing: set " + RESOLUTION_TEM_KEY + " in the metadata or give energyResolution (eV at Mn Ka, e.g. 130; tessera map --energy-resolution-ev)");
        }
        return v.getAsDouble();
    }

    /**
     * The integration and background windows of HyperSpy's {@code estimate_integration_windows(w)} and
     * {@code estimate_background_windows(line_width, windows_width)}, background windows of neighbouring lines merged
     * where they overlap: in the order of the left window's start, when line a's right window starts after line b's
     * left window starts, both get a's left window and b's right window.
     *
     * @param lines      the lines
     * @param resolution detector resolution
     * @param options    widths (integrationWindows, backgroundWindows, lineWidth, windowsWidth)
     * @return one window set per line, same order, energies in keV
     */
    public static List<LineWindow> windows(List<XrayLine> lines, DetectorResolution resolution, Options options) {
        int n = lines.size();
        double[][] bw = new double[n][];
        double[] lw = options.lineWidth();
        double ww = options.windowsWidth();
        for (int i = 0; i < n; i++) {
            double e = lines.get(i).energyKev();
            double f = resolution.fwhmKev(e);
            bw[i] = new double[] {e - f * lw[0] - f * ww, e - f * lw[0], e + f * lw[1], e + f * lw[1] + f * ww};
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double[] starts = new double[n];
        for (int i = 0; i < n; i++) {
            starts[i] = bw[i][0];
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> starts[i]));
        for (int k = 0; k < n - 1; k++) {
            int a = order[k], b = order[k + 1];
            if (bw[a][2] > bw[b][0]) {
                double[] merged = {bw[a][0], bw[a][1], bw[b][2], bw[b][3]};
                bw[a] = merged.clone();
                bw[b] = merged.clone();
            }
        }
        List<LineWindow> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            XrayLine l = lines.get(i);
            double f = resolution.fwhmKev(l.energyKev());
            double det = options.integrationWindows() * f / 2;
            out.add(new LineWindow(l, f, l.energyKev() - det, l.energyKev() + det, options.backgroundWindows() ? bw[i] : null));
        }
        return out;
    }

    /**
     * Integrates given windows (HyperSpy's {@code get_lines_intensity} with explicit windows).
     *
     * @param data    EDX data, energy axis last (keV, or eV: the windows are then scaled by 1000)
     * @param windows one window set per line (keV)
     * @return intensities and σ, shape {@code [nLines, nav...]}
     * @throws IllegalArgumentException if a window falls outside the energy axis (HyperSpy: "value out of the axis
     *                                  limits"), or a line's background windows hold no channel
     */
    public static LineIntensities integrate(Dataset data, List<LineWindow> windows) {
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("no X-ray lines to integrate");
        }
        Axis e = energyAxis(data);
        double u = unitFactor(e);
        int n = windows.size();
        int[][] idx = new int[n][];
        double[] corr = new double[n];
        for (int i = 0; i < n; i++) {
            LineWindow w = windows.get(i);
            String what = w.line().label() + " integration window";
            int s0 = sliceStart(e, w.integrationLow() * u, what);
            int s1 = sliceStop(e, w.integrationHigh() * u, what);
            double[] b = w.background();
            if (b == null) {
                idx[i] = new int[] {s0, s1};
                continue;
            }
            String bwhat = w.line().label() + " background window";
            int[] k = new int[6];
            double[] v = {b[0], b[1], b[2], b[3], w.integrationLow(), w.integrationHigh()};
            for (int j = 0; j < 6; j++) {
                k[j] = strictIndex(e, v[j] * u, j < 4 ? bwhat : what);
            }
            int den = (k[1] - k[0]) + (k[3] - k[2]);
            if (den == 0) {
                throw new IllegalArgumentException("the background windows of " + w.line().label() + " hold no channel: widen them (windowsWidth)");
            }
            corr[i] = (double) (k[5] - k[4]) / den;
            idx[i] = new int[] {s0, s1, k[0], k[1], k[2], k[3]};
        }
        int nE = e.size();
        // only the channels the windows touch are read: the runs of needed channels of every spectrum, packed
        boolean[] needed = new boolean[nE];
        for (int[] k : idx) {
            for (int j = 0; j < k.length; j += 2) {
                int hiJ = k.length == 6 && j > 0 && k[j] == k[j + 1] ? k[j] + 1 : k[j + 1];
                for (int c = k[j]; c < hiJ; c++) {
                    needed[c] = true;
                }
            }
        }
        int[] pos = new int[nE + 1];
        List<int[]> runs = new ArrayList<>(); // {first channel, length, packed offset}
        int packed = 0;
        for (int c = 0; c < nE; c++) {
            pos[c] = packed;
            if (needed[c]) {
                if (c == 0 || !needed[c - 1]) {
                    runs.add(new int[] {c, 0, packed});
                }
                runs.get(runs.size() - 1)[1]++;
                packed++;
            }
        }
        pos[nE] = packed;
        final int span = Math.max(packed, 1);
        long nav = data.navigationSize();
        double[] inten = new double[(int) (n * nav)];
        double[] var = new double[inten.length];
        int block = (int) Math.min(nav, Math.max(1, (1 << 18) / span));
        int nBlocks = (int) ((nav + block - 1) / block);
        boolean contiguous = packed == nE;
        IntStream.range(0, nBlocks).parallel().forEach(bi -> {
            long p0 = (long) bi * block;
            int m = (int) Math.min(block, nav - p0);
            double[] buf = new double[m * span];
            if (contiguous) {
                data.readDoubles(p0 * nE, m * nE, buf, 0);
            } else {
                for (int q = 0; q < m; q++) {
                    for (int[] r : runs) {
                        data.readDoubles((p0 + q) * nE + r[0], r[1], buf, q * span + r[2]);
                    }
                }
            }
            for (int q = 0; q < m; q++) {
                int off = q * span;
                long p = p0 + q;
                for (int i = 0; i < n; i++) {
                    int[] k = idx[i];
                    double s = sum(buf, off, pos[k[0]], pos[k[0]] + (k[1] - k[0]));
                    double v = s;
                    if (k.length == 6) {
                        double b1 = k[2] == k[3] ? buf[off + pos[k[2]]] : sum(buf, off, pos[k[2]], pos[k[2]] + (k[3] - k[2]));
                        double b2 = k[4] == k[5] ? buf[off + pos[k[4]]] : sum(buf, off, pos[k[4]], pos[k[4]] + (k[5] - k[4]));
                        s -= (b1 + b2) * corr[i];
                        v += corr[i] * corr[i] * (b1 + b2);
                    }
                    inten[(int) (i * nav + p)] = s;
                    var[(int) (i * nav + p)] = v;
                }
            }
        });
        double[] sig = new double[var.length];
        for (int j = 0; j < var.length; j++) {
            sig[j] = Math.sqrt(Math.max(var[j], 0));
        }
        List<Axis> axes = new ArrayList<>();
        axes.add(Axis.uncalibrated("X-ray line", n, true));
        for (Axis a : data.navigationAxes()) {
            axes.add(a.withNavigate(false));
        }
        List<String> labels = windows.stream().map(w -> w.line().label()).toList();
        List<List<Double>> iw = new ArrayList<>();
        List<List<Double>> bws = new ArrayList<>();
        for (LineWindow w : windows) {
            iw.add(List.of(w.integrationLow(), w.integrationHigh()));
            double[] b = w.background();
            bws.add(b == null ? List.of() : List.of(b[0], b[1], b[2], b[3]));
        }
        Metadata mi = resultMetadata(data.metadata(), labels, windows, iw, bws, u, "X-ray counts", "X-ray line intensities of ");
        Metadata ms = resultMetadata(data.metadata(), labels, windows, iw, bws, u, "X-ray counts (standard deviation)", "X-ray line intensity sigma of ");
        return new LineIntensities(windows, Dataset.ofDoubles(inten, axes, mi), Dataset.ofDoubles(sig, axes, ms));
    }

    /** @return the line labels, in the order of the first axis */
    public List<String> labels() {
        return windows.stream().map(w -> w.line().label()).toList();
    }

    /**
     * @param label a line label, e.g. {@code Fe_Ka}
     * @return the intensity summed over all pixels (for one spectrum: its intensity), counts
     * @throws IllegalArgumentException if the line was not computed
     */
    public double total(String label) {
        int i = labels().indexOf(label);
        if (i < 0) {
            throw new IllegalArgumentException("no intensity for X-ray line " + label + " (computed: " + labels() + ")");
        }
        long per = intensities.size() / windows.size();
        double s = 0;
        for (long j = 0; j < per; j++) {
            s += intensities.getDouble(i * per + j);
        }
        return s;
    }

    private static Metadata resultMetadata(Metadata src, List<String> labels, List<LineWindow> windows, List<List<Double>> iw, List<List<Double>> bws, double unit,
            String quantity, String title) {
        Metadata m = src.copy();
        m.set(ElementMaps.LABELS, new ArrayList<>(labels));
        boolean background = windows.stream().anyMatch(w -> w.background() != null);
        m.set(ElementMaps.METHOD, "X-ray line intensities: counts in line ± w·FWHM/2" + (background ? " minus the background of two windows beside the line" : ", no background")
                + " (HyperSpy get_lines_intensity)");
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, Object> markers = new LinkedHashMap<>();
        for (LineWindow w : windows) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("label", w.line().label());
            r.put("lineKev", w.line().energyKev());
            r.put("fwhmEv", w.fwhm() * 1000);
            r.put("integrationKev", List.of(w.integrationLow(), w.integrationHigh()));
            double[] b = w.background();
            r.put("backgroundKev", b == null ? List.of() : List.of(b[0], b[1], b[2], b[3]));
            rows.add(r);
            markers.put(w.line().label(), w.line().energyKev() * unit);
        }
        m.set(ElementMaps.WINDOWS, rows);
        m.set(ElementMaps.MARKERS, markers);
        Map<String, Object> instrument = new LinkedHashMap<>();
        src.beamEnergyKv().ifPresent(v -> instrument.put("beamEnergyKv", v));
        if (!windows.isEmpty()) {
            LineWindow w = windows.get(0);
            double fEv = w.fwhm() * 1000;
            instrument.put("fwhmMnKaEv", Math.sqrt(fEv * fEv - 2.5 * (w.line().energyKev() - DetectorResolution.MN_KA_KEV) * 1000));
        }
        m.set(ElementMaps.INSTRUMENT, instrument);
        m.set(XRAY_LINES_KEY, new ArrayList<>(labels));
        m.set(Metadata.ELEMENTS, new ArrayList<>(new LinkedHashSet<>(windows.stream().map(w -> w.line().element()).toList())));
        m.set(Metadata.QUANTITY, quantity);
        m.set(Metadata.SIGNAL_TYPE, null);
        m.set(INTEGRATION_WINDOWS_KEY, new ArrayList<>(iw));
        m.set(BACKGROUND_WINDOWS_KEY, new ArrayList<>(bws));
        m.title(title + (src.title().isEmpty() ? "spectrum" : src.title()) + ": " + String.join(", ", labels));
        return m;
    }

    private static double sum(double[] b, int off, int from, int to) {
        double s = 0;
        for (int c = from; c < to; c++) {
            s += b[off + c];
        }
        return s;
    }

    static Axis energyAxis(Dataset data) {
        List<Axis> sig = data.signalAxes();
        if (sig.size() != 1) {
            throw new IllegalArgumentException("X-ray line intensities need one energy axis as the signal axis, the data have " + sig.size() + " signal axes");
        }
        return sig.get(0);
    }

    static double unitFactor(Axis e) {
        String un = e.units().trim();
        if (un.equals("keV")) {
            return 1;
        }
        if (un.equals("eV")) {
            return 1000;
        }
        throw new IllegalArgumentException("the energy axis '" + e.name() + "' is in '" + un + "', not keV or eV: calibrate it (keV for EDX data)");
    }

    /**
     * HyperSpy 1.7.3's {@code UniformDataAxis.value2index(v, rounding=round)}: (v − offset)/scale truncated to 12
     * decimals, then a half rounded towards zero for v ≥ 0 (away from zero for v &lt; 0) on an increasing axis.
     *
     * @return the index, possibly outside [0, size)
     */
    static long valueToIndex(Axis a, double v) {
        double x = (v - a.offset()) / a.scale() * 1e12;
        x = (x < 0 ? Math.ceil(x) : Math.floor(x)) / 1e12;
        boolean towardsZero = a.scale() > 0 ? v >= 0 : v < 0;
        double r;
        if (towardsZero) {
            r = x >= 0 ? Math.ceil(x - 0.5) : Math.floor(x + 0.5);
        } else {
            r = x >= 0 ? Math.floor(x + 0.5) : Math.ceil(x - 0.5);
        }
        return (long) r;
    }

    private static int strictIndex(Axis a, double v, String what) {
        long i = valueToIndex(a, v);
        if (i < 0 || i >= a.size()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "the %s (%.4f %s) lies outside the energy axis %.4f–%.4f %s", what, v, a.units(),
                    Math.min(a.value(0), a.high()), Math.max(a.value(0), a.high()), a.units()));
        }
        return (int) i;
    }

    /** the start of HyperSpy's {@code isig[a:b]}: below the axis → 0, above it → error */
    private static int sliceStart(Axis a, double v, String what) {
        long i = valueToIndex(a, v);
        if (i >= 0 && i < a.size()) {
            return (int) i;
        }
        if (v > Math.max(a.value(0), a.high())) {
            strictIndex(a, v, what);
        }
        return 0;
    }

    /** the stop of HyperSpy's {@code isig[a:b]}: above the axis → size, below it → error */
    private static int sliceStop(Axis a, double v, String what) {
        long i = valueToIndex(a, v);
        if (i >= 0 && i < a.size()) {
            return (int) i;
        }
        if (v < Math.min(a.value(0), a.high())) {
            strictIndex(a, v, what);
        }
        return a.size();
    }

    static List<String> strings(Object v) {
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> l) {
            l.forEach(o -> out.add(String.valueOf(o).trim()));
        } else if (v instanceof Object[] a) {
            for (Object o : a) {
                out.add(String.valueOf(o).trim());
            }
        } else if (v instanceof String s && !s.isBlank()) {
            for (String t : s.split(",")) {
                out.add(t.trim());
            }
        }
        out.removeIf(String::isEmpty);
        return out;
    }
}
