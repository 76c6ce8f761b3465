package tessera.pipeline;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

import tessera.core.model.Dataset;

/**
 * A file a step wrote into its {@link StepContext#outputDirectory()}, with the datasets it holds.
 * Provenance records the SHA-256 of the file's bytes and, for each dataset, the SHA-256 of its
 * array (so that {@code tessera rerun --verify} compares data, not file-format details).
 *
 * @param path     the file, inside the step's output directory
 * @param contents datasets written into the file, in file order, by their path inside the file (e.g.
 *                 {@code "/Experiments/PCA factors"}); empty for files without array content (HTML, PNG)
 */
public record WrittenFile(Path path, Map<String, Dataset> contents) {
    /** @throws NullPointerException if path or contents is null */
    public WrittenFile {
        Objects.requireNonNull(path, "path");
        contents = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(contents));
    }
}
