package tessera.script;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The scripting languages Tessera runs, both on GraalVM polyglot 25 (Truffle) inside the
 * workbench: JavaScript (GraalJS) and Python (GraalPy, Python 3.12).
 * Each has the media type recorded as the format of a script run's Plan.
 */
public enum ScriptLanguage {
    /** JavaScript on GraalJS; plan format {@code text/javascript} (RFC 9239) */
    JS("js", "JavaScript", "text/javascript", ".js", "GraalJS", "prelude.js"),
    /** Python on GraalPy; plan format {@code text/x-python} (no registered media type exists) */
    PYTHON("python", "Python", "text/x-python", ".py", "GraalPy", "prelude.py");

    private final String id;
    private final String displayName;
    private final String mediaType;
    private final String extension;
    private final String implementation;
    private final String prelude;

    ScriptLanguage(String id, String displayName, String mediaType, String extension, String implementation, String prelude) {
        this.id = id;
        this.displayName = displayName;
        this.mediaType = mediaType;
        this.extension = extension;
        this.implementation = implementation;
        this.prelude = prelude;
    }

    /** @return the Truffle language id ({@code js}, {@code python}) */
    public String id() {
        return id;
    }

    /** @return the language's name */
    public String displayName() {
        return displayName;
    }

    /** @return the media type recorded as the plan format of a script run */
    public String mediaType() {
        return mediaType;
    }

    /** @return the file extension with its dot */
    public String extension() {
        return extension;
    }

    /** @return the implementation's name, recorded as the SCRIPT agent ({@code GraalJS}, {@code GraalPy}) */
    public String implementation() {
        return implementation;
    }

    /** @return the resource name of the prelude that adapts the facade to the language */
    String prelude() {
        return prelude;
    }

    /**
     * Picks the language of a script file by its extension.
     *
     * @param file the script
     * @return the language
     * @throws IllegalArgumentException if the extension is neither {@code .js}/{@code .mjs} nor {@code .py}
     */
    public static ScriptLanguage ofFile(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".js") || n.endsWith(".mjs")) {
            return JS;
        }
        if (n.endsWith(".py")) {
            return PYTHON;
        }
        throw new IllegalArgumentException(file + ": not a script (the extension must be .js or .py)");
    }

    /**
     * Looks a language up by a name the user typed.
     *
     * @param name {@code js}, {@code javascript}, {@code python} or {@code py} (any case)
     * @return the language
     * @throws IllegalArgumentException for another name
     */
    public static ScriptLanguage ofName(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "js", "javascript", "graaljs" -> JS;
            case "python", "py", "graalpy" -> PYTHON;
            default -> throw new IllegalArgumentException("unknown language '" + name + "': use js or python");
        };
    }

    /**
     * @param mediaType a plan format
     * @return the language whose plans have it, or null
     */
    public static ScriptLanguage ofMediaType(String mediaType) {
        for (ScriptLanguage l : values()) {
            if (l.mediaType.equals(mediaType)) {
                return l;
            }
        }
        return null;
    }
}
