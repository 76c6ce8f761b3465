package tessera.classify.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.training.tracker.Tracker;

/**
 * What every network training of Tessera shares (element identification, oxidation state, atom finding): the
 * learning rate a training loop halves on plateaus, the weights as bytes (DJL's parameter format), their SHA-256 and
 * the numerically stable binary cross entropy on logits.
 */
public final class TrainingSupport {
    private TrainingSupport() {
    }

    /** A learning rate the training loop sets: constant between its changes (Adam's step size). */
    public static final class PlateauTracker implements Tracker {
        private volatile float rate;

        /** @param rate the initial learning rate */
        public PlateauTracker(float rate) {
            this.rate = rate;
        }

        /** @return the current learning rate */
        public float rate() {
            return rate;
        }

        /** @param rate the new learning rate */
        public void set(float rate) {
            this.rate = rate;
        }

        /** Halves the learning rate. */
        public void halve() {
            rate /= 2;
        }

        @Override
        public float getNewValue(int numUpdate) {
            return rate;
        }
    }

    /**
     * The network's weights in DJL's parameter format ({@link ai.djl.nn.Block#saveParameters}).
     *
     * @param model the model
     * @return the bytes
     * @throws UncheckedIOException if they cannot be written (not expected for memory)
     */
    public static byte[] parameters(Model model) {
        try {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            try (DataOutputStream os = new DataOutputStream(b)) {
                model.getBlock().saveParameters(os);
            }
            return b.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return a new SHA-256 digest */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Mean binary cross entropy of logits against 0/1 targets, as max(x, 0) − x·y + log(1 + e<sup>−|x|</sup>), which
     * neither overflows nor loses precision for large |x| (the form of PyTorch's {@code BCEWithLogitsLoss}).
     *
     * @param x logits, any shape
     * @param y targets, the same shape
     * @return the scalar mean
     */
    public static NDArray binaryCrossEntropy(NDArray x, NDArray y) {
        return Activation.relu(x).sub(x.mul(y)).add(Activation.softPlus(x.abs().neg())).mean();
    }
}
