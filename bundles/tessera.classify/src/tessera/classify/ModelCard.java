package tessera.classify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tessera.core.io.InvalidFileException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The description of a trained element-identification network, {@value #FILE} beside its weights: what to build
 * (architecture and widths), what it predicts (classes, input channels), the threshold chosen on validation data, and
 * how it was trained (hyper-parameters, data, validation metrics). A model directory holds {@value #FILE},
 * {@value #WEIGHTS} (DJL's parameter format, {@link ai.djl.nn.Block#saveParameters}) and {@value #PROVENANCE} (the
 * PROV-JSON training record).
 *
 * @param format          {@value #FORMAT}; another value is refused
 * @param architecture    the architecture
 * @param widths          its widths ({@link Architecture#resolve})
 * @param classes         output classes (element symbols)
 * @param channels        input channels ({@value EelsModelInput#CHANNELS})
 * @param threshold       decision threshold, chosen on validation data (argmin |precision − recall|)
 * @param weightsSha256   SHA-256 of {@value #WEIGHTS}, hex
 * @param hyperParameters every training hyper-parameter
 * @param data            the training and validation data (directories' manifests with their SHA-256, spectra used)
 * @param metrics         validation metrics at the threshold
 * @param tessera         version of the tessera.classify bundle that wrote it
 */
public record ModelCard(String format, Architecture architecture, Map<String, Integer> widths, List<String> classes, int channels,
        double threshold, String weightsSha256, Map<String, Object> hyperParameters, Map<String, Object> data, Map<String, Double> metrics,
        String tessera) {
    /** format of this description */
    public static final String FORMAT = "tessera.classify.element-id/1";
    /** the description's file name */
    public static final String FILE = "model.json";
    /** the weights' file name */
    public static final String WEIGHTS = "weights.params";
    /** the training record's file name */
    public static final String PROVENANCE = "training.prov.json";

    static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** Copies the collections. */
    public ModelCard {
        widths = Map.copyOf(widths);
        classes = List.copyOf(classes);
        hyperParameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(hyperParameters));
        data = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(data));
        metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /** @return this description as JSON text */
    public String toJson() {
        ObjectNode n = JSON.createObjectNode();
        n.put("format", format);
        n.put("architecture", architecture.id());
        n.set("widths", JSON.valueToTree(new java.util.TreeMap<>(widths)));
        n.set("classes", JSON.valueToTree(classes));
        n.put("channels", channels);
        n.put("threshold", threshold);
        n.put("weights", WEIGHTS);
        n.put("weightsSha256", weightsSha256);
        n.set("hyperParameters", JSON.valueToTree(hyperParameters));
        n.set("data", JSON.valueToTree(data));
        n.set("metrics", JSON.valueToTree(metrics));
        n.put("tessera", tessera);
        return JSON.writeValueAsString(n);
    }

    /**
     * Reads a description.
     *
     * @param in   its JSON
     * @param file where it comes from, for messages
     * @return the description
     * @throws InvalidFileException if it is not JSON, is of another format (a model directory written by another
     *                              version), or lacks an item; the message names the file and the item
     * @throws IOException          if it cannot be read
     */
    public static ModelCard read(InputStream in, Path file) throws IOException {
        JsonNode n;
        try {
            n = JSON.readTree(in);
        } catch (tools.jackson.core.JacksonException e) {
            throw new InvalidFileException(file, "not a JSON model description: " + e.getOriginalMessage());
        }
        String format = n.path("format").asString("");
        if (!FORMAT.equals(format)) {
            throw new InvalidFileException(file, "model format is '" + format + "', this version of Tessera reads " + FORMAT
                    + " (a model directory written by another version)");
        }
        Architecture arch;
        Map<String, Integer> widths = new LinkedHashMap<>();
        List<String> classes = new ArrayList<>();
        try {
            arch = Architecture.of(need(n, "architecture", file).asString());
            need(n, "widths", file).properties().forEach(e -> widths.put(e.getKey(), e.getValue().asInt()));
            arch.resolve(widths);
            need(n, "classes", file).forEach(c -> classes.add(c.asString()));
        } catch (IllegalArgumentException e) {
            throw new InvalidFileException(file, e.getMessage());
        }
        int channels = need(n, "channels", file).asInt();
        if (channels != EelsModelInput.CHANNELS || classes.isEmpty()) {
            throw new InvalidFileException(file, "a model of " + channels + " input channels and " + classes.size() + " classes; expected "
                    + EelsModelInput.CHANNELS + " channels and at least one class");
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        n.path("metrics").properties().forEach(e -> metrics.put(e.getKey(), e.getValue().asDouble()));
        @SuppressWarnings("unchecked")
        Map<String, Object> hp = n.has("hyperParameters") ? JSON.convertValue(n.get("hyperParameters"), LinkedHashMap.class) : Map.of();
        @SuppressWarnings("unchecked")
        Map<String, Object> data = n.has("data") ? JSON.convertValue(n.get("data"), LinkedHashMap.class) : Map.of();
        double threshold = need(n, "threshold", file).asDouble();
        if (!(threshold > 0 && threshold < 1)) {
            throw new InvalidFileException(file, "threshold " + threshold + " is not in (0, 1)");
        }
        return new ModelCard(format, arch, widths, classes, channels, threshold, need(n, "weightsSha256", file).asString(), hp, data, metrics,
                n.path("tessera").asString(""));
    }

    private static JsonNode need(JsonNode n, String name, Path file) throws InvalidFileException {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) {
            throw new InvalidFileException(file, "model description has no '" + name + "'");
        }
        return v;
    }
}
