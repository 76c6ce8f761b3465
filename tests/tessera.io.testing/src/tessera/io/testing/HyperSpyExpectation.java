package tessera.io.testing;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Compares a dataset with what HyperSpy read from the same file (one entry of an
 * {@code expected_hyperspy.json}): shape, axes, data (exact for integer types, 1e-6 relative
 * for floats) and metadata (numbers compared by value, so 0 and 0.0 or an int and a long agree).
 * Shared by the reader test fragments (a test bundle, not part of the product).
 */
public final class HyperSpyExpectation {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HyperSpyExpectation() {
    }

    /**
     * @param e         the file's entry
     * @param d         the dataset read
     * @param skipUnits axis indices whose units are not compared (where Tessera knows more than HyperSpy 1.7.3)
     * @return the differences, empty when the dataset matches
     */
    public static List<String> differences(JsonNode e, Dataset d, int... skipUnits) {
        List<String> diff = new ArrayList<>();
        JsonNode shape = e.get("shape");
        int[] s = d.shape();
        if (shape.size() != s.length) {
            diff.add("rank " + s.length + " != " + shape.size());
            return diff;
        }
        for (int i = 0; i < s.length; i++) {
            if (shape.get(i).asInt() != s[i]) {
                diff.add("shape[" + i + "] " + s[i] + " != " + shape.get(i).asInt());
            }
        }
        JsonNode axes = e.get("axes");
        for (int i = 0; i < Math.min(axes.size(), d.rank()); i++) {
            JsonNode ea = axes.get(i);
            Axis a = d.axis(i);
            if (!ea.get("name").asString().equals(a.name())) {
                diff.add("axis " + i + " name '" + a.name() + "' != '" + ea.get("name").asString() + "'");
            }
            if (!contains(skipUnits, i) && !ea.get("units").asString().equals(a.units())) {
                diff.add("axis " + i + " units '" + a.units() + "' != '" + ea.get("units").asString() + "'");
            }
            if (!close(ea.get("scale").asDouble(), a.scale(), 1e-12)) {
                diff.add("axis " + i + " scale " + a.scale() + " != " + ea.get("scale").asDouble());
            }
            if (!close(ea.get("offset").asDouble(), a.offset(), 1e-12)) {
                diff.add("axis " + i + " offset " + a.offset() + " != " + ea.get("offset").asDouble());
            }
            if (ea.get("size").asInt() != a.size()) {
                diff.add("axis " + i + " size " + a.size() + " != " + ea.get("size").asInt());
            }
            if (ea.get("navigate").asBoolean() != a.navigate()) {
                diff.add("axis " + i + " navigate " + a.navigate() + " != " + ea.get("navigate").asBoolean());
            }
        }
        JsonNode data = e.get("data");
        String dt = e.get("dtype").asString();
        if (d.dtype() == tessera.core.model.DType.RGBA8 && (dt.equals("rgb8") || dt.equals("rgba8"))) {
            // HyperSpy's rgb8/rgba8: the channels of each pixel in turn; Tessera's RGBA8: four bytes R, G, B, A (A 255 for RGB)
            int ch = dt.equals("rgb8") ? 3 : 4;
            if (data.size() != d.size() * ch) {
                diff.add("size " + d.size() + " pixels != " + data.size() / ch);
                return diff;
            }
            for (int i = 0; i < d.size(); i++) {
                for (int c = 0; c < 4; c++) {
                    int got = Byte.toUnsignedInt(d.data().get(java.lang.foreign.ValueLayout.JAVA_BYTE, 4L * i + c));
                    int want = c < ch ? data.get(i * ch + c).asInt() : 255;
                    if (got != want) {
                        diff.add("pixel " + i + " channel " + c + ": " + got + " != " + want);
                        return diff;
                    }
                }
            }
            sameTree("metadata", e.get("metadata"), JSON.valueToTree(d.metadata().tree()), diff);
            return diff;
        }
        if (data.size() != d.size()) {
            diff.add("size " + d.size() + " != " + data.size());
        } else {
            boolean floating = d.dtype().isFloating();
            int bad = 0;
            for (int i = 0; i < data.size(); i++) {
                double want = data.get(i).asDouble(), got = d.getDouble(i);
                boolean ok = floating ? close(want, got, 1e-6) : want == got;
                if (!ok && bad++ < 3) {
                    diff.add("data[" + i + "] " + got + " != " + want);
                }
            }
            if (bad > 3) {
                diff.add("... " + bad + " data values differ");
            }
        }
        JsonNode md = e.get("metadata");
        sameTree("metadata", md, JSON.valueToTree(d.metadata().tree()), diff);
        return diff;
    }

    /**
     * Compares the original_metadata entries the expectation lists.
     *
     * @param e the entry
     * @param d the dataset
     * @return differences
     */
    public static List<String> originalDifferences(JsonNode e, Dataset d) {
        List<String> diff = new ArrayList<>();
        JsonNode want = e.get("original_metadata");
        Map<String, Object> om = d.metadata().original();
        for (Iterator<String> it = want.propertyNames().iterator(); it.hasNext();) {
            String k = it.next();
            Object got = Metadata.get(om, k.isEmpty() ? "-" : k);
            if (!om.containsKey(k)) {
                diff.add("original_metadata." + k + " missing");
                continue;
            }
            got = om.get(k);
            sameTree("original_metadata." + k, want.get(k), JSON.valueToTree(got), diff);
        }
        return diff;
    }

    /** Structural equality with numbers compared by value (relative 1e-12). */
    public static void sameTree(String path, JsonNode want, JsonNode got, List<String> diff) {
        if (want.isNumber() && got.isNumber()) {
            if (!close(want.asDouble(), got.asDouble(), 1e-12)) {
                diff.add(path + ": " + got + " != " + want);
            }
        } else if (want.isObject() && got.isObject()) {
            for (String k : want.propertyNames()) {
                if (!got.has(k)) {
                    diff.add(path + "." + k + " missing");
                } else {
                    sameTree(path + "." + k, want.get(k), got.get(k), diff);
                }
            }
            for (String k : got.propertyNames()) {
                if (!want.has(k)) {
                    diff.add(path + "." + k + " extra (" + got.get(k) + ")");
                }
            }
        } else if (want.isArray() && got.isArray()) {
            if (want.size() != got.size()) {
                diff.add(path + ": " + got + " != " + want);
                return;
            }
            for (int i = 0; i < want.size(); i++) {
                sameTree(path + "[" + i + "]", want.get(i), got.get(i), diff);
            }
        } else if (!want.equals(got)) {
            diff.add(path + ": " + got + " != " + want);
        }
    }

    public static boolean close(double want, double got, double rel) {
        if (want == got || (Double.isNaN(want) && Double.isNaN(got))) {
            return true;
        }
        return Math.abs(want - got) <= rel * Math.max(Math.abs(want), Math.abs(got));
    }

    private static boolean contains(int[] a, int v) {
        for (int x : a) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }
}
