package tessera.pipeline.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tessera.core.analysis.Parameters;
import tessera.core.analysis.Preprocessor;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.model.Dataset;
import tessera.core.registry.Registry;
import tessera.pipeline.PipelineDocument;
import tessera.pipeline.PipelineEngine;
import tessera.pipeline.RunResult;

/**
 * {@code examples/pipelines/eels-fourier-ratio.json} (spike removal, then Fourier-ratio deconvolution with a second
 * input, the low loss, one per pixel) on the LSMO line scan: the saved single-scattering distribution equals the preprocessors called
 * directly.
 */
class EelsFourierRatioPipelineTest {

    @Test
    void exampleRunsWithTwoInputsAndSavesWhatThePreprocessorsGive(@TempDir Path tmp) throws Exception {
        Path root = Path.of(System.getProperty("tessera.root", "../.."));
        Path docFile = root.resolve("examples/pipelines/eels-fourier-ratio.json");
        PipelineDocument doc = PipelineDocument.parse(Files.readString(docFile), docFile.toString());
        Path cl = PipelineEngineTest.DATA.resolve("eels/LSMO_linescan.hspy");
        Path ll = PipelineEngineTest.DATA.resolve("eels/LSMO_linescan_low_loss.hspy");
        Path out = tmp.resolve("out");
        RunResult r = new PipelineEngine(Registry.get()).run(doc, docFile.toString(), Map.of("input", cl, "lowloss", ll), out, PipelineEngineTest.quiet());
        for (String f : new String[] { "single_scattering.hspy", "spikes.hspy", "I0.hspy" }) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        Dataset saved = Registry.get().formats().readFirst(out.resolve("single_scattering.hspy"));
        Registry reg = Registry.get();
        Dataset clData = reg.formats().readFirst(cl);
        Dataset llData = reg.formats().readFirst(ll);
        Preprocessor despike = reg.preprocessor("tessera.eels.spike-removal");
        Preprocessor.Result d = despike.apply(clData, Map.of(), Parameters.of(despike.parameters(), Map.of()), ProgressMonitor.NULL);
        Preprocessor fr = reg.preprocessor("tessera.eels.fourier-ratio");
        Dataset direct = fr.apply(d.data(), Map.of("lowloss", llData), Parameters.of(fr.parameters(), Map.of()), ProgressMonitor.NULL).data();
        assertArrayEquals(direct.toDoubleArray(), saved.toDoubleArray(), 1e-9);
        assertEquals(428.5, saved.axis(saved.rank() - 1).offset(), 1e-6, "core-loss energy axis kept");
        assertArrayEquals(new int[] { 40, 586 }, saved.shape());
        assertArrayEquals(new int[] { 40 }, reg.formats().readFirst(out.resolve("I0.hspy")).shape());
        assertTrue(r.recordFile() != null && Files.isRegularFile(r.recordFile()), "provenance record written");
    }
}
