package tessera.lattice.network.internal;

import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;

/**
 * The fully convolutional atom-finding network as a DJL block: a 2-D U-Net (O. Ronneberger et al., MICCAI 2015,
 * doi:10.1007/978-3-319-24574-4_28) in the form AtomAI gives its {@code Unet} (M. Ziatdinov et al., Nat. Mach. Intell.
 * 4 (2022) 1101, doi:10.1038/s42256-022-00555-8): per level two 3 × 3 convolutions with batch norm and ReLU, 2 × 2
 * max-pooling down; a bottleneck of 3 × 3 convolutions dilated 1, 2, 3 (AtomAI's dilated block, which widens the
 * receptive field to several lattice spacings so that a dim column is placed from its neighbours); up the way a
 * nearest-neighbour up-sampling by 2 and a 3 × 3 conv-BN-ReLU (DJL's PyTorch engine has no transposed convolution),
 * the skip connection concatenated on the channel axis, two conv-BN-ReLU; a 1 × 1 convolution to one channel: the
 * logit of "an atom's centre is here" per pixel. Input {@code [batch, 1, H, W]} with H and W multiples of
 * 2<sup>levels − 1</sup>; output {@code [batch, 1, H, W]}.
 */
public final class UNet2d {
    private UNet2d() {
    }

    static Block convBnRelu(int filters, int dilation) {
        return new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(filters).optPadding(new Shape(dilation, dilation))
                        .optDilation(new Shape(dilation, dilation)).optBias(false).build())
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock());
    }

    static Block doubleConv(int filters) {
        return new SequentialBlock().add(convBnRelu(filters, 1)).add(convBnRelu(filters, 1));
    }

    /**
     * Builds the network.
     *
     * @param width  channels of the top level; level i has width · 2<sup>i</sup>
     * @param levels levels including the bottleneck, ≥ 2
     * @return the block
     * @throws IllegalArgumentException if width &lt; 1 or levels &lt; 2
     */
    public static Block build(int width, int levels) {
        if (width < 1 || levels < 2) {
            throw new IllegalArgumentException("U-Net needs width ≥ 1 and levels ≥ 2, not " + width + " and " + levels);
        }
        return new SequentialBlock().add(level(width, levels, 0)).add(Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(1).build());
    }

    private static Block level(int width, int levels, int i) {
        int w = width << i;
        if (i == levels - 1) {
            return new SequentialBlock().add(convBnRelu(w, 1)).add(convBnRelu(w, 2)).add(convBnRelu(w, 3));
        }
        Block down = new SequentialBlock()
                .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                .add(level(width, levels, i + 1))
                .add(new LambdaBlock(l -> new NDList(l.head().repeat(2, 2).repeat(3, 2)), "upsample"))
                .add(convBnRelu(w, 1));
        Block skip = new ParallelBlock(list -> new NDList(NDArrays.concat(new NDList(list.get(0).head(), list.get(1).head()), 1)),
                java.util.List.of(Blocks.identityBlock(), down));
        return new SequentialBlock().add(doubleConv(w)).add(skip).add(doubleConv(w));
    }

    /**
     * @param levels levels including the bottleneck
     * @return the factor the input's sides must be multiples of
     */
    public static int multiple(int levels) {
        return 1 << (levels - 1);
    }
}
