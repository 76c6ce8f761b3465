package tessera.cluster.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Node;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;

/**
 * Test-only access to the real data: a minimal reader of HyperSpy's {@code .hspy} layout
 * ({@code /Experiments/<title>/data} plus {@code axis-i} groups with name, size, scale, offset,
 * units, navigate attributes) through jhdf, so these tests do not depend on the product's hspy
 * reader; and a tiny JSON parser for the expected values made by {@code resources/make_expected.py}.
 */
final class CoreShell {
    private CoreShell() {
    }

    /** @return the data directory (system property tessera.data) */
    static Path dataDir() {
        return Path.of(System.getProperty("tessera.data", "../shared/data"));
    }

    /** @return the repository root (system property tessera.root) */
    static Path root() {
        return Path.of(System.getProperty("tessera.root", "."));
    }

    /**
     * Loads {@code /Experiments/<title>/data} of an hspy file as float32 with its calibrated axes.
     *
     * @param file  the .hspy file
     * @param title experiment group name
     * @return dataset, axes in array order
     */
    static Dataset load(Path file, String title) {
        try (HdfFile h = new HdfFile(file)) {
            String base = "/Experiments/" + title;
            io.jhdf.api.Dataset d = h.getDatasetByPath(base + "/data");
            int[] dims = d.getDimensions();
            List<Axis> axes = new ArrayList<>();
            for (int i = 0; i < dims.length; i++) {
                Node g = h.getByPath(base + "/axis-" + i);
                axes.add(new Axis(str(g.getAttribute("name")), dims[i], num(g.getAttribute("scale")), num(g.getAttribute("offset")),
                        str(g.getAttribute("units")), bool(g.getAttribute("navigate"))));
            }
            Object flat = d.getDataFlat();
            float[] v;
            if (flat instanceof long[] a) {
                v = new float[a.length];
                for (int i = 0; i < a.length; i++) {
                    v[i] = a[i];
                }
            } else if (flat instanceof int[] a) {
                v = new float[a.length];
                for (int i = 0; i < a.length; i++) {
                    v[i] = Integer.toUnsignedLong(a[i]);
                }
            } else if (flat instanceof float[] a) {
                v = a;
            } else if (flat instanceof double[] a) {
                v = new float[a.length];
                for (int i = 0; i < a.length; i++) {
                    v[i] = (float) a[i];
                }
            } else {
                throw new IllegalStateException("unexpected jhdf type " + flat.getClass());
            }
            return Dataset.ofFloats(v, axes, new Metadata());
        }
    }

    /** @return core_shell.hspy: uint32 (64, 64, 992) as float32, axes y, x [nm] and Energy [keV] */
    static Dataset coreShell() {
        return load(dataDir().resolve("edx/core_shell.hspy"), "Core shell");
    }

    private static String str(Attribute a) {
        Object o = a.getData();
        return o instanceof String[] s ? s[0] : o.toString();
    }

    private static double num(Attribute a) {
        Object o = a.getData();
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        return java.lang.reflect.Array.getDouble(o, 0);
    }

    private static boolean bool(Attribute a) {
        Object o = a.getData();
        if (o instanceof Boolean b) {
            return b;
        }
        if (o instanceof Number n) {
            return n.intValue() != 0;
        }
        if (o.getClass().isArray()) {
            Object e = java.lang.reflect.Array.get(o, 0);
            return e instanceof Boolean b ? b : ((Number) e).intValue() != 0;
        }
        return Boolean.parseBoolean(o.toString());
    }

    /** @return the parsed expected values */
    @SuppressWarnings("unchecked")
    static Map<String, Object> expected() throws IOException {
        String s = Files.readString(root().resolve("tests/tessera.decompose.tests/resources/core_shell_expected.json"));
        return (Map<String, Object>) new Json(s).value();
    }

    /** @return a JSON number array as double[] */
    @SuppressWarnings("unchecked")
    static double[] doubles(Object list) {
        List<Object> l = (List<Object>) list;
        double[] d = new double[l.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = ((Number) l.get(i)).doubleValue();
        }
        return d;
    }

    /** Minimal JSON parser (objects, arrays, strings without escapes beyond \", numbers, booleans, null). */
    private static final class Json {
        private final String s;
        private int i;

        Json(String s) {
            this.s = s;
        }

        Object value() {
            ws();
            char c = s.charAt(i);
            if (c == '{') {
                i++;
                Map<String, Object> m = new LinkedHashMap<>();
                ws();
                if (s.charAt(i) == '}') {
                    i++;
                    return m;
                }
                while (true) {
                    ws();
                    String k = (String) value();
                    ws();
                    i++; // ':'
                    m.put(k, value());
                    ws();
                    if (s.charAt(i++) == '}') {
                        return m;
                    }
                }
            }
            if (c == '[') {
                i++;
                List<Object> l = new ArrayList<>();
                ws();
                if (s.charAt(i) == ']') {
                    i++;
                    return l;
                }
                while (true) {
                    l.add(value());
                    ws();
                    if (s.charAt(i++) == ']') {
                        return l;
                    }
                }
            }
            if (c == '"') {
                StringBuilder b = new StringBuilder();
                i++;
                while (s.charAt(i) != '"') {
                    if (s.charAt(i) == '\\') {
                        i++;
                    }
                    b.append(s.charAt(i++));
                }
                i++;
                return b.toString();
            }
            if (s.startsWith("true", i)) {
                i += 4;
                return Boolean.TRUE;
            }
            if (s.startsWith("false", i)) {
                i += 5;
                return Boolean.FALSE;
            }
            if (s.startsWith("null", i)) {
                i += 4;
                return null;
            }
            int st = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            return Double.valueOf(s.substring(st, i));
        }

        private void ws() {
            while (Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }
    }
}
