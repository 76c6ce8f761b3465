package tessera.classify.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.nn.transformer.TransformerEncoderBlock;

/**
 * The element-identification networks of Annys et al. (Sci. Rep. 13 (2023) 13724, doi:10.1038/s41598-023-40943-7) as
 * DJL blocks on an input {@code [batch, 1, 3072]} (MLP: {@code [batch, 3072]}), each giving logits {@code [batch,
 * classes]} (the sigmoid is applied by the caller). Widths are the paper's structures scaled to what a 2-core CPU
 * trains in about 90 minutes; {@link tessera.classify.Architecture} documents each layer list.
 */
public final class Blocks1d {
    private Blocks1d() {
    }

    /** conv(k=3, same) → batch norm → ReLU */
    static Block convBnRelu(int filters) {
        return new SequentialBlock()
                .add(Conv1d.builder().setKernelShape(new Shape(3)).setFilters(filters).optPadding(new Shape(1)).optBias(false).build())
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock());
    }

    /** two {@link #convBnRelu} */
    static Block doubleConv(int filters) {
        return new SequentialBlock().add(convBnRelu(filters)).add(convBnRelu(filters));
    }

    /** classification head: flatten → [dense(units) → ReLU → dropout] per hidden width → dense(classes) */
    static SequentialBlock head(SequentialBlock net, int classes, float dropout, int... hidden) {
        net.add(Blocks.batchFlattenBlock());
        for (int h : hidden) {
            net.add(Linear.builder().setUnits(h).build()).add(Activation.reluBlock()).add(Dropout.builder().optRate(dropout).build());
        }
        return net.add(Linear.builder().setUnits(classes).build());
    }

    /**
     * Multilayer perceptron: dense(h) → batch norm → ReLU → dropout per hidden width, then dense(classes).
     *
     * @param classes output classes
     * @param hidden  hidden widths
     * @return the block, input {@code [batch, 3072]}
     */
    public static Block mlp(int classes, int... hidden) {
        SequentialBlock net = new SequentialBlock();
        for (int h : hidden) {
            net.add(Linear.builder().setUnits(h).build()).add(BatchNorm.builder().build()).add(Activation.reluBlock())
                    .add(Dropout.builder().optRate(0.2f).build());
        }
        return net.add(Linear.builder().setUnits(classes).build());
    }

    /**
     * 1-D VGG-11 (Simonyan and Zisserman, arXiv:1409.1556, configuration A): conv widths {@code w, M, 2w, M, 4w, 4w, M,
     * 8w, 8w, M, 8w, 8w, M} (M = max-pool 2), each conv k = 3 with batch norm and ReLU, then the dense head.
     *
     * @param classes output classes
     * @param w       width of the first stage (VGG-11: 64)
     * @param dense   width of the two hidden dense layers (VGG-11: 4096)
     * @return the block
     */
    public static Block vgg11(int classes, int w, int dense) {
        SequentialBlock net = new SequentialBlock();
        int[][] stages = { { w }, { 2 * w }, { 4 * w, 4 * w }, { 8 * w, 8 * w }, { 8 * w, 8 * w } };
        for (int[] stage : stages) {
            for (int f : stage) {
                net.add(convBnRelu(f));
            }
            net.add(Pool.maxPool1dBlock(new Shape(2), new Shape(2)));
        }
        return head(net, classes, 0.5f, dense, dense);
    }

    /**
     * 1-D U-Net (Ronneberger et al., MICCAI 2015, doi:10.1007/978-3-319-24574-4_28) with an MLP classification head as
     * Annys et al.: per level two conv-BN-ReLU, max-pool 2 down, an up-convolution and the skip
     * connection concatenated on the channel axis (the up-convolution is a nearest-neighbour up-sampling by 2 followed by a
     * conv-BN-ReLU, k = 3: DJL's PyTorch engine has no transposed convolution); the last feature map {@code [batch, w, 3072]} is reduced by a
     * learnable weighted sum of its features (a 1×1 convolution to one channel, as the original U-Net's output layer)
     * and passed to dense(hidden) → ReLU → dropout → dense(classes).
     *
     * @param classes output classes
     * @param widths  channels per level, top to bottom; the last is the bottleneck
     * @param hidden  width of the hidden dense layer
     * @return the block
     */
    public static Block unet(int classes, int[] widths, int hidden) {
        SequentialBlock net = new SequentialBlock().add(level(widths, 0));
        net.add(Conv1d.builder().setKernelShape(new Shape(1)).setFilters(1).build());
        return head(net, classes, 0.3f, hidden);
    }

    private static Block level(int[] widths, int i) {
        if (i == widths.length - 1) {
            return doubleConv(widths[i]);
        }
        Block down = new SequentialBlock()
                .add(Pool.maxPool1dBlock(new Shape(2), new Shape(2)))
                .add(level(widths, i + 1))
                .add(new LambdaBlock(l -> new NDList(l.head().repeat(2, 2)), "upsample"))
                .add(convBnRelu(widths[i]));
        Block skip = new ParallelBlock(list -> new NDList(NDArrays.concat(new NDList(list.get(0).head(), list.get(1).head()), 1)),
                java.util.List.of(Blocks.identityBlock(), down));
        return new SequentialBlock().add(doubleConv(widths[i])).add(skip).add(doubleConv(widths[i]));
    }

    /**
     * Vision transformer on spectrum patches (Dosovitskiy et al., arXiv:2010.11929, in 1-D as Annys et al.): the
     * spectrum cut into {@code 3072 / patch} patches, each embedded by dense(dim), a learned position embedding added,
     * {@code depth} transformer encoder blocks (multi-head self-attention with {@code heads} heads, feed-forward width
     * {@code 2·dim}, GELU, dropout 0.1), layer norm; instead of a class token or global pooling (which drop where an
     * edge is, the information that matters) each token is projected to {@code tokenDim} features and the tokens are
     * flattened into the dense head dense(hidden) → ReLU → dropout → dense(classes).
     *
     * @param classes  output classes
     * @param patch    channels per patch
     * @param dim      embedding width
     * @param depth    encoder blocks
     * @param heads    attention heads
     * @param tokenDim features per token into the head
     * @param hidden   width of the hidden dense layer
     * @return the block, input {@code [batch, 1, 3072]}
     */
    public static Block vit(int classes, int patch, int dim, int depth, int heads, int tokenDim, int hidden) {
        int tokens = tessera.classify.EelsModelInput.CHANNELS / patch;
        SequentialBlock net = new SequentialBlock();
        net.add(new LambdaBlock(l -> new NDList(l.head().reshape(l.head().getShape().get(0), tokens, patch)), "patches"));
        net.add(Linear.builder().setUnits(dim).build());
        net.add(new PositionEmbedding(tokens, dim));
        for (int d = 0; d < depth; d++) {
            net.add(new TransformerEncoderBlock(dim, heads, 2 * dim, 0.1f, Activation::gelu));
        }
        net.add(LayerNorm.builder().axis(2).build());
        net.add(Linear.builder().setUnits(tokenDim).build());
        return head(net, classes, 0.3f, hidden);
    }

    /** A learned additive position embedding {@code [tokens, dim]} for {@code [batch, tokens, dim]} inputs. */
    static final class PositionEmbedding extends ai.djl.nn.AbstractBlock {
        private final ai.djl.nn.Parameter embedding;

        PositionEmbedding(int tokens, int dim) {
            super((byte) 1);
            embedding = addParameter(ai.djl.nn.Parameter.builder().setName("position").setType(ai.djl.nn.Parameter.Type.WEIGHT)
                    .optShape(new Shape(tokens, dim)).optInitializer(new ai.djl.training.initializer.NormalInitializer(0.02f)).build());
        }

        @Override
        protected NDList forwardInternal(ai.djl.training.ParameterStore store, NDList inputs, boolean training,
                ai.djl.util.PairList<String, Object> params) {
            NDArray x = inputs.head();
            NDArray p = store.getValue(embedding, x.getDevice(), training);
            return new NDList(x.add(p));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return inputShapes;
        }
    }
}
