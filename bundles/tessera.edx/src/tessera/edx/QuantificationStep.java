package tessera.edx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tessera.core.analysis.ElementMaps;
import tessera.core.analysis.IncompatibleDataException;
import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.Preprocessor;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;

/**
 * {@code tessera.edx.quantification}: {@link EdxQuantification} as a preprocessor step. The spectra pass through
 * unchanged; the auxiliary inputs {@code intensities} and {@code sigma} are those of
 * {@code tessera.edx.line-intensities} (when {@code intensities} is not given they are computed from the data with
 * HyperSpy's defaults); the extra outputs are {@code composition} (percent, {@code [nElements, nav...]}, one entry per
 * line, labels in {@code Sample.xray_lines} / {@code Sample.elements}) and {@code compositionSigma} (its standard
 * deviation from the counts).
 * <p>
 * Parameters: {@code method} ({@code cl} | {@code zeta} | {@code cross_section}), {@code factors} (k-factors,
 * ζ-factors in kg m⁻² per electron or cross sections in barn: {@code 1.45,5.08} in the lines' order or
 * {@code Fe_Ka=1.45,Pt_La=5.08}), {@code units} ({@code at} | {@code wt}), {@code absorptionCorrection},
 * {@code thickness} (nm), {@code density} (g/cm³; unset: the composition-weighted element densities, as HyperSpy),
 * {@code takeOffAngle} (degrees; unset: from the metadata's elevation angle and tilt), {@code beamCurrent} (nA),
 * {@code liveTime} (s), {@code probeArea} (nm²; unset: metadata or pixel area), {@code vacuumThreshold} (counts; CL
 * only: HyperSpy's {@code navigation_mask=threshold}, i.e. {@link EdxQuantification#vacuumMask} with closing; unset: no
 * mask, HyperSpy's {@code navigation_mask=None}).
 */
public final class QuantificationStep implements Preprocessor {

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(ParameterSpec.ofChoice("method", "cl", List.of("cl", "zeta", "cross_section"), "Cliff-Lorimer k-factors, zeta-factors or cross sections"),
                ParameterSpec.ofString("factors", null, "k-factors, zeta-factors (kg/m2 per electron) or cross sections (barn): comma list in line order or Line=value pairs (required)"),
                ParameterSpec.ofChoice("units", "at", List.of("at", "wt"), "composition in atomic or weight percent"),
                ParameterSpec.ofBoolean("absorptionCorrection", false, "iterate the thin-film absorption correction (HyperSpy quantification(absorption_correction=True))"),
                ParameterSpec.ofDouble("thickness", null, 0.0, 1e6, "nm", "sample thickness (needed by cl with absorption correction)"),
                ParameterSpec.ofDouble("density", null, 0.0, 30.0, "g/cm3", "sample density; unset: composition-weighted element densities"),
                ParameterSpec.ofDouble("takeOffAngle", null, 0.0, 90.0, "deg", "X-ray take-off angle; unset: from elevation angle and stage tilt in the metadata"),
                ParameterSpec.ofDouble("beamCurrent", null, 0.0, null, "nA", "beam current (zeta, cross_section); unset: metadata"),
                ParameterSpec.ofDouble("liveTime", null, 0.0, null, "s", "live time (zeta, cross_section); unset: metadata"),
                ParameterSpec.ofDouble("probeArea", null, 0.0, null, "nm2", "probe area (cross_section); unset: metadata or pixel area"),
                ParameterSpec.ofDouble("vacuumThreshold", null, 0.0, null, "counts", "cl: pixels whose largest count is at most this are vacuum (0 %), closed morphologically as HyperSpy's vacuum_mask; unset: no mask"));
    }

    @Override
    public List<LiteratureReference> references() {
        return List.of(References.watanabeWilliams(), References.cliffLorimer(), References.hyperspy("EDSTEMSpectrum.quantification"));
    }

    @Override
    public List<String> auxiliaryInputs() {
        return List.of("intensities", "sigma");
    }

    @Override
    public List<String> extraOutputs() {
        return List.of("composition", "compositionSigma");
    }

    /** @throws IncompatibleDataException (the message starting with the file name) as {@link EdxQuantification#quantify} and {@link EdxQuantification#parseFactors} */
    @Override
    public Result apply(Dataset data, Map<String, Dataset> auxiliary, Parameters p, ProgressMonitor monitor) {
        try {
            return run(data, auxiliary, p);
        } catch (IllegalArgumentException e) {
            throw IncompatibleDataException.of(data, e);
        }
    }

    private Result run(Dataset data, Map<String, Dataset> auxiliary, Parameters p) {
        Dataset in = auxiliary.get("intensities");
        Dataset sg = auxiliary.get("sigma");
        if (in == null) {
            LineIntensities li = LineIntensities.compute(data);
            in = li.intensities();
            sg = li.sigma();
        }
        List<String> lines = LineIntensities.strings(in.metadata().get(LineIntensities.XRAY_LINES_KEY));
        double[] f = EdxQuantification.parseFactors(p.getString("factors"), lines);
        EdxQuantification.Method m = EdxQuantification.Method.parse(p.getString("method"));
        EdxQuantification.Options o = EdxQuantification.Options.of(m, f).withAtomic(p.getString("units").equals("at"))
                .withTakeOffAngle(opt(p, "takeOffAngle")).withDose(opt(p, "beamCurrent"), opt(p, "liveTime"), opt(p, "probeArea"));
        if (p.getBoolean("absorptionCorrection")) {
            o = o.withAbsorption(opt(p, "thickness"), opt(p, "density"));
        }
        if (p.has("vacuumThreshold") && m == EdxQuantification.Method.CL && data.navigationDimension() > 0) {
            o = o.withMask(EdxQuantification.vacuumMask(data, p.getDouble("vacuumThreshold"), true));
        }
        EdxQuantification.Result r = EdxQuantification.quantify(in, sg, o);
        Map<String, Object> settings = new LinkedHashMap<>(p.values());
        r.composition().metadata().set(ElementMaps.INSTRUMENT, settings);
        r.composition().metadata().set(ElementMaps.SUMMARY, total(in, sg, o.withMask(null)));
        return new Result(data, ordered("composition", r.composition(), "compositionSigma", r.sigma()));
    }

    /**
     * The composition of the whole file: the method applied to the per-pixel mean intensities (σ of the mean), so
     * that mass thickness and absorption refer to an average pixel.
     *
     * @return one row per element: {@code element}, {@code value}, {@code sigma} (the composition's units)
     */
    private static List<Map<String, Object>> total(Dataset in, Dataset sg, EdxQuantification.Options o) {
        int n = in.axis(0).size();
        int np = Math.toIntExact(in.size() / n);
        double[] v = in.toDoubleArray();
        double[] s = sg == null ? null : sg.toDoubleArray();
        double[] mean = new double[n];
        double[] sigma = new double[n];
        for (int i = 0; i < n; i++) {
            double a = 0, b = 0;
            for (int q = i * np; q < (i + 1) * np; q++) {
                a += v[q];
                b += s == null ? 0 : s[q] * s[q];
            }
            mean[i] = a / np;
            sigma[i] = Math.sqrt(b) / np;
        }
        List<Axis> axes = List.of(in.axis(0));
        EdxQuantification.Result r = EdxQuantification.quantify(Dataset.ofDoubles(mean, axes, in.metadata().copy()), Dataset.ofDoubles(sigma, axes, in.metadata().copy()), o);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("element", r.elements().get(i));
            row.put("line", r.lines().get(i));
            row.put("value", r.composition().getDouble(i));
            row.put("sigma", r.sigma().getDouble(i));
            rows.add(row);
        }
        return rows;
    }

    private static double opt(Parameters p, String k) {
        return p.has(k) ? p.getDouble(k) : Double.NaN;
    }

    private static Map<String, Dataset> ordered(String k1, Dataset v1, String k2, Dataset v2) {
        Map<String, Dataset> m = new java.util.LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }
}
