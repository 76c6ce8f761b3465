package tessera.valence;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import smile.classification.SoftClassifier;
import tessera.classify.internal.DjlRuntime;
import tessera.core.io.InvalidFileException;
import tessera.eels.valence.ValenceFeatures;
import tessera.eels.valence.WhiteLines;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A trained valence classifier: a support vector machine ({@link ValenceSvm}) or a network ({@link Structure}) with
 * its card ({@value #FILE}: element, classes, kind, hyper-parameters, data, metrics) and weights ({@value #SVM} or
 * {@value #NETWORK}). From {@link ValenceFeatures} inputs to class probabilities. Thread-safe: predictions are
 * serialised per model.
 */
public final class ValenceModel {
    /** the card's file name */
    public static final String FILE = "model.json";
    /** an SVM's weights (Java serialisation of the Smile 2.6.0 machine) */
    public static final String SVM = "svm.ser";
    /** a network's weights (DJL parameters) */
    public static final String NETWORK = "network.params";
    /** the training record (PROV-JSON) */
    public static final String PROVENANCE = "training.prov.json";
    /** the card's format */
    public static final String FORMAT = "tessera.valence/1";
    /** the folder of the shipped models inside this bundle: {@code models/<element>/<kind>/} */
    public static final String SHIPPED = "models";
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int BATCH = 512;

    /**
     * A model's card.
     *
     * @param element         the element ("Mn", "Fe")
     * @param kind            "svm" or "network"
     * @param name            the structure or SVM setting, e.g. "dense-12", "conv-7", "rbf-ovo C=10 gamma=0.1"
     * @param classes         class names in output order
     * @param hyperParameters every hyper-parameter
     * @param data            the training and validation data
     * @param metrics         validation metrics ("validation_success", ...)
     * @param weightsSha256   SHA-256 of the weights file
     */
    public record Card(String element, String kind, String name, List<String> classes, Map<String, Object> hyperParameters,
            Map<String, Object> data, Map<String, Double> metrics, String weightsSha256) {

        /** Copies the collections. */
        public Card {
            classes = List.copyOf(classes);
            hyperParameters = new LinkedHashMap<>(hyperParameters);
            data = new LinkedHashMap<>(data);
            metrics = new LinkedHashMap<>(metrics);
        }

        /** @return the card as JSON */
        public String toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("format", FORMAT);
            m.put("element", element);
            m.put("kind", kind);
            m.put("name", name);
            m.put("classes", classes);
            m.put("channels", ValenceFeatures.CHANNELS);
            m.put("input", String.format(Locale.ROOT, "background-subtracted L2,3 edge, L3 maximum %+.0f … %+.0f eV at %.2f eV, divided by its maximum",
                    ValenceFeatures.START, ValenceFeatures.START + ValenceFeatures.CHANNELS * ValenceFeatures.STEP, ValenceFeatures.STEP));
            m.put("hyperParameters", hyperParameters);
            m.put("data", data);
            m.put("metrics", metrics);
            m.put("weightsSha256", weightsSha256);
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(m);
        }

        @SuppressWarnings("unchecked")
        static Card read(InputStream in, Path file) throws IOException {
            JsonNode n;
            try {
                n = JSON.readTree(in);
            } catch (RuntimeException e) {
                throw new InvalidFileException(file, "not a valence model card (JSON): " + e.getMessage());
            }
            if (n == null || !FORMAT.equals(n.path("format").asString(""))) {
                throw new InvalidFileException(file, "not a valence model card (format " + (n == null ? "none" : n.path("format").asString("none"))
                        + ", expected " + FORMAT + ")");
            }
            if (n.path("channels").asInt() != ValenceFeatures.CHANNELS) {
                throw new InvalidFileException(file, "the model has " + n.path("channels").asInt() + " input channels, not " + ValenceFeatures.CHANNELS);
            }
            String kind = n.path("kind").asString("");
            if (!kind.equals("svm") && !kind.equals("network")) {
                throw new InvalidFileException(file, "unknown model kind '" + kind + "' (svm or network)");
            }
            Map<String, Object> hp = JSON.convertValue(n.path("hyperParameters"), Map.class);
            Map<String, Object> data = JSON.convertValue(n.path("data"), Map.class);
            Map<String, Double> metrics = JSON.convertValue(n.path("metrics"), Map.class);
            List<String> classes = JSON.convertValue(n.path("classes"), List.class);
            return new Card(n.path("element").asString(""), kind, n.path("name").asString(""), classes, hp == null ? Map.of() : hp,
                    data == null ? Map.of() : data, metrics == null ? Map.of() : metrics, n.path("weightsSha256").asString(""));
        }
    }

    private final Card card;
    private final String where;
    private final SoftClassifier<double[]> svm;
    private final Structure structure;
    private final Block network;
    private final NDManager manager;

    private ValenceModel(Card card, String where, SoftClassifier<double[]> svm, Structure structure, Block network, NDManager manager) {
        this.card = card;
        this.where = where;
        this.svm = svm;
        this.structure = structure;
        this.network = network;
        this.manager = manager;
    }

    /** @return the card */
    public Card card() {
        return card;
    }

    /** @return where the model was loaded from (a directory, or "shipped Mn svm") */
    public String where() {
        return where;
    }

    /** @return the element's white lines */
    public WhiteLines lines() {
        return WhiteLines.of(card.element());
    }

    /** @return e.g. "Mn svm rbf-ovo C=10 gamma=0.1" */
    public String describe() {
        return card.element() + " " + card.kind() + " " + card.name();
    }

    /**
     * Loads a model directory written by {@code tessera train valence}.
     *
     * @param dir the directory
     * @return the model
     * @throws NoSuchFileException   if the directory or its card or weights are missing
     * @throws InvalidFileException  if the card is not a valence model's, names an unknown element or structure, or the
     *                               weights do not match it (checksum, shapes)
     * @throws IOException           on an I/O error
     */
    public static ValenceModel load(Path dir) throws IOException {
        Path f = dir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            throw new NoSuchFileException(dir.toString(), null, Files.isDirectory(dir) ? "not a valence model directory (no " + FILE + ")" : "no such model directory");
        }
        Card c;
        try (InputStream in = Files.newInputStream(f)) {
            c = Card.read(in, f);
        }
        Path w = dir.resolve(c.kind().equals("svm") ? SVM : NETWORK);
        if (!Files.isRegularFile(w)) {
            throw new NoSuchFileException(w.toString(), null, "the model's weights are missing");
        }
        return of(c, Files.readAllBytes(w), w, dir.toString());
    }

    /**
     * Loads a shipped model from this bundle.
     *
     * @param element "Mn" or "Fe"
     * @param kind    "svm", "dense" or "conv"
     * @return the model
     * @throws IllegalStateException if the bundle ships no such model
     */
    public static ValenceModel shipped(String element, String kind) {
        String base = SHIPPED + "/" + element.toLowerCase(Locale.ROOT) + "/" + kind + "/";
        ClassLoader cl = ValenceModel.class.getClassLoader();
        try (InputStream in = cl.getResourceAsStream(base + FILE)) {
            if (in == null) {
                throw new IllegalStateException("tessera.valence ships no " + element + " " + kind + " model (" + base + FILE + ")");
            }
            Card c = Card.read(in, Path.of("tessera.valence", base, FILE));
            String wn = c.kind().equals("svm") ? SVM : NETWORK;
            try (InputStream w = cl.getResourceAsStream(base + wn)) {
                if (w == null) {
                    throw new IllegalStateException("the shipped " + element + " " + kind + " model has no " + wn);
                }
                return of(c, w.readAllBytes(), Path.of("tessera.valence", base, wn), "shipped " + element + " " + kind);
            }
        } catch (IOException e) {
            throw new IllegalStateException("the shipped " + element + " " + kind + " valence model cannot be loaded: " + e.getMessage(), e);
        }
    }

    /**
     * A model from its card and weights.
     *
     * @param c       the card
     * @param weights the weights' bytes
     * @param file    the weights' file, for messages
     * @param where   where it came from
     * @return the model
     * @throws InvalidFileException if the checksum, element, classes or structure do not match
     * @throws IOException          if the weights cannot be read
     */
    public static ValenceModel of(Card c, byte[] weights, Path file, String where) throws IOException {
        String sha = sha256(weights);
        if (!c.weightsSha256().isEmpty() && !c.weightsSha256().equals(sha)) {
            throw new InvalidFileException(file, "the weights' SHA-256 " + sha + " does not match the card's " + c.weightsSha256());
        }
        WhiteLines lines;
        try {
            lines = WhiteLines.of(c.element());
        } catch (IllegalArgumentException e) {
            throw new InvalidFileException(file, e.getMessage());
        }
        if (!lines.classes().equals(c.classes())) {
            throw new InvalidFileException(file, "the model's classes " + c.classes() + " are not " + lines.classes());
        }
        if (c.kind().equals("svm")) {
            return new ValenceModel(c, where, ValenceSvm.read(weights, file.toString()), null, null, null);
        }
        Structure s;
        try {
            s = Structure.of(c.name());
        } catch (IllegalArgumentException e) {
            throw new InvalidFileException(file, e.getMessage());
        }
        try {
            return DjlRuntime.call(() -> {
                NDManager m = NDManager.newBaseManager();
                try {
                    Block b = s.build(c.classes().size());
                    b.initialize(m, DataType.FLOAT32, s.inputShape(1));
                    b.loadParameters(m, new DataInputStream(new ByteArrayInputStream(weights)));
                    return new ValenceModel(c, where, null, s, b, m);
                } catch (RuntimeException | ai.djl.MalformedModelException e) {
                    m.close();
                    throw new InvalidFileException(file, "the weights do not fit " + s.name() + ": " + e.getMessage());
                }
            });
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Class probabilities.
     *
     * @param x inputs {@code [n][160]}
     * @return probabilities {@code [n][classes]} (each row sums to 1)
     */
    public synchronized float[][] predict(float[][] x) {
        int k = card.classes().size();
        if (svm != null) {
            return ValenceSvm.probabilities(svm, ValenceData.toDoubles(x), k);
        }
        return DjlRuntime.run(() -> forward(network, manager, structure, k, x));
    }

    /** The network in inference mode, softmax outputs, in batches (inside {@link DjlRuntime}). */
    static float[][] forward(Block block, NDManager manager, Structure s, int k, float[][] x) {
        int c = ValenceFeatures.CHANNELS;
        float[][] out = new float[x.length][];
        for (int start = 0; start < x.length; start += BATCH) {
            int b = Math.min(BATCH, x.length - start);
            float[] flat = new float[b * c];
            for (int i = 0; i < b; i++) {
                System.arraycopy(x[start + i], 0, flat, i * c, c);
            }
            try (NDManager sub = manager.newSubManager()) {
                NDArray in = sub.create(flat, s.inputShape(b));
                NDArray p = block.forward(new ParameterStore(sub, false), new NDList(in), false).head().softmax(1);
                float[] v = p.toFloatArray();
                for (int i = 0; i < b; i++) {
                    out[start + i] = java.util.Arrays.copyOfRange(v, i * k, (i + 1) * k);
                }
            }
        }
        return out;
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
