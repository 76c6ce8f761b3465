package tessera.classify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tessera.core.io.InvalidFileException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An ensemble of element-identification networks whose probabilities are averaged, as the 2 ViT + 3 U-Net ensemble of
 * Annys et al. (Sci. Rep. 13 (2023) 13724, doi:10.1038/s41598-023-40943-7, Table 3), with its own threshold chosen on
 * validation data (argmin |precision − recall| of the averaged probabilities). A single model is an ensemble of one. On
 * disk it is a directory with {@value #FILE} and one model directory per member ({@link ElementIdModel}); the shipped
 * ensemble is the same layout inside the {@code tessera.classify} bundle, under {@value #SHIPPED}.
 * Thread-safe; holds native memory until {@link #close()}.
 */
public final class ElementIdEnsemble implements AutoCloseable {
    /** the ensemble description's file name */
    public static final String FILE = "ensemble.json";
    /** format of {@value #FILE} */
    public static final String FORMAT = "tessera.classify.element-id-ensemble/1";
    /** where the shipped ensemble lies inside the bundle */
    public static final String SHIPPED = "models/element-id";

    private final List<ElementIdModel> members;
    private final double threshold;
    private final Map<String, Double> metrics;
    private final String name;

    private ElementIdEnsemble(String name, List<ElementIdModel> members, double threshold, Map<String, Double> metrics) {
        this.name = name;
        this.members = List.copyOf(members);
        this.threshold = threshold;
        this.metrics = Map.copyOf(metrics);
        List<String> classes = members.get(0).card().classes();
        for (ElementIdModel m : members) {
            if (!m.card().classes().equals(classes)) {
                throw new IllegalArgumentException("ensemble members predict different classes");
            }
        }
    }

    /** Opens resources by relative path ("ensemble.json", "unet-1/model.json", ...). */
    @FunctionalInterface
    public interface Resources {
        /**
         * @param path path relative to the ensemble's root
         * @return the content, or null if there is none
         * @throws IOException on a read error
         */
        InputStream open(String path) throws IOException;
    }

    /**
     * Loads an ensemble directory ({@value #FILE} and members) or a single model directory (an ensemble of one with the
     * model's own threshold).
     *
     * @param dir the directory
     * @return the ensemble
     * @throws NoSuchFileException  if it is neither
     * @throws InvalidFileException if a description is malformed, of another version, or a member's weights do not
     *                              fit (names the file)
     * @throws IOException          on a read error
     */
    public static ElementIdEnsemble load(Path dir) throws IOException {
        if (Files.isRegularFile(dir.resolve(ModelCard.FILE)) && !Files.exists(dir.resolve(FILE))) {
            ElementIdModel m = ElementIdModel.load(dir);
            return new ElementIdEnsemble(dir.getFileName().toString(), List.of(m), m.card().threshold(), m.card().metrics());
        }
        if (!Files.isRegularFile(dir.resolve(FILE))) {
            throw new NoSuchFileException(dir.toString(), null, "neither a model (" + ModelCard.FILE + ") nor an ensemble (" + FILE + ") directory");
        }
        return load(dir.getFileName().toString(), p -> Files.isRegularFile(dir.resolve(p)) ? Files.newInputStream(dir.resolve(p)) : null, dir);
    }

    /**
     * Loads an ensemble from resources (the bundle's {@value #SHIPPED}).
     *
     * @param name      the ensemble's name, for messages and records
     * @param resources the files
     * @param root      the path messages name
     * @return the ensemble
     * @throws InvalidFileException if a file is missing or malformed
     * @throws IOException          on a read error
     */
    public static ElementIdEnsemble load(String name, Resources resources, Path root) throws IOException {
        JsonNode n;
        try (InputStream in = resources.open(FILE)) {
            if (in == null) {
                throw new InvalidFileException(root.resolve(FILE), "missing");
            }
            n = ModelCard.JSON.readTree(in);
        } catch (tools.jackson.core.JacksonException e) {
            throw new InvalidFileException(root.resolve(FILE), "not JSON: " + e.getOriginalMessage());
        }
        if (!FORMAT.equals(n.path("format").asString(""))) {
            throw new InvalidFileException(root.resolve(FILE), "format is '" + n.path("format").asString("") + "', this version reads " + FORMAT);
        }
        List<ElementIdModel> members = new ArrayList<>();
        try {
            for (JsonNode m : n.path("members")) {
                String dir = m.asString();
                ModelCard card;
                try (InputStream in = resources.open(dir + "/" + ModelCard.FILE)) {
                    if (in == null) {
                        throw new InvalidFileException(root.resolve(dir).resolve(ModelCard.FILE), "missing");
                    }
                    card = ModelCard.read(in, root.resolve(dir).resolve(ModelCard.FILE));
                }
                try (InputStream in = resources.open(dir + "/" + ModelCard.WEIGHTS)) {
                    if (in == null) {
                        throw new InvalidFileException(root.resolve(dir).resolve(ModelCard.WEIGHTS), "missing");
                    }
                    members.add(ElementIdModel.load(card, in, root.resolve(dir).resolve(ModelCard.WEIGHTS)));
                }
            }
            if (members.isEmpty()) {
                throw new InvalidFileException(root.resolve(FILE), "lists no member");
            }
            Map<String, Double> metrics = new LinkedHashMap<>();
            n.path("metrics").properties().forEach(e -> metrics.put(e.getKey(), e.getValue().asDouble()));
            double t = n.path("threshold").asDouble(Double.NaN);
            if (!(t > 0 && t < 1)) {
                throw new InvalidFileException(root.resolve(FILE), "threshold " + t + " is not in (0, 1)");
            }
            return new ElementIdEnsemble(name, members, t, metrics);
        } catch (IOException | RuntimeException e) {
            members.forEach(ElementIdModel::close);
            throw e;
        }
    }

    /**
     * Writes an ensemble directory: copies each member model directory under its own name and writes {@value #FILE}
     * with the threshold chosen on validation spectra by the paper's rule.
     *
     * @param models     member model directories
     * @param validation validation spectra {@code [n][3072]}
     * @param labels     their labels {@code [n][classes]}
     * @param out        the ensemble directory (created; must not hold an ensemble)
     * @return the validation metrics at the chosen threshold
     * @throws InvalidFileException if {@code out} already holds an ensemble or a member is invalid
     * @throws IOException          on an I/O error
     */
    public static MultiLabelMetrics assemble(List<Path> models, float[][] validation, byte[][] labels, Path out) throws IOException {
        if (Files.exists(out.resolve(FILE))) {
            throw new InvalidFileException(out, "already holds an ensemble");
        }
        List<ElementIdModel> loaded = new ArrayList<>();
        try {
            for (Path m : models) {
                loaded.add(ElementIdModel.load(m));
            }
            ElementIdEnsemble e = new ElementIdEnsemble("new", loaded, 0.5, Map.of());
            MultiLabelMetrics metrics = MultiLabelMetrics.balanced(e.predict(validation), labels);
            Files.createDirectories(out);
            List<String> names = new ArrayList<>();
            for (int i = 0; i < models.size(); i++) {
                String nm = loaded.get(i).card().architecture().id() + "-" + (i + 1);
                names.add(nm);
                Path d = out.resolve(nm);
                Files.createDirectories(d);
                for (String f : List.of(ModelCard.FILE, ModelCard.WEIGHTS, ModelCard.PROVENANCE, ElementIdTraining.LOG)) {
                    if (Files.exists(models.get(i).resolve(f))) {
                        Files.copy(models.get(i).resolve(f), d.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            ObjectNode n = ModelCard.JSON.createObjectNode();
            n.put("format", FORMAT);
            n.set("members", ModelCard.JSON.valueToTree(names));
            n.put("threshold", metrics.threshold());
            ObjectNode m = n.putObject("metrics");
            m.put("f1", metrics.f1());
            m.put("precision", metrics.precision());
            m.put("recall", metrics.recall());
            m.put("emr", metrics.emr());
            m.put("rmse", metrics.rmse());
            m.put("validationSpectra", metrics.spectra());
            tessera.core.io.AtomicFiles.write(out.resolve(FILE), tmp -> Files.writeString(tmp, ModelCard.JSON.writeValueAsString(n)));
            return metrics;
        } finally {
            loaded.forEach(ElementIdModel::close);
        }
    }

    /**
     * A single model as an ensemble of one, with the model's own threshold and metrics (closing it closes the model).
     *
     * @param model the model
     * @return the ensemble
     */
    public static ElementIdEnsemble of(ElementIdModel model) {
        return new ElementIdEnsemble(model.card().architecture().id(), List.of(model), model.card().threshold(), model.card().metrics());
    }

    /** @return the members */
    public List<ElementIdModel> members() {
        return members;
    }

    /** @return the name (directory) of the ensemble */
    public String name() {
        return name;
    }

    /** @return the classes, in output order */
    public List<String> classes() {
        return members.get(0).card().classes();
    }

    /** @return the threshold chosen on validation data */
    public double threshold() {
        return threshold;
    }

    /** @return the validation metrics at {@link #threshold()} */
    public Map<String, Double> metrics() {
        return metrics;
    }

    /**
     * The mean of the members' probabilities.
     *
     * @param inputs {@code [n][3072]} network inputs ({@link EelsModelInput#rebin})
     * @return {@code [n][classes]}
     */
    public float[][] predict(float[][] inputs) {
        float[][] sum = null;
        for (ElementIdModel m : members) {
            float[][] p = m.predict(inputs);
            if (sum == null) {
                sum = p;
            } else {
                for (int i = 0; i < p.length; i++) {
                    for (int j = 0; j < p[i].length; j++) {
                        sum[i][j] += p[i][j];
                    }
                }
            }
        }
        float inv = 1f / members.size();
        for (float[] row : sum) {
            for (int j = 0; j < row.length; j++) {
                row[j] *= inv;
            }
        }
        return sum;
    }

    /** @return a one-line description: members and their architectures */
    public String describe() {
        StringBuilder b = new StringBuilder();
        for (ElementIdModel m : members) {
            b.append(b.length() == 0 ? "" : " + ").append(m.card().architecture().id());
        }
        return b.toString();
    }

    /** Frees every member. */
    @Override
    public void close() {
        members.forEach(ElementIdModel::close);
    }
}
