package tessera.edx;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import tessera.core.analysis.IncompatibleDataException;
import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.Preprocessor;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.model.Dataset;

/**
 * {@code tessera.edx.line-intensities}: {@link LineIntensities} as a preprocessor step. The spectra pass through
 * unchanged; the extra outputs are {@code intensities} (background-subtracted X-ray line counts) and {@code sigma}
 * (their Poisson standard deviations), each shaped {@code [nLines, nav...]} with the line labels in
 * {@code Sample.xray_lines} and the windows used in {@link LineIntensities#INTEGRATION_WINDOWS_KEY} /
 * {@link LineIntensities#BACKGROUND_WINDOWS_KEY} (keV).
 * <p>
 * Parameters: {@code lines} (comma list of line labels, e.g. {@code Fe_Ka,Pt_La}; empty: the metadata's
 * {@code Sample.xray_lines}, else each of {@code Sample.elements}' default line), {@code elements} (comma list: map
 * each one's default line, {@link LineIntensities#defaultLines}, when {@code lines} is empty), {@code integrationWindows}
 * (width in FWHM, default 2), {@code backgroundWindows} (subtract the background of HyperSpy's
 * {@code estimate_background_windows()}, default true), {@code energyResolution} (detector FWHM at Mn Kα in eV;
 * unset: the metadata's {@code energy_resolution_MnKa}).
 */
public final class LineIntensitiesStep implements Preprocessor {

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(ParameterSpec.ofString("lines", "", "X-ray lines, comma list (e.g. Fe_Ka,Pt_La); empty: the default line of each of elements, else Sample.xray_lines, else Sample.elements"),
                ParameterSpec.ofString("elements", "", "elements whose default line (Ka, else La, else Ma in range) to map when lines is empty, comma list (e.g. Fe,Pt)"),
                ParameterSpec.ofDouble("integrationWindows", 2.0, 1e-3, 100.0, "FWHM", "integration window width in units of the line's FWHM"),
                ParameterSpec.ofBoolean("backgroundWindows", true, "subtract the background from two windows beside each line (HyperSpy estimate_background_windows)"),
                ParameterSpec.ofDouble("energyResolution", null, 1.0, 1000.0, "eV", "detector FWHM at Mn Ka; unset: the metadata's energy_resolution_MnKa"));
    }

    @Override
    public List<LiteratureReference> references() {
        return List.of(References.hyperspy("EDSSpectrum.get_lines_intensity, estimate_background_windows"), References.williamsCarter("§35.2"));
    }

    @Override
    public List<String> extraOutputs() {
        return List.of("intensities", "sigma");
    }

    /** @throws IncompatibleDataException (the message starting with the file name) as {@link LineIntensities#compute(Dataset, LineIntensities.Options)} */
    @Override
    public Result apply(Dataset data, Map<String, Dataset> auxiliary, Parameters p, ProgressMonitor monitor) {
        try {
            return run(data, auxiliary, p);
        } catch (IllegalArgumentException e) {
            throw IncompatibleDataException.of(data, e);
        }
    }

    private Result run(Dataset data, Map<String, Dataset> auxiliary, Parameters p) {
        String l = p.getString("lines");
        List<String> lines = split(l);
        if (lines.isEmpty() && !split(p.getString("elements")).isEmpty()) {
            lines = LineIntensities.defaultLines(data, split(p.getString("elements"))).stream().map(XrayLine::label).toList();
        }
        LineIntensities.Options o = LineIntensities.Options.defaults().withLines(lines).withIntegrationWindows(p.getDouble("integrationWindows"))
                .withBackground(p.getBoolean("backgroundWindows")).withEnergyResolution(p.has("energyResolution") ? p.getDouble("energyResolution") : Double.NaN);
        LineIntensities r = LineIntensities.compute(data, o);
        return new Result(data, ordered("intensities", r.intensities(), "sigma", r.sigma()));
    }

    private static List<String> split(String l) {
        return l == null || l.isBlank() ? List.of() : Arrays.stream(l.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static Map<String, Dataset> ordered(String k1, Dataset v1, String k2, Dataset v2) {
        Map<String, Dataset> m = new java.util.LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }
}
