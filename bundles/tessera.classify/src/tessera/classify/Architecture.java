package tessera.classify;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import ai.djl.nn.Block;
import tessera.classify.internal.Blocks1d;

/**
 * The element-identification architectures compared by Annys et al. (Sci. Rep. 13 (2023) 13724,
 * doi:10.1038/s41598-023-40943-7, Table 2), all multi-label with one sigmoid output per element, trained with binary
 * cross entropy plus a macro soft-F1 loss. The paper's widths (20 M parameters for its U-Net, 45 M for the CNN) are
 * scaled down by the default {@link #defaults()} so that a 2-core CPU passes a few hundred thousand spectra through
 * them in about 90 minutes; each width is a hyper-parameter recorded with the model.
 * <ul>
 * <li>{@link #MLP}: dense 1024, 512, 256 (each batch norm, ReLU, dropout 0.2) → dense 80.</li>
 * <li>{@link #CNN}: 1-D VGG-11: conv k=3 widths w, M, 2w, M, 4w, 4w, M, 8w, 8w, M, 8w, 8w, M (batch norm, ReLU; M =
 * max-pool 2), flatten, dense d, d (ReLU, dropout 0.5) → dense 80; w = 16, d = 512.</li>
 * <li>{@link #UNET}: 1-D U-Net with levels of 8, 16, 32, 64 channels and a 128-channel bottleneck (two conv-BN-ReLU
 * per level, max-pool down, up-sampling by 2 and conv-BN-ReLU up, skip concatenation), 1×1 conv to one feature per channel, dense 256
 * (ReLU, dropout 0.3) → dense 80.</li>
 * <li>{@link #VIT}: patches of 16 eV (192 tokens), embedding 64, learned positions, 4 encoder blocks of 4 heads
 * (feed-forward 128, GELU), layer norm, 8 features per token flattened, dense 256 (ReLU, dropout 0.3) → dense 80.</li>
 * </ul>
 */
public enum Architecture {
    /** multilayer perceptron */
    MLP(Map.of("hidden1", 1024, "hidden2", 512, "hidden3", 256)),
    /** 1-D VGG-11 convolutional network */
    CNN(Map.of("width", 16, "dense", 512)),
    /** 1-D U-Net with an MLP classification head */
    UNET(Map.of("width", 8, "levels", 5, "hidden", 256)),
    /** vision transformer on spectrum patches */
    VIT(Map.of("patch", 16, "dim", 64, "depth", 4, "heads", 4, "tokenDim", 8, "hidden", 256));

    private final Map<String, Integer> defaults;

    Architecture(Map<String, Integer> defaults) {
        this.defaults = defaults;
    }

    /** @return the lower-case name used on the command line and in model files ("mlp", "cnn", "unet", "vit") */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param id "mlp", "cnn", "unet" or "vit" (any case)
     * @return the architecture
     * @throws IllegalArgumentException if there is no such architecture
     */
    public static Architecture of(String id) {
        for (Architecture a : values()) {
            if (a.id().equalsIgnoreCase(id)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown architecture '" + id + "' (mlp, cnn, unet or vit)");
    }

    /** @return the default widths, sorted by name */
    public Map<String, Integer> defaults() {
        return new java.util.TreeMap<>(defaults);
    }

    /** @return true if the network takes {@code [batch, 3072]} rather than {@code [batch, 1, 3072]} */
    public boolean flatInput() {
        return this == MLP;
    }

    /**
     * Builds the untrained network.
     *
     * @param classes    output classes (80 for Be … Bi)
     * @param parameters widths by name; missing ones take {@link #defaults()}
     * @return the block; logits {@code [batch, classes]}
     * @throws IllegalArgumentException if a width is unknown or not positive, or the patch does not divide 3072
     */
    public Block build(int classes, Map<String, Integer> parameters) {
        Map<String, Integer> p = resolve(parameters);
        return switch (this) {
            case MLP -> Blocks1d.mlp(classes, p.get("hidden1"), p.get("hidden2"), p.get("hidden3"));
            case CNN -> Blocks1d.vgg11(classes, p.get("width"), p.get("dense"));
            case UNET -> {
                int[] w = new int[p.get("levels")];
                for (int i = 0; i < w.length; i++) {
                    w[i] = p.get("width") << i;
                }
                yield Blocks1d.unet(classes, w, p.get("hidden"));
            }
            case VIT -> Blocks1d.vit(classes, p.get("patch"), p.get("dim"), p.get("depth"), p.get("heads"), p.get("tokenDim"), p.get("hidden"));
        };
    }

    /**
     * @param parameters widths given by a user or a model file
     * @return every width of this architecture, defaults filled in
     * @throws IllegalArgumentException if a name is unknown or a value invalid
     */
    public Map<String, Integer> resolve(Map<String, Integer> parameters) {
        Map<String, Integer> p = new LinkedHashMap<>(defaults());
        for (Map.Entry<String, Integer> e : parameters.entrySet()) {
            if (!defaults.containsKey(e.getKey())) {
                throw new IllegalArgumentException(id() + " has no width '" + e.getKey() + "' (it has " + defaults().keySet() + ")");
            }
            if (e.getValue() == null || e.getValue() < 1) {
                throw new IllegalArgumentException(id() + ": '" + e.getKey() + "' must be a positive integer, not " + e.getValue());
            }
            p.put(e.getKey(), e.getValue());
        }
        if (this == VIT && (EelsModelInput.CHANNELS % p.get("patch") != 0 || p.get("dim") % p.get("heads") != 0)) {
            throw new IllegalArgumentException("vit: the patch must divide 3072 and the heads the embedding width");
        }
        if (this == UNET && (p.get("levels") < 2 || EelsModelInput.CHANNELS % (1 << (p.get("levels") - 1)) != 0)) {
            throw new IllegalArgumentException("unet: levels must be 2 … 11");
        }
        return p;
    }
}
