package tessera.pipeline;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Options of {@code tessera map}: which elements, and the parameters of the mapping steps, by their declared names.
 *
 * @param input          spectrum, line scan or spectrum image (EELS in eV or EDX in keV; the pipeline tells which)
 * @param lowLoss        EELS low-loss spectrum or SI for areal densities, or null
 * @param outDir         output directory (published all-or-nothing)
 * @param elements       element symbols; empty for EDX takes the file's {@code Sample.elements} / {@code Sample.xray_lines}
 * @param eels           parameters of {@code tessera.eels.edge-maps} besides {@code elements} (e.g. {@code method},
 *                       {@code crossSection}, {@code beamKv}); used when the data are EELS
 * @param edx            parameters of {@code tessera.edx.line-intensities} besides {@code elements}; used for EDX
 * @param quantification parameters of {@code tessera.edx.quantification} (e.g. {@code method}, {@code factors}), or
 *                       null for line maps without quantification
 * @param readOptions    options of the input's reader (e.g. a BCF's {@code downsample}) by name; empty for its defaults
 */
public record MapOptions(Path input, Path lowLoss, Path outDir, List<String> elements, Map<String, Object> eels, Map<String, Object> edx,
        Map<String, Object> quantification, Map<String, String> readOptions) {
    /** Copies the collections. */
    public MapOptions {
        readOptions = readOptions == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(readOptions));
        elements = List.copyOf(elements);
        eels = new LinkedHashMap<>(eels);
        edx = new LinkedHashMap<>(edx);
        quantification = quantification == null ? null : new LinkedHashMap<>(quantification);
    }
}
