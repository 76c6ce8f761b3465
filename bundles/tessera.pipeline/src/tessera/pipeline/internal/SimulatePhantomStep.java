package tessera.pipeline.internal;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.io.DatasetWriter;
import tessera.core.model.Dataset;
import tessera.eels.sim.Phantom;
import tessera.pipeline.Port;
import tessera.pipeline.PortType;
import tessera.pipeline.Step;
import tessera.pipeline.StepContext;
import tessera.pipeline.WrittenFile;

/**
 * {@code tessera.pipeline.simulate-phantom}: an EELS phantom spectrum image of known composition and thickness
 * ({@link Phantom}: the built-in example, or the JSON spec given as the optional {@code spec} file) with Poisson noise
 * drawn from {@code seed} (or the noise-free expectation), written as {@code phantom.hspy} (core loss),
 * {@code low_loss.hspy} and {@code truth.hspy} (t/λ, region, areal density and atomic fraction maps).
 */
public final class SimulatePhantomStep implements Step {
    /** step id */
    public static final String ID = "tessera.pipeline.simulate-phantom";
    /** the output files, in the order of the outputs */
    public static final List<String> FILES = List.of("phantom.hspy", "low_loss.hspy", "truth.hspy");

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(ParameterSpec.ofLong(Step.SEED, 1L, "noise seed"), ParameterSpec.ofBoolean("noise", true, "Poisson counts (false: the noise-free expectation)"));
    }

    @Override
    public List<LiteratureReference> references() {
        return List.of(new LiteratureReference("R. F. Egerton, Electron Energy-Loss Spectroscopy in the Electron Microscope, 3rd ed. (2011) (single-scattering model, Poisson counts)",
                "10.1007/978-1-4419-9583-4"));
    }

    @Override
    public List<Port> inputs() {
        return List.of(Port.optional("spec", PortType.FILE, "phantom spec as JSON (Phantom.Spec.read; default: the built-in example)"));
    }

    @Override
    public List<Port> outputs() {
        return List.of(Port.of("phantom", PortType.FILE, FILES.get(0)), Port.of("lowLoss", PortType.FILE, FILES.get(1)), Port.of("truth", PortType.FILE, FILES.get(2)));
    }

    @Override
    public Map<String, Object> execute(StepContext context, Map<String, Object> inputs, Parameters p) throws Exception {
        boolean noise = p.getBoolean("noise");
        Phantom.Spec spec = inputs.get("spec") instanceof Path f ? Phantom.Spec.read(f, noise) : Phantom.Spec.example(noise);
        Phantom.Result r = Phantom.generate(spec, p.getLong(Step.SEED));
        Path dir = context.outputDirectory();
        DatasetWriter w = context.registry().formats().writerFor(dir.resolve(FILES.get(0)));
        w.write(r.spectra(), dir.resolve(FILES.get(0)));
        w.write(r.lowLoss(), dir.resolve(FILES.get(1)));
        w.writeAll(r.truthMaps(), dir.resolve(FILES.get(2)));
        Map<String, Dataset> truth = new LinkedHashMap<>();
        r.truthMaps().forEach(d -> truth.put("/Experiments/" + d.metadata().title(), d));
        context.log(String.format("%s phantom %s, elements %s", noise ? "Poisson (seed " + p.getLong(Step.SEED) + ")" : "noise-free",
                java.util.Arrays.toString(r.spectra().shape()), r.edges().keySet().stream().sorted().toList()));
        return Map.of("phantom", new WrittenFile(dir.resolve(FILES.get(0)), Map.of("/Experiments/" + r.spectra().metadata().title(), r.spectra())),
                "lowLoss", new WrittenFile(dir.resolve(FILES.get(1)), Map.of("/Experiments/" + r.lowLoss().metadata().title(), r.lowLoss())),
                "truth", new WrittenFile(dir.resolve(FILES.get(2)), truth));
    }
}
