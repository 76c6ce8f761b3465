package tessera.valence;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;

/**
 * A named network structure of the valence comparison: {@code dense-0} … {@code dense-13} (fully connected) and
 * {@code conv-0} … {@code conv-7} (1-D convolutional), the numbering of the structure table of del Pozo-Bueno,
 * Kepaptsoglou, Peiró &amp; Estradé (Ultramicroscopy 2023: 14 dense and 8 convolutional structures, success after 10
 * and 30 epochs). That paper's layer lists are not reproduced in the seed Tessera was given, so these are Tessera's own
 * structures spanning the same space (depth 1–4 hidden layers of 32–1024 units; 1–4 convolution blocks of 8–128
 * filters, kernels 3–7, max pooling 2, a dense head), each listed in docs/valence.md. Every hidden layer is followed by
 * a ReLU; the output layer has one unit per class and the softmax is in the loss (cross entropy).
 *
 * @param name    e.g. "dense-3"
 * @param conv    true for a convolutional structure
 * @param filters convolution blocks' filters (empty for dense)
 * @param kernels convolution blocks' kernel widths (channels)
 * @param hidden  the fully connected hidden layers' widths
 * @param dropout dropout rate after each hidden dense layer (0: none)
 */
public record Structure(String name, boolean conv, int[] filters, int[] kernels, int[] hidden, float dropout) {

    private static final int[] NONE = new int[0];

    /** The 14 dense structures, index = number. */
    public static final List<Structure> DENSE = List.of(
            dense(0, 0f, 32), dense(1, 0f, 64), dense(2, 0f, 128), dense(3, 0f, 256), dense(4, 0f, 512),
            dense(5, 0f, 64, 32), dense(6, 0f, 128, 64), dense(7, 0f, 256, 128), dense(8, 0f, 512, 256),
            dense(9, 0f, 128, 128, 128), dense(10, 0f, 256, 128, 64), dense(11, 0f, 512, 256, 128),
            dense(12, 0.3f, 256, 256), dense(13, 0f, 1024, 512, 256, 128));

    /** The 8 convolutional structures, index = number. */
    public static final List<Structure> CONV = List.of(
            conv(0, new int[] { 8 }, new int[] { 5 }, 0f, 64),
            conv(1, new int[] { 16 }, new int[] { 5 }, 0f, 64),
            conv(2, new int[] { 8, 16 }, new int[] { 5, 5 }, 0f, 64),
            conv(3, new int[] { 16, 32 }, new int[] { 3, 3 }, 0f, 128),
            conv(4, new int[] { 16, 32 }, new int[] { 7, 7 }, 0f, 128),
            conv(5, new int[] { 16, 32, 64 }, new int[] { 5, 5, 5 }, 0f, 128),
            conv(6, new int[] { 32, 64, 64 }, new int[] { 3, 3, 3 }, 0.3f, 128),
            conv(7, new int[] { 16, 32, 64, 128 }, new int[] { 5, 5, 5, 3 }, 0f, 256));

    private static Structure dense(int i, float dropout, int... hidden) {
        return new Structure("dense-" + i, false, NONE, NONE, hidden, dropout);
    }

    private static Structure conv(int i, int[] filters, int[] kernels, float dropout, int... hidden) {
        return new Structure("conv-" + i, true, filters, kernels, hidden, dropout);
    }

    /**
     * @param name "dense-N" (N 0–13) or "conv-N" (N 0–7)
     * @return the structure
     * @throws IllegalArgumentException if there is no structure of that name (the message lists them)
     */
    public static Structure of(String name) {
        for (Structure s : all()) {
            if (s.name.equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no network structure '" + name + "'; use dense-0 … dense-13 or conv-0 … conv-7");
    }

    /** @return dense then convolutional structures */
    public static List<Structure> all() {
        List<Structure> l = new ArrayList<>(DENSE);
        l.addAll(CONV);
        return l;
    }

    /**
     * @param batch batch size
     * @return the input shape: {@code (batch, 160)} dense, {@code (batch, 1, 160)} convolutional
     */
    public Shape inputShape(int batch) {
        int c = tessera.eels.valence.ValenceFeatures.CHANNELS;
        return conv ? new Shape(batch, 1, c) : new Shape(batch, c);
    }

    /**
     * @param classes number of outputs
     * @return a new, uninitialised network giving logits {@code (batch, classes)}
     */
    public Block build(int classes) {
        SequentialBlock net = new SequentialBlock();
        for (int i = 0; i < filters.length; i++) {
            int pad = kernels[i] / 2;
            net.add(Conv1d.builder().setFilters(filters[i]).setKernelShape(new Shape(kernels[i])).optPadding(new Shape(pad)).build());
            net.add(Activation.reluBlock());
            net.add(Pool.maxPool1dBlock(new Shape(2), new Shape(2)));
        }
        net.add(Blocks.batchFlattenBlock());
        for (int h : hidden) {
            net.add(Linear.builder().setUnits(h).build());
            net.add(Activation.reluBlock());
            if (dropout > 0) {
                net.add(Dropout.builder().optRate(dropout).build());
            }
        }
        net.add(Linear.builder().setUnits(classes).build());
        return net;
    }

    /** @return the layer list, as docs/valence.md prints it */
    public String layers() {
        StringBuilder b = new StringBuilder("input 160");
        for (int i = 0; i < filters.length; i++) {
            b.append(String.format(Locale.ROOT, " → conv %d×k%d ReLU → maxpool 2", filters[i], kernels[i]));
        }
        for (int h : hidden) {
            b.append(" → dense ").append(h).append(" ReLU");
            if (dropout > 0) {
                b.append(String.format(Locale.ROOT, " → dropout %.1f", dropout));
            }
        }
        return b.append(" → dense k (softmax)").toString();
    }
}
