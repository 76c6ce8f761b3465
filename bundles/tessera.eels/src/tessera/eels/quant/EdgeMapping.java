package tessera.eels.quant;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

import tessera.core.analysis.IncompatibleDataException;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.eels.Edge;
import tessera.eels.EdgeTable;
import tessera.eels.PowerLawBackground;
import tessera.eels.xsection.CrossSections;
import tessera.eels.xsection.EdgeCrossSection;
import tessera.eels.xsection.Microscope;

/**
 * EELS elemental mapping of a core-loss spectrum, line scan or spectrum image, as {@code tessera map} runs it: each
 * element's edge chosen on the energy axis, its cross section, then either power-law background + window integral
 * ({@link ElementalMap}) or the linear model fit ({@link LinearModelFit}); atomic ratios from the pixel sums and, with
 * a low-loss spectrum, areal densities.
 * <p>
 * Sources: R. F. Egerton, Electron Energy-Loss Spectroscopy in the Electron Microscope, 3rd ed. (2011) §4.4–4.5,
 * doi:10.1007/978-1-4419-9583-4 (background, integration, ratios, Eq. 4.65–4.66 absolute quantification);
 * HyperSpy 1.7 {@code EELSSpectrum} model fitting for the model route.
 */
public final class EdgeMapping {

    private EdgeMapping() {
    }

    /**
     * What to map and how.
     *
     * @param elements         element symbols, e.g. {@code [Cu, Zn]}
     * @param edges            explicit edges {@code El_shell} (e.g. {@code Cu_L3}, {@code La_M5}), empty for the default
     *                         (K if on the axis, else L2,3, else with optical cross sections M4,5)
     * @param optical          optical-limit (FFAST) cross sections instead of hydrogenic ones
     * @param model            linear model fit instead of background + integral
     * @param windowEv         integration width above each onset (eV)
     * @param backgroundEv     pre-edge background window width (eV)
     * @param gapEv            gap between background window and onset (eV)
     * @param twoArea          two-area background fit (else log-log least squares)
     * @param fineStructureEv  model: width left out above each edge's deepest onset (eV)
     * @param beamKv           beam energy in kV, NaN for the file's
     * @param convergenceMrad  convergence semi-angle in mrad, NaN for the file's (else 0)
     * @param collectionMrad   collection semi-angle in mrad, NaN for the file's
     */
    public record Settings(List<String> elements, List<String> edges, boolean optical, boolean model, double windowEv, double backgroundEv, double gapEv,
            boolean twoArea, double fineStructureEv, double beamKv, double convergenceMrad, double collectionMrad) {
        /** Copies the lists. */
        public Settings {
            elements = List.copyOf(elements);
            edges = List.copyOf(edges);
        }
    }

    /**
     * One mapped edge.
     *
     * @param label        e.g. {@code Cu_L3}
     * @param crossSection its cross section
     * @param window       integration and background windows (integral method)
     */
    public record MappedEdge(String label, EdgeCrossSection crossSection, IntegrationWindow window) {
    }

    /**
     * The maps and their quantification.
     *
     * @param microscope   beam energy and angles used
     * @param edges        the mapped edges, in the order of the elements
     * @param labels       map labels, one per map (the edges' labels)
     * @param maps         per edge the map {@code [nav...]} ({@code [1]} for one spectrum)
     * @param sigmas       per edge its standard deviation, same shape
     * @param units        the maps' units ({@code counts}, or the model's amplitude units)
     * @param sums         per edge the sum over finite pixels
     * @param sigmaBarn    per edge the partial cross section σ(β, Δ) in barn (integral) or 1 (model)
     * @param ratios       every ordered pair's atomic ratio N_a / N_b with its counting σ
     * @param arealPerNm2  per edge the mean areal density in atoms/nm² (empty without a low-loss spectrum)
     */
    public record Result(Microscope microscope, List<MappedEdge> edges, List<String> labels, List<Dataset> maps, List<Dataset> sigmas, String units,
            double[] sums, double[] sigmaBarn, List<Quantification.Ratio> ratios, Map<String, Double> arealPerNm2) {
    }

    /**
     * Maps the elements of {@code s} in {@code data}.
     *
     * @param data     spectrum {@code [nE]}, line scan or spectrum image {@code [nav..., nE]}, energy loss in eV
     * @param lowLoss  low-loss spectrum or SI (one spectrum or one per position) for areal densities, or null
     * @param s        settings
     * @param source   the data's file name, for messages
     * @return the maps, ratios and areal densities
     * @throws IncompatibleDataException if the data have no eV energy axis, the microscope parameters are missing, an
     *                                   element has no usable edge on the axis, or the low loss does not match
     * @throws IllegalArgumentException  for an unknown element
     */
    public static Result map(Dataset data, Dataset lowLoss, Settings s, String source) {
        if (data.signalAxes().size() != 1) {
            throw new IncompatibleDataException(source + ": needs one energy (signal) axis, has " + data.signalAxes().size());
        }
        Axis e = data.axis(data.rank() - 1);
        if (!"eV".equalsIgnoreCase(e.units().trim())) {
            throw new IncompatibleDataException(source + ": energy axis units are '" + e.units() + "', expected eV (an EELS spectrum)");
        }
        Microscope mic = microscope(data, s, source);
        if (lowLoss != null) {
            if (lowLoss.signalAxes().size() != 1) {
                throw new IncompatibleDataException(source + ": the low-loss spectrum needs one energy axis");
            }
            if (lowLoss.navigationSize() != 1 && lowLoss.navigationSize() != data.navigationSize()) {
                throw new IncompatibleDataException(source + ": the low-loss data have " + lowLoss.navigationSize() + " spectra, the core loss " + data.navigationSize()
                        + " (need 1 or the same)");
            }
        }
        List<MappedEdge> chosen = choose(e, s, source);
        List<String> labels = new ArrayList<>();
        List<Dataset> maps = new ArrayList<>();
        List<Dataset> sigmas = new ArrayList<>();
        String units;
        if (!s.model()) {
            units = "counts";
            for (MappedEdge c : chosen) {
                ElementalMap m;
                try {
                    m = ElementalMap.integrate(data, c.label(), c.window(), s.twoArea());
                } catch (IncompatibleDataException ex) {
                    throw ex;
                } catch (IllegalArgumentException ex) {
                    throw new IncompatibleDataException(source + ": " + ex.getMessage());
                }
                labels.add(c.label());
                maps.add(m.intensity());
                sigmas.add(m.sigma());
            }
        } else {
            double[] range = fitRange(e, chosen, s);
            LinearModelFit.Result r;
            try {
                r = new LinearModelFit(chosen.stream().map(MappedEdge::crossSection).toList(), mic, range[0], range[1], s.fineStructureEv()).fit(data, lowLoss);
            } catch (IllegalArgumentException ex) {
                throw new IncompatibleDataException(source + ": " + ex.getMessage());
            }
            labels.addAll(r.labels());
            maps.addAll(r.amplitudes());
            sigmas.addAll(r.sigmas());
            units = r.units();
        }
        // ratios from the pixel sums (integral: Σ I_A/σ_A over Σ I_B/σ_B; model: Σ N_A / Σ N_B)
        int n = labels.size();
        double[] sum = new double[n];
        double[] sd = new double[n];
        double[] sig = new double[n];
        for (int j = 0; j < n; j++) {
            double[] v = maps.get(j).toDoubleArray();
            double[] sg = sigmas.get(j).toDoubleArray();
            double var = 0;
            for (int q = 0; q < v.length; q++) {
                if (Double.isFinite(v[q]) && Double.isFinite(sg[q])) {
                    sum[j] += v[q];
                    var += sg[q] * sg[q];
                }
            }
            sd[j] = Math.sqrt(var);
            sig[j] = s.model() ? 1 : chosen.get(j).crossSection().partial(chosen.get(j).window().deltaEv(), mic);
        }
        List<Quantification.Ratio> ratios = new ArrayList<>();
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                if (a != b) {
                    ratios.add(Quantification.ratio(labels.get(a), sum[a], sd[a], sig[a], labels.get(b), sum[b], sd[b], sig[b]));
                }
            }
        }
        Map<String, Double> areal = new LinkedHashMap<>();
        if (lowLoss != null) {
            long px = data.navigationSize();
            for (int j = 0; j < n; j++) {
                if (s.model()) {
                    areal.put(labels.get(j), sum[j] / px);
                } else {
                    double[] il = Quantification.lowLossIntegral(lowLoss, chosen.get(j).window().deltaEv());
                    double tl = 0;
                    for (double v : il) {
                        tl += v;
                    }
                    tl *= (double) px / il.length;
                    areal.put(labels.get(j), Quantification.arealDensity(sum[j], tl, sig[j]));
                }
            }
        }
        return new Result(mic, chosen, List.copyOf(labels), List.copyOf(maps), List.copyOf(sigmas), units, sum, sig, List.copyOf(ratios), areal);
    }

    /**
     * The energy range of the linear model fit: from the first onset minus gap and background width (not below the
     * axis start plus one channel) to the axis end minus one channel.
     *
     * @return {low, high} in eV
     */
    static double[] fitRange(Axis e, List<MappedEdge> chosen, Settings s) {
        double first = chosen.stream().mapToDouble(c -> c.crossSection().onsetEv()).min().orElseThrow();
        double lo = Math.max(Math.min(e.value(0), e.high()) + Math.abs(e.scale()), first - s.gapEv() - s.backgroundEv());
        double hi = Math.max(e.value(0), e.high()) - Math.abs(e.scale());
        return new double[] { lo, hi };
    }

    /**
     * A one-line description of how the maps were made, for logs and reports.
     *
     * @param r the result
     * @param s its settings
     * @param e the energy axis
     * @return e.g. {@code "model fit 420.0–740.0 eV, Ti_L3, O_K, fine structure (to L2/M4 onset + 20 eV) left out"}
     */
    public static String describe(Result r, Settings s, Axis e) {
        if (!s.model()) {
            return "power-law background (" + (s.twoArea() ? "two-area" : "log-ls") + ") + window integral";
        }
        double[] range = fitRange(e, r.edges(), s);
        return String.format(Locale.ROOT, "linear model fit %.1f–%.1f eV (3 power laws + dσ/dE, Poisson-weighted NNLS, fine structure from each onset to the deepest (L2/M4) onset + %.0f eV left out; %s cross sections)",
                range[0], range[1], s.fineStructureEv(), s.optical() ? "optical" : "hydrogenic");
    }

    /**
     * The power law of each edge fitted to a spectrum over its background window, drawn from the window start to the
     * end of its signal window (NaN elsewhere), for the sum-spectrum plot of a report.
     *
     * @param spectrum a spectrum {@code [nE]} on axis {@code e}
     * @param e        its energy axis (eV)
     * @param r        the mapping result (integral method)
     * @param twoArea  the background fit used
     * @return per edge the curve {@code [nE]}
     */
    public static List<double[]> backgroundCurves(double[] spectrum, Axis e, Result r, boolean twoArea) {
        List<double[]> out = new ArrayList<>();
        int n = e.size();
        for (MappedEdge c : r.edges()) {
            int i1 = e.index(c.window().backgroundLowEv());
            int i2 = e.index(c.window().backgroundHighEv());
            int i3 = e.index(c.window().signalHighEv());
            double[] ar = PowerLawBackground.fit(spectrum, 0, e, i1, i2, twoArea);
            double[] b = new double[n];
            Arrays.fill(b, Double.NaN);
            for (int i = i1; i <= Math.min(i3, n - 1); i++) {
                b[i] = ar[0] * Math.pow(e.value(i), -ar[1]);
            }
            out.add(b);
        }
        return out;
    }

    /**
     * The major edges of the mapped elements on the axis, for markers in a plot.
     *
     * @param r the result
     * @param e the energy axis (eV)
     * @return label ({@code Cu-L3}) → onset in eV
     */
    public static Map<String, Double> markers(Result r, Axis e) {
        double lo = Math.min(e.value(0), e.high());
        double hi = Math.max(e.value(0), e.high());
        Map<String, Double> markers = new LinkedHashMap<>();
        for (MappedEdge c : r.edges()) {
            for (Edge ed : EdgeTable.standard().of(c.crossSection().element(), lo, hi)) {
                if (ed.major()) {
                    markers.put(ed.element() + "-" + ed.subshell(), ed.onsetEv());
                }
            }
        }
        return markers;
    }

    static Microscope microscope(Dataset d, Settings s, String source) {
        double kv = !Double.isNaN(s.beamKv()) ? s.beamKv() : value(d.metadata().beamEnergyKv());
        double al = !Double.isNaN(s.convergenceMrad()) ? s.convergenceMrad() : value(d.metadata().convergenceAngleMrad());
        double be = !Double.isNaN(s.collectionMrad()) ? s.collectionMrad() : value(d.metadata().collectionAngleMrad());
        if (Double.isNaN(kv) || Double.isNaN(be)) {
            throw new IncompatibleDataException(source + ": metadata lacks the " + (Double.isNaN(kv) ? "beam energy" : "collection semi-angle")
                    + "; give --beam-kv and --collection-mrad (and --convergence-mrad)");
        }
        try {
            return new Microscope(kv, Double.isNaN(al) ? 0 : al, be);
        } catch (IllegalArgumentException ex) {
            throw new IncompatibleDataException(source + ": " + ex.getMessage());
        }
    }

    private static double value(OptionalDouble o) {
        return o.isPresent() ? o.getAsDouble() : Double.NaN;
    }

    /**
     * Picks each element's edge and windows; cross sections from {@link CrossSections#of} (hydrogenic: K and L2,3;
     * optical: any tabulated edge).
     */
    static List<MappedEdge> choose(Axis e, Settings s, String source) {
        double lo = Math.min(e.value(0), e.high());
        double hi = Math.max(e.value(0), e.high());
        EdgeTable table = EdgeTable.standard();
        List<MappedEdge> out = new ArrayList<>();
        String model = s.optical() ? "optical" : "hydrogenic";
        for (String raw : s.elements()) {
            String el = raw.trim();
            if (!table.elements().contains(el)) {
                throw new IllegalArgumentException("unknown element '" + el + "'");
            }
            String shell = null;
            for (String ed : s.edges()) {
                String[] p = ed.trim().split("_", 2);
                if (p.length == 2 && p[0].equals(el)) {
                    shell = p[1];
                }
            }
            if (shell == null) {
                List<Edge> inside = table.of(el, lo, hi);
                for (String want : s.optical() ? List.of("K", "L3", "M5") : List.of("K", "L3")) {
                    if (shell == null && inside.stream().anyMatch(x -> x.subshell().equals(want))) {
                        shell = want;
                    }
                }
                if (shell == null) {
                    throw new IncompatibleDataException(source + ": no " + (s.optical() ? "K, L2,3 or M4,5" : "K or L2,3") + " edge of " + el + " lies on the energy axis " + lo + "–" + hi + " eV"
                            + (inside.isEmpty() ? "" : " (edges there: " + String.join(", ", inside.stream().map(Edge::label).toList()) + (s.optical() ? "; name one with --edges)"
                                    : "; the hydrogenic model covers K and L2,3 only: try --cross-section optical)")));
                }
            }
            String edge = switch (shell) {
                case "L3", "L23", "L2,3" -> "L23";
                case "M5", "M45", "M4,5" -> "M45";
                default -> shell;
            };
            EdgeCrossSection xs;
            try {
                xs = CrossSections.of(el, edge, s.optical() ? CrossSections.Model.OPTICAL : CrossSections.Model.HYDROGENIC);
            } catch (IllegalArgumentException ex) {
                throw new IncompatibleDataException(source + ": no " + model + " cross section for " + el + "_" + shell + ": " + ex.getMessage()
                        + (s.optical() ? "" : " (--cross-section optical covers every tabulated edge)"));
            }
            double on = xs.onsetEv();
            if (on < lo || on > hi) {
                throw new IncompatibleDataException(source + ": " + xs.label() + " onset " + on + " eV lies outside the energy axis " + lo + "–" + hi + " eV");
            }
            double delta = Math.min(s.windowEv(), hi - on);
            out.add(new MappedEdge(xs.label(), xs, IntegrationWindow.forEdge(on, s.backgroundEv(), s.gapEv(), delta)));
        }
        return out;
    }
}
