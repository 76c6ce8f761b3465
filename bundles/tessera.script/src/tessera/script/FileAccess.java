package tessera.script;

import java.nio.file.Path;

/**
 * How a script's {@code load}, {@code save}, {@code plot} and {@code run_pipeline} turn the paths
 * the script names into files: the only file access a script has (its languages' own file
 * functions are switched off). {@link Sandbox} is the policy of a normal run; a re-run maps the
 * recorded paths instead.
 */
public interface FileAccess {
    /** @return the directory relative paths are resolved against */
    Path workingDirectory();

    /**
     * @param path a path as the script wrote it, to be read
     * @return the file to read (absolute)
     * @throws SecurityException if the script may not read it, with a message naming the path and the rule
     */
    Path forLoad(String path);

    /**
     * @param path a path as the script wrote it, to be written (its parent folders may be created)
     * @return the file to write (absolute)
     * @throws SecurityException if the script may not write it, with a message naming the path and the rule
     */
    Path forSave(String path);
}
