package tessera.classify;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import tessera.classify.internal.DjlRuntime;
import tessera.core.io.InvalidFileException;

/**
 * One trained element-identification network (Annys et al., Sci. Rep. 13 (2023) 13724,
 * doi:10.1038/s41598-023-40943-7) with its {@link ModelCard}, ready for inference on the PyTorch CPU engine. Inputs are
 * {@link EelsModelInput} spectra {@code [n][3072]}; outputs the sigmoid probabilities {@code [n][classes]}. Inference
 * runs the network in evaluation mode (batch norm with its running statistics, no dropout) in fixed batches, so the same
 * input gives bit-identical output on one machine. Instances are thread-safe (calls are serialised; PyTorch uses every
 * core within one call) and hold native memory until {@link #close()}.
 */
public final class ElementIdModel implements AutoCloseable {
    /** spectra per forward pass in {@link #predict} */
    public static final int BATCH = 256;

    private final ModelCard card;
    private final NDManager manager;
    private final Block block;

    private ElementIdModel(ModelCard card, NDManager manager, Block block) {
        this.card = card;
        this.manager = manager;
        this.block = block;
    }

    /**
     * Loads a model directory ({@value ModelCard#FILE}, {@value ModelCard#WEIGHTS}).
     *
     * @param dir the directory
     * @return the model
     * @throws NoSuchFileException  if the directory or one of its files is missing
     * @throws InvalidFileException if the description is malformed or of another version, the weights' SHA-256 differs
     *                              from the description's, or the weights do not fit the architecture (names the file)
     * @throws IOException          on a read error
     */
    public static ElementIdModel load(Path dir) throws IOException {
        Path json = dir.resolve(ModelCard.FILE);
        Path weights = dir.resolve(ModelCard.WEIGHTS);
        if (!Files.isRegularFile(json)) {
            throw new NoSuchFileException(json.toString(), null, "not a model directory: no " + ModelCard.FILE);
        }
        if (!Files.isRegularFile(weights)) {
            throw new NoSuchFileException(weights.toString(), null, "the model's weights are missing");
        }
        ModelCard card;
        try (InputStream in = Files.newInputStream(json)) {
            card = ModelCard.read(in, json);
        }
        try (InputStream in = Files.newInputStream(weights)) {
            return load(card, in, weights);
        }
    }

    /**
     * Builds the network of a description and loads its weights from a stream (a bundle resource).
     *
     * @param card    the description
     * @param weights the {@value ModelCard#WEIGHTS} content
     * @param file    where the weights come from, for messages
     * @return the model
     * @throws InvalidFileException if the weights' SHA-256 differs from the card's or they do not fit the architecture
     * @throws IOException          on a read error
     */
    public static ElementIdModel load(ModelCard card, InputStream weights, Path file) throws IOException {
        MessageDigest md = tessera.classify.internal.TrainingSupport.sha256();
        byte[] bytes;
        try (DigestInputStream in = new DigestInputStream(new BufferedInputStream(weights), md)) {
            bytes = in.readAllBytes();
        }
        String sha = HexFormat.of().formatHex(md.digest());
        if (!sha.equals(card.weightsSha256())) {
            throw new InvalidFileException(file, "the weights' SHA-256 is " + sha + ", the model description says " + card.weightsSha256());
        }
        try {
            return DjlRuntime.call(() -> {
                NDManager m = NDManager.newBaseManager();
                try {
                    Block b = card.architecture().build(card.classes().size(), card.widths());
                    b.initialize(m, DataType.FLOAT32, inputShape(card.architecture(), 1));
                    b.loadParameters(m, new DataInputStream(new java.io.ByteArrayInputStream(bytes)));
                    return new ElementIdModel(card, m, b);
                } catch (RuntimeException | MalformedModelException | IOException e) {
                    m.close();
                    throw e;
                }
            });
        } catch (MalformedModelException | IllegalArgumentException | IllegalStateException | IOException e) {
            throw new InvalidFileException(file, "the weights do not fit a " + card.architecture().id() + " " + card.widths() + ": " + e.getMessage());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the description */
    public ModelCard card() {
        return card;
    }

    /**
     * Probabilities for network inputs.
     *
     * @param inputs {@code [n][3072]} from {@link EelsModelInput#rebin}
     * @return {@code [n][classes]}, each in [0, 1]
     * @throws IllegalArgumentException if a row is not 3072 long
     */
    public synchronized float[][] predict(float[][] inputs) {
        return DjlRuntime.run(() -> forward(block, manager, card.architecture(), card.classes().size(), inputs));
    }

    /**
     * The network in evaluation mode on inputs, in batches of {@value #BATCH}: the one inference path of training
     * validation, evaluation and classification. Call inside {@link DjlRuntime}.
     */
    static float[][] forward(Block block, NDManager manager, Architecture arch, int k, float[][] inputs) {
        int n = inputs.length;
        float[][] out = new float[n][];
        float[] flat = new float[BATCH * EelsModelInput.CHANNELS];
        for (int start = 0; start < n; start += BATCH) {
            int b = Math.min(BATCH, n - start);
            for (int i = 0; i < b; i++) {
                if (inputs[start + i].length != EelsModelInput.CHANNELS) {
                    throw new IllegalArgumentException("input " + (start + i) + " has " + inputs[start + i].length + " channels, not 3072");
                }
                System.arraycopy(inputs[start + i], 0, flat, i * EelsModelInput.CHANNELS, EelsModelInput.CHANNELS);
            }
            try (NDManager sub = manager.newSubManager()) {
                NDArray x = sub.create(java.nio.FloatBuffer.wrap(flat, 0, b * EelsModelInput.CHANNELS), inputShape(arch, b));
                NDArray p = ai.djl.nn.Activation.sigmoid(block.forward(new ParameterStore(sub, false), new NDList(x), false).head());
                float[] v = p.toFloatArray();
                for (int i = 0; i < b; i++) {
                    out[start + i] = java.util.Arrays.copyOfRange(v, i * k, (i + 1) * k);
                }
            }
        }
        return out;
    }

    /**
     * @param arch  architecture
     * @param batch batch size
     * @return the network's input shape
     */
    static Shape inputShape(Architecture arch, long batch) {
        return arch.flatInput() ? new Shape(batch, EelsModelInput.CHANNELS) : new Shape(batch, 1, EelsModelInput.CHANNELS);
    }

    /** Frees the network's native memory. */
    @Override
    public synchronized void close() {
        DjlRuntime.run(() -> {
            manager.close();
            return null;
        });
    }
}
