package tessera.lattice.network;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import tessera.classify.internal.DjlRuntime;
import tessera.classify.internal.TrainingSupport;
import tessera.core.io.InvalidFileException;
import tessera.lattice.network.internal.UNet2d;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A trained atom-finding network ({@link tessera.lattice.network.internal.UNet2d}) with its card: from an image to the
 * per-pixel probability that an atomic column's centre is there, and from that map to column positions (the centres
 * of its thresholded blobs, as AtomNet gives them: M. Ziatdinov et al., ACS Nano 11 (2017) 12742,
 * doi:10.1021/acsnano.7b07504). A model directory holds {@value #FILE} (format {@value #FORMAT}: widths, threshold,
 * hyper-parameters, training data, validation metrics, the weights' SHA-256), {@value #WEIGHTS} (DJL parameters) and
 * {@value #PROVENANCE} (the PROV-JSON training record); the shipped model lies in this bundle under {@value #SHIPPED}.
 * Inference is serialised per model (thread-safe) and deterministic on one machine.
 */
public final class AtomNetModel implements AutoCloseable {
    /** the card's file name */
    public static final String FILE = "model.json";
    /** the weights' file name */
    public static final String WEIGHTS = "weights.params";
    /** the training record's file name */
    public static final String PROVENANCE = "training.prov.json";
    /** the per-validation log's file name */
    public static final String LOG = "training-log.csv";
    /** the card's format */
    public static final String FORMAT = "tessera.lattice.network/1";
    /** where the shipped model lies inside this bundle */
    public static final String SHIPPED = "models/atomnet";
    /** images are passed whole when their sides are at most this; larger ones in overlapping tiles of this side */
    static final int TILE = 768;
    /** overlap of neighbouring tiles (px); each tile keeps its central part */
    static final int OVERLAP = 64;
    static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /**
     * A model's card.
     *
     * @param width           channels of the U-Net's top level
     * @param levels          U-Net levels including the bottleneck
     * @param threshold       probability threshold of a blob, chosen on simulated validation images (best matched F1)
     * @param weightsSha256   SHA-256 of the weights, hex
     * @param hyperParameters every training hyper-parameter
     * @param data            the training and validation data (generator, seeds, counts)
     * @param metrics         validation metrics at the threshold
     */
    public record Card(int width, int levels, double threshold, String weightsSha256, Map<String, Object> hyperParameters, Map<String, Object> data,
            Map<String, Double> metrics) {
        /** Copies the maps. */
        public Card {
            hyperParameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(hyperParameters));
            data = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(data));
            metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        }

        /** @return the card as JSON text */
        public String toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("format", FORMAT);
            m.put("architecture", "unet2d");
            m.put("width", width);
            m.put("levels", levels);
            m.put("threshold", threshold);
            m.put("weights", WEIGHTS);
            m.put("weightsSha256", weightsSha256);
            m.put("hyperParameters", hyperParameters);
            m.put("data", data);
            m.put("metrics", metrics);
            return JSON.writeValueAsString(m);
        }

        /**
         * Reads a card.
         *
         * @param in   its JSON
         * @param file where it comes from, for messages
         * @return the card
         * @throws InvalidFileException if it is not JSON, of another format, lacks an item or holds a value out of range
         * @throws IOException          on a read error
         */
        @SuppressWarnings("unchecked")
        public static Card read(InputStream in, Path file) throws IOException {
            JsonNode n;
            try {
                n = JSON.readTree(in);
            } catch (tools.jackson.core.JacksonException e) {
                throw new InvalidFileException(file, "not a JSON model description: " + e.getOriginalMessage());
            }
            String format = n.path("format").asString("");
            if (!FORMAT.equals(format)) {
                throw new InvalidFileException(file, "model format is '" + format + "', this version of Tessera reads " + FORMAT);
            }
            for (String k : List.of("width", "levels", "threshold", "weightsSha256")) {
                if (!n.hasNonNull(k)) {
                    throw new InvalidFileException(file, "model description has no '" + k + "'");
                }
            }
            int width = n.get("width").asInt(), levels = n.get("levels").asInt();
            double t = n.get("threshold").asDouble();
            if (width < 1 || width > 256 || levels < 2 || levels > 8 || !(t > 0 && t < 1)) {
                throw new InvalidFileException(file, "width " + width + ", levels " + levels + " or threshold " + t + " out of range");
            }
            Map<String, Double> metrics = new LinkedHashMap<>();
            n.path("metrics").properties().forEach(e -> metrics.put(e.getKey(), e.getValue().isNumber() ? e.getValue().asDouble() : Double.NaN));
            Map<String, Object> hp = n.has("hyperParameters") ? JSON.convertValue(n.get("hyperParameters"), LinkedHashMap.class) : Map.of();
            Map<String, Object> data = n.has("data") ? JSON.convertValue(n.get("data"), LinkedHashMap.class) : Map.of();
            return new Card(width, levels, t, n.get("weightsSha256").asString(), hp, data, metrics);
        }
    }

    private final Card card;
    private final NDManager manager;
    private final Block block;

    private AtomNetModel(Card card, NDManager manager, Block block) {
        this.card = card;
        this.manager = manager;
        this.block = block;
    }

    /** @return the card */
    public Card card() {
        return card;
    }

    /**
     * Loads a model directory ({@code tessera train atoms}).
     *
     * @param dir the directory
     * @return the model
     * @throws NoSuchFileException  if the directory or one of its files is missing
     * @throws InvalidFileException if the card is malformed, the weights' SHA-256 differs from the card's, or the
     *                              weights do not fit the network (names the file)
     * @throws IOException          on a read error
     */
    public static AtomNetModel load(Path dir) throws IOException {
        Path json = dir.resolve(FILE), weights = dir.resolve(WEIGHTS);
        if (!Files.isRegularFile(json)) {
            throw new NoSuchFileException(json.toString(), null, "not an atom-finding model directory: no " + FILE);
        }
        if (!Files.isRegularFile(weights)) {
            throw new NoSuchFileException(weights.toString(), null, "the model's weights are missing");
        }
        Card card;
        try (InputStream in = Files.newInputStream(json)) {
            card = Card.read(in, json);
        }
        try (InputStream in = Files.newInputStream(weights)) {
            return load(card, in.readAllBytes(), weights);
        }
    }

    /**
     * Loads the model shipped in this bundle ({@value #SHIPPED}).
     *
     * @return the model
     * @throws IllegalStateException if it is missing from the bundle or cannot be loaded
     */
    public static AtomNetModel shipped() {
        ClassLoader cl = AtomNetModel.class.getClassLoader();
        try (InputStream c = cl.getResourceAsStream(SHIPPED + "/" + FILE); InputStream w = cl.getResourceAsStream(SHIPPED + "/" + WEIGHTS)) {
            if (c == null || w == null) {
                throw new IllegalStateException("the shipped atom-finding network is missing from the bundle tessera.lattice.network (" + SHIPPED + ")");
            }
            Path where = Path.of("tessera.lattice.network", SHIPPED);
            return load(Card.read(c, where.resolve(FILE)), w.readAllBytes(), where.resolve(WEIGHTS));
        } catch (IOException e) {
            throw new IllegalStateException("the shipped atom-finding network cannot be loaded: " + e.getMessage(), e);
        }
    }

    static AtomNetModel load(Card card, byte[] weights, Path file) throws IOException {
        String sha = HexFormat.of().formatHex(TrainingSupport.sha256().digest(weights));
        if (!sha.equals(card.weightsSha256())) {
            throw new InvalidFileException(file, "the weights' SHA-256 is " + sha + ", the model description says " + card.weightsSha256());
        }
        try {
            return DjlRuntime.call(() -> {
                NDManager m = NDManager.newBaseManager();
                try {
                    Block b = UNet2d.build(card.width(), card.levels());
                    int k = UNet2d.multiple(card.levels());
                    b.initialize(m, DataType.FLOAT32, new Shape(1, 1, k, k));
                    b.loadParameters(m, new DataInputStream(new ByteArrayInputStream(weights)));
                    return new AtomNetModel(card, m, b);
                } catch (RuntimeException | MalformedModelException | IOException e) {
                    m.close();
                    throw e;
                }
            });
        } catch (MalformedModelException | IllegalArgumentException | IllegalStateException | IOException e) {
            throw new InvalidFileException(file, "the weights do not fit a U-Net of width " + card.width() + " and " + card.levels() + " levels: "
                    + e.getMessage());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The atom-probability map of an image.
     *
     * @param pixels the image {@code [ny*nx]}, row-major, columns bright; standardised here (zero mean, unit standard
     *               deviation), as the training images were
     * @param ny     rows
     * @param nx     columns
     * @return probabilities {@code [ny*nx]} in [0, 1]
     */
    public synchronized float[] probability(double[] pixels, int ny, int nx) {
        float[] x = TrainingLattices.standardise(pixels);
        return DjlRuntime.run(() -> probability(block, manager, card.levels(), x, ny, nx));
    }

    /**
     * The probability map of a standardised image through a block, whole or in overlapping tiles, each mirrored out to
     * a multiple of the network's pooling factor.
     */
    static float[] probability(Block block, NDManager manager, int levels, float[] x, int ny, int nx) {
        int k = UNet2d.multiple(levels);
        float[] out = new float[ny * nx];
        int step = TILE - 2 * OVERLAP;
        List<int[]> tiles = new ArrayList<>();
        if (ny <= TILE && nx <= TILE) {
            tiles.add(new int[] {0, 0, ny, nx});
        } else {
            for (int y0 = 0; y0 < ny; y0 += step) {
                for (int x0 = 0; x0 < nx; x0 += step) {
                    tiles.add(new int[] {y0, x0, Math.min(ny, y0 + step), Math.min(nx, x0 + step)});
                }
            }
        }
        for (int[] t : tiles) {
            // the tile's core [t0, t2) × [t1, t3) with OVERLAP of context on each side (where the image has it)
            int ay = Math.max(0, t[0] - (tiles.size() > 1 ? OVERLAP : 0)), ax = Math.max(0, t[1] - (tiles.size() > 1 ? OVERLAP : 0));
            int by = Math.min(ny, t[2] + (tiles.size() > 1 ? OVERLAP : 0)), bx = Math.min(nx, t[3] + (tiles.size() > 1 ? OVERLAP : 0));
            int h = by - ay, w = bx - ax, ph = (h + k - 1) / k * k, pw = (w + k - 1) / k * k;
            float[] in = new float[ph * pw];
            for (int y = 0; y < ph; y++) {
                int sy = ay + mirror(y, h);
                for (int xx = 0; xx < pw; xx++) {
                    in[y * pw + xx] = x[sy * nx + ax + mirror(xx, w)];
                }
            }
            float[] p;
            try (NDManager m = manager.newSubManager()) {
                NDArray a = m.create(in, new Shape(1, 1, ph, pw));
                NDList r = block.forward(new ParameterStore(m, false), new NDList(a), false);
                p = r.head().toFloatArray();
            }
            for (int y = t[0]; y < t[2]; y++) {
                for (int xx = t[1]; xx < t[3]; xx++) {
                    out[y * nx + xx] = sigmoid(p[(y - ay) * pw + (xx - ax)]);
                }
            }
        }
        return out;
    }

    private static int mirror(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * (n - 1);
        int j = Math.floorMod(i, period);
        return j < n ? j : period - j;
    }

    private static float sigmoid(float v) {
        return (float) (1 / (1 + Math.exp(-v)));
    }

    /**
     * The centres of the blobs of a probability map: 8-connected regions above {@code threshold} of at least
     * {@code minArea} px, each centred at its probability-weighted centroid.
     *
     * @param p         probabilities {@code [ny*nx]}
     * @param ny        rows
     * @param nx        columns
     * @param threshold blob threshold, (0, 1)
     * @param minArea   smallest blob (px)
     * @return rows {@code [0][n]} and columns {@code [1][n]} of the centres (px)
     */
    public static double[][] blobCentres(float[] p, int ny, int nx, double threshold, int minArea) {
        int[] label = new int[ny * nx];
        int[] stack = new int[ny * nx];
        List<double[]> c = new ArrayList<>();
        int next = 0;
        for (int s = 0; s < p.length; s++) {
            if (p[s] <= threshold || label[s] != 0) {
                continue;
            }
            next++;
            int top = 0;
            stack[top++] = s;
            label[s] = next;
            double sw = 0, sy = 0, sx = 0;
            int area = 0;
            while (top > 0) {
                int i = stack[--top];
                int y = i / nx, x = i % nx;
                double w = p[i];
                sw += w;
                sy += w * y;
                sx += w * x;
                area++;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int yy = y + dy, xx = x + dx;
                        if (yy >= 0 && yy < ny && xx >= 0 && xx < nx) {
                            int j = yy * nx + xx;
                            if (label[j] == 0 && p[j] > threshold) {
                                label[j] = next;
                                stack[top++] = j;
                            }
                        }
                    }
                }
            }
            if (area >= minArea) {
                c.add(new double[] {sy / sw, sx / sw});
            }
        }
        double[][] out = new double[2][c.size()];
        for (int i = 0; i < c.size(); i++) {
            out[0][i] = c.get(i)[0];
            out[1][i] = c.get(i)[1];
        }
        return out;
    }

    /** Releases the network's native memory. */
    @Override
    public void close() {
        manager.close();
    }
}
