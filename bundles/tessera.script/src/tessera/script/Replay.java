package tessera.script;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The file policy of a re-run: a script loads exactly the files its record lists as inputs (found
 * by the path as the script wrote it, checked by hash before the re-run starts) or files it saved
 * itself earlier in the re-run; everything it saves goes into the re-run's output directory, at the
 * same path relative to the original working directory (or by file name when it was outside).
 */
final class Replay implements FileAccess {
    private final Path originalWd;
    private final Path outDir;
    private final Map<String, Path> inputs;
    private final Map<Path, Path> saved = new HashMap<>();

    /**
     * @param originalWd the working directory of the recorded run
     * @param outDir     the re-run's output directory
     * @param inputs     recorded inputs: the path as the script wrote it to the file to use
     */
    Replay(Path originalWd, Path outDir, Map<String, Path> inputs) {
        this.originalWd = originalWd.toAbsolutePath().normalize();
        this.outDir = outDir.toAbsolutePath().normalize();
        this.inputs = new LinkedHashMap<>(inputs);
    }

    @Override
    public Path workingDirectory() {
        return outDir;
    }

    @Override
    public Path forLoad(String path) {
        Path orig = originalWd.resolve(path).normalize();
        Path mine = saved.get(orig);
        if (mine != null) {
            return mine;
        }
        Path in = inputs.get(path);
        if (in != null) {
            return in.toAbsolutePath().normalize();
        }
        throw new SecurityException("load('" + path + "'): the record lists no such input, so the re-run cannot read it (recorded inputs: "
                + inputs.keySet() + ")");
    }

    @Override
    public Path forSave(String path) {
        Path orig = originalWd.resolve(path).normalize();
        Path target = orig.startsWith(originalWd) ? outDir.resolve(originalWd.relativize(orig)) : outDir.resolve(orig.getFileName());
        saved.put(orig, target);
        return target;
    }
}
