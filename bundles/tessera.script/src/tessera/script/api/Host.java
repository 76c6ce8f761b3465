package tessera.script.api;

import java.nio.ByteBuffer;
import java.util.List;

import org.graalvm.polyglot.Value;

import tessera.core.registry.Registry;
import tessera.pipeline.RecordSession;
import tessera.script.FileAccess;

/**
 * What the scripting facade needs from the session that runs it (implemented by
 * {@link tessera.script.ScriptSession}; not visible to scripts).
 */
public interface Host {
    /** @return the extension registry */
    Registry registry();

    /** @return the record every facade call goes through (steps, inputs, outputs) */
    RecordSession record();

    /** @return the file policy for load/save/plot */
    FileAccess files();

    /** @return the script language's id ({@code js} or {@code python}) */
    String language();

    /**
     * Converts nested Java lists of numbers into the language's own lists (JavaScript arrays,
     * Python lists), copying.
     *
     * @param nested lists of lists of boxed numbers
     * @return the guest value
     */
    Value toGuestList(List<?> nested);

    /**
     * Wraps native memory as a JavaScript typed array without copying.
     *
     * @param buffer     the memory (native byte order)
     * @param dtype      NumPy dtype name, which picks the typed-array class
     * @param byteOffset first byte
     * @param length     number of elements
     * @return the typed array
     * @throws UnsupportedOperationException in Python (which has no typed arrays)
     */
    Value typedArray(ByteBuffer buffer, String dtype, long byteOffset, long length);
}
