package tessera.core.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Per-class probabilities of spectra, as a {@link SpectrumClassifier} gives them.
 *
 * @param classes       class names, length k
 * @param probabilities {@code [n][k]}: probability of class j for spectrum i, in [0, 1]
 * @param threshold     the decision threshold applied by {@link #predicted(int)} (a multi-label classifier's
 *                      {@link SpectrumClassifier#threshold()}, or a user's)
 * @param multiLabel    whether several classes may be predicted for one spectrum
 */
public record Classification(List<String> classes, float[][] probabilities, double threshold, boolean multiLabel) {
    /**
     * Metadata key, on the probability maps a classification step passes on, of the classes predicted for a single
     * spectrum or detected in a line scan or spectrum image (a list of names, most probable or most frequent first):
     * how the next step (the model-based map of {@code tessera map --elements auto}) reads the identified elements.
     */
    public static final String PREDICTED_KEY = "Signal.classification_predicted";
    /** metadata key of the classes detected in at least the minimum fraction of the spectra (a list of names) */
    public static final String DETECTED_KEY = "Signal.classification_detected";
    /** metadata key of the decision threshold applied (a number) */
    public static final String THRESHOLD_KEY = "Signal.classification_threshold";

    /** @throws IllegalArgumentException if a row does not have one probability per class */
    public Classification {
        classes = List.copyOf(classes);
        Objects.requireNonNull(probabilities, "probabilities");
        for (float[] row : probabilities) {
            if (row.length != classes.size()) {
                throw new IllegalArgumentException("a row has " + row.length + " probabilities for " + classes.size() + " classes");
            }
        }
    }

    /** @return the number of spectra */
    public int size() {
        return probabilities.length;
    }

    /**
     * The predicted classes of one spectrum: those with a probability at or above {@link #threshold()}, most probable
     * first (multi-label), or the single most probable class.
     *
     * @param i spectrum index
     * @return class indices
     */
    public int[] predicted(int i) {
        float[] p = probabilities[i];
        if (!multiLabel) {
            int best = 0;
            for (int j = 1; j < p.length; j++) {
                if (p[j] > p[best]) {
                    best = j;
                }
            }
            return new int[] { best };
        }
        List<Integer> on = new ArrayList<>();
        for (int j = 0; j < p.length; j++) {
            if (p[j] >= threshold) {
                on.add(j);
            }
        }
        on.sort((a, b) -> Float.compare(p[b], p[a]));
        return on.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The classes present over a set of spectra, as Annys et al. (2023) detect the elements of a spectrum image: those
     * predicted in at least {@code minFraction} of the spectra.
     *
     * @param minFraction fraction of the spectra, in (0, 1]; Annys et al. use 0.01
     * @return class indices, most frequent first
     * @throws IllegalArgumentException if {@code minFraction} is outside (0, 1]
     */
    public int[] detected(double minFraction) {
        if (!(minFraction > 0 && minFraction <= 1)) {
            throw new IllegalArgumentException("minimum fraction must be in (0, 1], not " + minFraction);
        }
        int[] count = new int[classes.size()];
        for (int i = 0; i < size(); i++) {
            for (int j : predicted(i)) {
                count[j]++;
            }
        }
        List<Integer> on = new ArrayList<>();
        for (int j = 0; j < count.length; j++) {
            if (count[j] > 0 && count[j] >= minFraction * size()) {
                on.add(j);
            }
        }
        on.sort((a, b) -> Integer.compare(count[b], count[a]));
        return on.stream().mapToInt(Integer::intValue).toArray();
    }
}
