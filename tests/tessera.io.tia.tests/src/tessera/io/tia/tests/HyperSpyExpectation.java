package tessera.io.tia.tests;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Compares a dataset with what HyperSpy 1.7.3 read from the same file (one signal of
 * {@code resources/expected_hyperspy.json}, see {@code make_expected.py}) and lists every
 * difference. Integers must be equal, floats equal to 1e-6 relative; HyperSpy's {@code None}
 * leaves count as absent.
 *
 * <p>One documented difference is allowed: axis offsets in nm (1 / nm) are HyperSpy's offset
 * in metres (reciprocal metres) converted, because HyperSpy 1.7.3 converts only the scale.
 */
final class HyperSpyExpectation {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HyperSpyExpectation() {
    }

    /**
     * @param d the dataset read by Tessera
     * @param e the expected signal
     * @return the differences, empty when the dataset matches
     */
    static List<String> differences(Dataset d, JsonNode e) {
        List<String> out = new ArrayList<>();
        int[] shape = d.shape();
        JsonNode es = e.get("shape");
        if (es.size() != shape.length) {
            out.add("rank " + shape.length + " != " + es.size());
            return out;
        }
        for (int i = 0; i < shape.length; i++) {
            if (es.get(i).asInt() != shape[i]) {
                out.add("shape[" + i + "] " + shape[i] + " != " + es.get(i).asInt());
            }
        }
        if (!d.dtype().numpyName().equals(e.get("dtype").asString())) {
            out.add("dtype " + d.dtype().numpyName() + " != " + e.get("dtype").asString());
        }
        JsonNode ea = e.get("axes");
        for (int i = 0; i < Math.min(ea.size(), d.rank()); i++) {
            Axis a = d.axis(i);
            JsonNode x = ea.get(i);
            String units = x.get("units").asString();
            double off = x.get("offset").asDouble();
            off = units.equals("nm") ? off * 1e9 : units.equals("1 / nm") ? off / 1e9 : off;
            check(out, "axis " + i + " name", x.get("name").asString(), a.name());
            check(out, "axis " + i + " units", units, a.units());
            check(out, "axis " + i + " size", x.get("size").asInt(), a.size());
            check(out, "axis " + i + " navigate", x.get("navigate").asBoolean(), a.navigate());
            close(out, "axis " + i + " scale", x.get("scale").asDouble(), a.scale());
            close(out, "axis " + i + " offset", off, a.offset());
        }
        JsonNode ed = e.get("data");
        check(out, "data sha256", ed.get("sha256").asString(), sha256(d));
        double sum = 0;
        long nan = 0;
        for (long i = 0; i < d.size(); i++) {
            double v = d.getDouble(i);
            if (Double.isNaN(v)) {
                nan++;
            } else {
                sum += v;
            }
        }
        close(out, "data sum", ed.get("sum").asDouble(), sum);
        check(out, "data NaN count", ed.get("nan").asLong(), nan);
        JsonNode head = ed.get("head"), tail = ed.get("tail");
        for (int i = 0; i < head.size(); i++) {
            sample(out, "data[" + i + "]", head.get(i), d.getDouble(i));
        }
        for (int i = 0; i < tail.size(); i++) {
            long k = d.size() - tail.size() + i;
            sample(out, "data[" + k + "]", tail.get(i), d.getDouble(k));
        }
        tree(out, "metadata", e.get("metadata"), JSON.valueToTree(d.metadata().tree()));
        tree(out, "original_metadata", e.get("original_metadata"), JSON.valueToTree(d.metadata().original()));
        return out;
    }

    private static void sample(List<String> out, String what, JsonNode want, double got) {
        if (want.isNull()) {
            if (!Double.isNaN(got)) {
                out.add(what + " " + got + " != NaN");
            }
        } else {
            close(out, what, want.asDouble(), got);
        }
    }

    private static void check(List<String> out, String what, Object want, Object got) {
        if (!want.equals(got)) {
            out.add(what + " '" + got + "' != '" + want + "'");
        }
    }

    private static void close(List<String> out, String what, double want, double got) {
        if (!(Math.abs(want - got) <= 1e-6 * Math.max(Math.abs(want), Math.abs(got))) && !(want == got)) {
            out.add(what + " " + got + " != " + want);
        }
    }

    /** SHA-256 of the elements as little-endian bytes in C order, as NumPy's tobytes() of a "<" array. */
    static String sha256(Dataset d) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            long n = d.size() * d.dtype().byteSize();
            if (d.byteOrder() != java.nio.ByteOrder.LITTLE_ENDIAN && d.dtype().byteSize() > 1) {
                throw new IllegalStateException("expects little-endian data");
            }
            byte[] buf = new byte[1 << 16];
            for (long o = 0; o < n; o += buf.length) {
                int len = (int) Math.min(buf.length, n - o);
                java.lang.foreign.MemorySegment.copy(d.data(), java.lang.foreign.ValueLayout.JAVA_BYTE, o, buf, 0, len);
                md.update(buf, 0, len);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Recursive comparison of a HyperSpy tree with Tessera's (as JSON). */
    static void tree(List<String> out, String path, JsonNode want, JsonNode got) {
        if (want == null || want.isNull()) {
            if (got != null && !got.isNull()) {
                out.add(path + " is " + got + ", HyperSpy has None");
            }
            return;
        }
        if (got == null || got.isNull() || got.isMissingNode()) {
            out.add(path + " missing (HyperSpy: " + abbreviate(want) + ")");
            return;
        }
        if (want.isObject()) {
            if (!got.isObject()) {
                out.add(path + " is " + abbreviate(got) + ", HyperSpy has a node");
                return;
            }
            for (Map.Entry<String, JsonNode> en : want.properties()) {
                if (!en.getValue().isNull() || got.has(en.getKey())) {
                    tree(out, path + "." + en.getKey(), en.getValue(), got.get(en.getKey()));
                }
            }
            for (Iterator<String> it = got.propertyNames().iterator(); it.hasNext();) {
                String k = it.next();
                if (!want.has(k)) {
                    out.add(path + "." + k + " = " + abbreviate(got.get(k)) + " not in HyperSpy's tree");
                }
            }
        } else if (want.isArray()) {
            if (!got.isArray() || got.size() != want.size()) {
                out.add(path + " is " + abbreviate(got) + ", HyperSpy has " + abbreviate(want));
                return;
            }
            for (int i = 0; i < want.size(); i++) {
                tree(out, path + "[" + i + "]", want.get(i), got.get(i));
            }
        } else if (want.isNumber()) {
            if (!got.isNumber() || want.isIntegralNumber() != got.isIntegralNumber()) {
                out.add(path + " is " + got + ", HyperSpy has " + want);
            } else if (want.isIntegralNumber()) {
                if (!want.bigIntegerValue().equals(got.bigIntegerValue())) {
                    out.add(path + " is " + got + ", HyperSpy has " + want);
                }
            } else {
                close(out, path, want.asDouble(), got.asDouble());
            }
        } else if (!want.equals(got)) {
            out.add(path + " is " + abbreviate(got) + ", HyperSpy has " + abbreviate(want));
        }
    }

    private static String abbreviate(JsonNode n) {
        String s = String.valueOf(n);
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
