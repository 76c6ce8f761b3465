package tessera.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import tessera.core.analysis.ProgressMonitor;
import tessera.core.registry.Registry;
import tessera.pipeline.internal.ReadStep;
import tessera.pipeline.internal.ValenceMapsStep;
import tessera.pipeline.internal.ValenceReportStep;

/**
 * {@code tessera valence} as a pipeline ({@link #pipeline}): read the spectra (the dataset with the most navigation
 * dimensions), the element's valence classifier ({@code tessera.valence.mn} or {@code tessera.valence.fe}; a support
 * vector machine or network, after del Pozo-Bueno et al., Ultramicroscopy 221 (2021) 113190,
 * doi:10.1016/j.ultramic.2020.113190), the valence maps with the white-line baseline
 * ({@code tessera.pipeline.valence-maps}) and the report ({@code tessera.pipeline.valence-report}). It runs on the
 * {@link PipelineEngine}: every run leaves {@value PipelineEngine#RECORD} and re-runs with
 * {@code tessera rerun --verify}.
 */
public final class ValenceJob {
    /** name of the pipeline input */
    public static final String INPUT = "input";
    /** name of the classifier step */
    public static final String STEP = "valence";
    /** name of the maps step */
    public static final String MAPS = "maps";
    /** name of the pipeline input of the optional low-loss spectrum (for the baseline's Fourier-ratio deconvolution) */
    public static final String LOW_LOSS = "lowLoss";

    /** the valence-maps step's id ({@code tessera.pipeline.valence-maps}) */
    public static final String MAPS_STEP = ValenceMapsStep.ID;

    private ValenceJob() {
    }

    /**
     * The means over the spectra that the valence-maps step records on its maps: the one summary the CLI, the report,
     * the workbench and the scripting facade print.
     *
     * @param element       "Mn" or "Fe"
     * @param probabilities class → mean probability over the spectra, in class order
     * @param means         map label → mean over the spectra where it is finite (NaN where none is): mean valence,
     *                      spread, class, L3/L2 ratio, its valence, L3 energy (eV), its valence, novelty
     */
    public record Summary(String element, Map<String, Double> probabilities, Map<String, Double> means) {

        /**
         * @param maps the valence maps ({@code maps.maps} of a run)
         * @return their summary
         * @throws IllegalArgumentException if the dataset is not the valence-maps step's output
         */
        @SuppressWarnings("unchecked")
        public static Summary of(tessera.core.model.Dataset maps) {
            if (!(maps.metadata().get(ValenceMapsStep.MEANS_KEY) instanceof Map<?, ?> m)
                    || !(maps.metadata().get(ValenceMapsStep.MEAN_PROBABILITIES_KEY) instanceof Map<?, ?> p)) {
                throw new IllegalArgumentException("'" + maps.metadata().title() + "' is not a valence-maps output (no " + ValenceMapsStep.MEANS_KEY + ")");
            }
            return new Summary(String.valueOf(maps.metadata().get(ValenceMapsStep.ELEMENT_KEY)), (Map<String, Double>) p, (Map<String, Double>) m);
        }

        /** @return the mean of Σ p·v over the spectra */
        public double meanValence() {
            return means.get(ValenceMapsStep.MEAN);
        }

        /** @return the mean of the L3/L2-ratio baseline's valence over the spectra where it is defined */
        public double ratioValence() {
            return means.get(ValenceMapsStep.RATIO_VALENCE);
        }

        /** @return the mean novelty (above 1: outside the simulated training spectra) */
        public double novelty() {
            return means.get(ValenceMapsStep.NOVELTY);
        }

        /**
         * @return "mean valence 3.86 (classifier), 3.36 (L3/L2 ratio baseline); novelty 0.36; Mn2+ 0.003, Mn3+ 0.136,
         *         Mn4+ 0.861", with a warning when the novelty is above 1
         */
        public String describe() {
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "mean valence %.2f (classifier), %.2f (L3/L2 ratio baseline); novelty %.2f%s;",
                    meanValence(), ratioValence(), novelty(), novelty() > 1 ? " (outside the simulated training spectra: do not trust the classifier)" : ""));
            int j = 0;
            for (Map.Entry<String, Double> e : probabilities.entrySet()) {
                b.append(j++ == 0 ? " " : ", ").append(String.format(Locale.ROOT, "%s %.3f", e.getKey(), e.getValue()));
            }
            return b.toString();
        }
    }

    /**
     * @param element     "Mn" or "Fe"
     * @return the element's classifier contribution id ({@code tessera.valence.mn}, {@code tessera.valence.fe})
     */
    public static String classifier(String element) {
        return "tessera.valence." + element.toLowerCase(Locale.ROOT);
    }

    /**
     * @param element     "Mn" or "Fe"
     * @param model       the classifier's {@code model} parameter: svm, dense, conv or a model directory
     * @param energyShift eV added to the measured L3 energy for the energy baseline
     * @param resolution  the spectra's energy resolution (zero-loss FWHM, eV), for the ratio baseline's calibration
     * @param file        the input file's name, for the report
     * @return the document
     */
    public static PipelineDocument pipeline(String element, String model, double energyShift, double resolution, String file) {
        return pipeline(element, model, energyShift, resolution, false, file);
    }

    /**
     * @param element     "Mn" or "Fe"
     * @param model       the classifier's {@code model} parameter
     * @param energyShift eV added to the measured L3 energy for the energy baseline
     * @param resolution  the spectra's energy resolution (eV) when there is no low loss
     * @param lowLoss     true: a pipeline input {@value #LOW_LOSS} is read and the baseline measures the Fourier-ratio
     *                    deconvolved spectra (Egerton 2011 §4.2.2; {@code tessera.eels.fourier-ratio}) at the zero-loss
     *                    FWHM; the classifiers see the spectra as recorded (they were trained with plural scattering)
     * @param file        the input file's name, for the report
     * @return the document
     */
    public static PipelineDocument pipeline(String element, String model, double energyShift, double resolution, boolean lowLoss, String file) {
        List<StepSpec> s = new ArrayList<>();
        s.add(new StepSpec("read", ReadStep.ID, Map.of("file", new Ref(null, INPUT)), Map.of("kind", ReadStep.ANY_SPECTRA), null));
        s.add(new StepSpec(STEP, classifier(element), Map.of("data", Ref.parse("read.data")), Map.of("model", model), null));
        Map<String, Ref> mi = new LinkedHashMap<>();
        mi.put("data", Ref.parse("read.data"));
        mi.put("probabilities", Ref.parse(STEP + ".probabilities"));
        if (lowLoss) {
            s.add(new StepSpec("read-low-loss", ReadStep.ID, Map.of("file", new Ref(null, LOW_LOSS)), Map.of("kind", ReadStep.ANY_SPECTRA), null));
            s.add(new StepSpec("deconvolve", "tessera.eels.fourier-ratio", Map.of("data", Ref.parse("read.data"), "lowloss", Ref.parse("read-low-loss.data")),
                    Map.of(), null));
            mi.put("singleScattering", Ref.parse("deconvolve.data"));
            mi.put("fwhm", Ref.parse("deconvolve.fwhm"));
        }
        s.add(new StepSpec(MAPS, ValenceMapsStep.ID, mi, Map.of("element", element, "energyShift", energyShift, "resolution", resolution), null));
        Map<String, Ref> in = new LinkedHashMap<>();
        in.put("data", Ref.parse("read.data"));
        in.put("probabilities", Ref.parse(STEP + ".probabilities"));
        in.put("maps", Ref.parse(MAPS + ".maps"));
        s.add(new StepSpec("report", ValenceReportStep.ID, in, Map.of("file", file), null));
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put(INPUT, "spectra (EELS core loss, eV)");
        if (lowLoss) {
            inputs.put(LOW_LOSS, "EELS low-loss spectrum or SI with the core loss's dispersion (ZLP included)");
        }
        return new PipelineDocument("valence", element + " oxidation state (tessera valence)", inputs, s);
    }

    /**
     * Runs the pipeline on {@code input}, writing into {@code outDir}.
     *
     * @param registry    the contributions
     * @param input       the file
     * @param outDir      output directory
     * @param element     "Mn" or "Fe"
     * @param model       svm, dense, conv or a model directory
     * @param energyShift eV added to the measured L3 energy for the energy baseline
     * @param resolution  the spectra's energy resolution (zero-loss FWHM, eV)
     * @param monitor     progress
     * @param log         progress lines
     * @return the run; {@code run.value("maps.maps")} is the valence stack, {@code run.value("valence.probabilities")}
     *         the probabilities
     * @throws tessera.core.io.InvalidFileException if the input is missing, unreadable or holds no spectra
     * @throws PipelineRunException if a step failed (its cause names the problem: edge outside the axis, dispersion too
     *                              coarse, no calibration, a model trained for another element, ...)
     * @throws InvalidPipelineException if a parameter is unknown or out of range, or the element has no classifier
     * @throws IOException on an I/O error; nothing is left in the output directory then
     */
    public static RunResult run(Registry registry, Path input, Path outDir, String element, String model, double energyShift, double resolution,
            ProgressMonitor monitor,
            Consumer<String> log) throws IOException, PipelineRunException, InvalidPipelineException {
        return run(registry, input, null, outDir, element, model, energyShift, resolution, monitor, log);
    }

    /**
     * As {@link #run(Registry, Path, Path, String, String, double, double, ProgressMonitor, Consumer)} with an optional
     * low loss for the baseline's Fourier-ratio deconvolution.
     *
     * @param registry    the contributions
     * @param input       the core-loss file
     * @param lowLoss     the low-loss file (same dispersion), or null
     * @param outDir      output directory
     * @param element     "Mn" or "Fe"
     * @param model       svm, dense, conv or a model directory
     * @param energyShift eV added to the measured L3 energy for the energy baseline
     * @param resolution  the spectra's energy resolution (eV), used when there is no low loss
     * @param monitor     progress
     * @param log         progress lines
     * @return the run
     * @throws PipelineRunException     if a step failed (also: the low loss's dispersion differs from the core loss's)
     * @throws InvalidPipelineException if a parameter is unknown or out of range
     * @throws IOException              on an I/O error
     */
    public static RunResult run(Registry registry, Path input, Path lowLoss, Path outDir, String element, String model, double energyShift, double resolution,
            ProgressMonitor monitor, Consumer<String> log) throws IOException, PipelineRunException, InvalidPipelineException {
        Map<String, Path> in = new LinkedHashMap<>();
        in.put(INPUT, input);
        if (lowLoss != null) {
            in.put(LOW_LOSS, lowLoss);
        }
        return new PipelineEngine(registry).run(pipeline(element, model, energyShift, resolution, lowLoss != null, input.getFileName().toString()), "valence", in,
                outDir, RunOptions.of(monitor, log));
    }
}
