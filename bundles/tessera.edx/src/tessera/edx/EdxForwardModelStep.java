package tessera.edx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tessera.core.analysis.IncompatibleDataException;
import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.Preprocessor;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;

/**
 * {@code tessera.edx.forward-model}: builds the EDX forward model G of {@link EdxForwardModel} for a spectrum or
 * spectrum image, on its energy axis, for the physics-guided decomposition ({@link tessera.core.analysis.GuidedDecomposer}).
 * The data pass through unchanged; the extra output {@code model} is G {@code [m, nE]}.
 * <p>
 * Parameters (null = from the file's metadata, as HyperSpy stores it):
 * <ul>
 * <li>{@code elements} — comma-separated symbols of the composition (null: {@code Sample.elements});</li>
 * <li>{@code ignoredElements} — comma-separated symbols modelled line by line outside the composition (e.g. {@code Cu}
 * of the grid; default none);</li>
 * <li>{@code splitElements} — {@code El:keV,...}: lines of El below that energy go to a background column (default none);</li>
 * <li>{@code beamEnergy} (kV; null: {@code Acquisition_instrument.TEM.beam_energy});</li>
 * <li>{@code energyResolution} (eV, FWHM at Mn Kα; null: {@code Acquisition_instrument.TEM.Detector.EDS.energy_resolution_MnKa});</li>
 * <li>{@code takeOffAngle} (degrees; null: HyperSpy's take-off angle from {@code Stage.tilt_alpha} (0 if absent),
 * {@code Detector.EDS.azimuth_angle} (0 if absent) and {@code Detector.EDS.elevation_angle});</li>
 * <li>{@code thickness} (nm, default 100, espm's default; 0 turns absorption off), {@code density} (g/cm³; null: the
 * mixture density of the modelled elements in equal atomic fractions, {@link EdxSample#mixtureDensity});</li>
 * <li>{@code window} ({@code polymer} | {@code beryllium} | {@code none}), {@code windowThickness} (nm; null: 300
 * polymer, 8000 beryllium), {@code deadLayer} (nm, Si, default 50), {@code crystalThickness} (µm, Si, default 450);</li>
 * <li>{@code lineLow}, {@code lineHigh} (keV; null: the axis' range) — the line energies modelled;</li>
 * <li>{@code continuum} (default true) — append the two bremsstrahlung columns.</li>
 * </ul>
 */
public final class EdxForwardModelStep implements Preprocessor {

    /** metadata path of the detector energy resolution (FWHM at Mn Kα, eV) */
    public static final String ENERGY_RESOLUTION = "Acquisition_instrument.TEM.Detector.EDS.energy_resolution_MnKa";
    /** metadata path of the detector elevation angle (degrees) */
    public static final String ELEVATION = "Acquisition_instrument.TEM.Detector.EDS.elevation_angle";
    /** metadata path of the detector azimuth angle (degrees) */
    public static final String AZIMUTH = "Acquisition_instrument.TEM.Detector.EDS.azimuth_angle";
    /** metadata path of the stage alpha tilt (degrees) */
    public static final String TILT_ALPHA = "Acquisition_instrument.TEM.Stage.tilt_alpha";
    /** metadata path of the stage beta tilt (degrees) */
    public static final String TILT_BETA = "Acquisition_instrument.TEM.Stage.tilt_beta";

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(ParameterSpec.ofString("elements", null, "comma-separated elements of the composition (default: Sample.elements)"),
                ParameterSpec.ofString("ignoredElements", "", "comma-separated elements modelled outside the composition, e.g. Cu of the grid"),
                ParameterSpec.ofString("splitElements", "", "El:keV,... lines of El below that energy go to a background column"),
                new ParameterSpec("beamEnergy", Double.class, null, 0.1, 1000.0, "kV", "beam energy (default: metadata)"),
                new ParameterSpec("energyResolution", Double.class, null, 1.0, 1000.0, "eV", "detector FWHM at Mn Ka (default: metadata)"),
                new ParameterSpec("takeOffAngle", Double.class, null, 0.1, 90.0, "deg", "take-off angle (default: from tilt, azimuth and elevation in the metadata)"),
                ParameterSpec.ofDouble("thickness", 100.0, 0.0, 1e6, "nm", "sample thickness for the absorption correction (0: none)"),
                new ParameterSpec("density", Double.class, null, 0.01, 30.0, "g/cm3", "sample density (default: mixture of the elements)"),
                ParameterSpec.ofChoice("window", "polymer", List.of("polymer", "beryllium", "none"), "detector window"),
                new ParameterSpec("windowThickness", Double.class, null, 0.0, 1e6, "nm", "window thickness (default: 300 polymer, 8000 beryllium)"),
                ParameterSpec.ofDouble("deadLayer", 50.0, 0.0, 1e5, "nm", "Si dead layer of the detector"),
                ParameterSpec.ofDouble("crystalThickness", 450.0, 1.0, 1e5, "um", "Si crystal thickness of the detector"),
                new ParameterSpec("lineLow", Double.class, null, 0.0, 1000.0, "keV", "lowest line energy modelled (default: axis start)"),
                new ParameterSpec("lineHigh", Double.class, null, 0.0, 1000.0, "keV", "highest line energy modelled (default: axis end)"),
                ParameterSpec.ofBoolean("continuum", true, "append the two bremsstrahlung columns"));
    }

    @Override
    public List<LiteratureReference> references() {
        return List.of(new LiteratureReference("H. Teurtrie et al., espm: a Python library for the simulation of STEM-EDXS datasets, Ultramicroscopy 249 (2023) 113719",
                "10.1016/j.ultramic.2023.113719"),
                new LiteratureReference("D. Bote, F. Salvat, A. Jablonski, C. J. Powell, At. Data Nucl. Data Tables 95 (2009) 871", "10.1016/j.adt.2009.08.001"),
                new LiteratureReference("J. H. Hubbell et al., J. Phys. Chem. Ref. Data 23 (1994) 339 (fluorescence yields)", "10.1063/1.555955"),
                new LiteratureReference("C. T. Chantler et al., FFAST, NIST Standard Reference Database 66", "10.18434/T4HS32"));
    }

    @Override
    public List<String> extraOutputs() {
        return List.of("model");
    }

    /**
     * @throws IncompatibleDataException (the message starting with the file name) if the data have no single signal axis in keV/eV, a value needed is neither a
     *                                  parameter nor in the metadata (the message names both), or the model cannot be
     *                                  built ({@link EdxForwardModel#build})
     */
    @Override
    public Result apply(Dataset data, Map<String, Dataset> auxiliary, Parameters p, ProgressMonitor monitor) {
        try {
            return run(data, auxiliary, p);
        } catch (IllegalArgumentException e) {
            throw IncompatibleDataException.of(data, e);
        }
    }

    private Result run(Dataset data, Map<String, Dataset> auxiliary, Parameters p) {
        Dataset g = model(data, p);
        Map<String, Dataset> extras = new LinkedHashMap<>();
        extras.put("model", g);
        return new Result(data, extras);
    }

    /**
     * The model for a dataset and the step's parameters (what {@link #apply} returns as {@code model}).
     *
     * @param data the spectra, signal axis last
     * @param p    parameters of {@link #parameters()}
     * @return G
     * @throws IllegalArgumentException as {@link #apply}
     */
    public static Dataset model(Dataset data, Parameters p) {
        List<Axis> sig = data.signalAxes();
        if (sig.size() != 1) {
            throw new IllegalArgumentException("the EDX forward model needs data with one signal (energy) axis, not " + sig.size());
        }
        Metadata md = data.metadata();
        List<String> elements = p.getString("elements") == null ? md.elements() : list(p.getString("elements"));
        if (elements.isEmpty()) {
            throw new IllegalArgumentException("no elements: give elements=Fe,Pt,... or set Sample.elements in the metadata");
        }
        double beam = p.has("beamEnergy") ? p.getDouble("beamEnergy")
                : md.beamEnergyKv().orElseThrow(() -> new IllegalArgumentException("no beam energy: give beamEnergy (kV) or set " + Metadata.BEAM_ENERGY));
        double fwhm = p.has("energyResolution") ? p.getDouble("energyResolution")
                : md.number(ENERGY_RESOLUTION).orElseThrow(() -> new IllegalArgumentException("no detector resolution: give energyResolution (eV at Mn Ka) or set " + ENERGY_RESOLUTION));
        double toa;
        if (p.has("takeOffAngle")) {
            toa = p.getDouble("takeOffAngle");
        } else {
            double elev = md.number(ELEVATION).orElseThrow(() -> new IllegalArgumentException("no take-off angle: give takeOffAngle (deg) or set " + ELEVATION));
            toa = EdxSample.takeOffAngle(md.number(TILT_ALPHA).orElse(0), md.number(AZIMUTH).orElse(0), elev, md.number(TILT_BETA).orElse(0));
        }
        DetectorEfficiency.Window window = switch (p.getString("window")) {
            case "beryllium" -> DetectorEfficiency.Window.BERYLLIUM;
            case "none" -> DetectorEfficiency.Window.NONE;
            default -> DetectorEfficiency.Window.POLYMER;
        };
        double wt = p.has("windowThickness") ? p.getDouble("windowThickness") : window == DetectorEfficiency.Window.BERYLLIUM ? 8000 : 300;
        EdxDetector det = new EdxDetector(new DetectorResolution(fwhm), DetectorEfficiency.sdd(window, wt, p.getDouble("deadLayer"), p.getDouble("crystalThickness")));
        EdxSample sample = new EdxSample(p.getDouble("thickness"), p.has("density") ? p.getDouble("density") : Double.NaN, toa, Map.of());
        Map<String, Double> split = new LinkedHashMap<>();
        for (String s : list(p.getString("splitElements"))) {
            String[] kv = s.split(":");
            if (kv.length != 2) {
                throw new IllegalArgumentException("splitElements entry '" + s + "' is not El:keV, e.g. Fe:1.0");
            }
            try {
                split.put(kv[0].trim(), Double.parseDouble(kv[1].trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("splitElements entry '" + s + "': '" + kv[1] + "' is not an energy in keV");
            }
        }
        EdxForwardModel.Options o = new EdxForwardModel.Options(list(p.getString("ignoredElements")), split, p.has("lineLow") ? p.getDouble("lineLow") : 0,
                p.has("lineHigh") ? p.getDouble("lineHigh") : Double.POSITIVE_INFINITY, p.getBoolean("continuum"));
        return EdxForwardModel.build(elements, new EdxMicroscope(beam), det, sample, sig.get(0), o);
    }

    private static List<String> list(String s) {
        List<String> out = new ArrayList<>();
        if (s != null) {
            for (String t : s.split(",")) {
                if (!t.isBlank()) {
                    out.add(t.trim());
                }
            }
        }
        return out;
    }
}
