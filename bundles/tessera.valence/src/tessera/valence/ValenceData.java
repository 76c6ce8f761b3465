package tessera.valence;

import java.util.stream.IntStream;

import tessera.core.analysis.IncompatibleDataException;
import tessera.core.model.Dataset;
import tessera.eels.valence.ValenceFeatures;
import tessera.eels.valence.WhiteLineRatio;
import tessera.eels.valence.WhiteLineSimulator;
import tessera.eels.valence.WhiteLines;

/**
 * A labelled set of prepared L2,3 edges: the inputs ({@link ValenceFeatures}) of the valence classifiers with their
 * class, and the white-line ratio baseline's valence of each spectrum.
 *
 * @param lines     the element's white lines (classes)
 * @param x         inputs {@code [n][160]}
 * @param y         class indices {@code [n]}
 * @param baseline  the ratio baseline's valence of each spectrum {@code [n]} (NaN where it is undefined)
 * @param source    what the set is, for training records ("simulated seed 11, 6000 spectra, training ranges" or a file)
 */
public record ValenceData(WhiteLines lines, float[][] x, int[] y, double[] baseline, String source) {

    /**
     * Draws a simulated set (spectra {@code 0 … n−1} of the simulator, in parallel; deterministic).
     *
     * @param lines  the element
     * @param ranges augmentation ranges
     * @param seed   the simulator's seed
     * @param n      number of spectra (balanced over the classes)
     * @return the set
     */
    public static ValenceData simulate(WhiteLines lines, WhiteLineSimulator.Ranges ranges, long seed, int n) {
        WhiteLineSimulator sim = new WhiteLineSimulator(lines, ranges, seed);
        WhiteLineRatio ratio = new WhiteLineRatio(lines);
        float[][] x = new float[n][];
        int[] y = new int[n];
        double[] b = new double[n];
        IntStream.range(0, n).parallel().forEach(i -> {
            WhiteLineSimulator.Spectrum s = sim.simulate(i);
            ValenceFeatures.Prepared p = ValenceFeatures.prepare(s.counts(), s.energy(), lines);
            x[i] = p.features();
            y[i] = s.label();
            b[i] = ratio.evaluate(p, 0).valenceFromRatio();
        });
        return new ValenceData(lines, x, y, b, "simulated " + lines.element() + " seed " + seed + ", " + n + " spectra, "
                + (ranges == WhiteLineSimulator.TEST ? "test" : ranges == WhiteLineSimulator.TRAINING ? "training" : "custom") + " ranges");
    }

    /**
     * Every spectrum of a dataset as examples of one class (a user's reference spectra).
     *
     * @param lines   the element
     * @param spectra a spectrum, line scan or spectrum image (energy loss, eV)
     * @param label   the class name, one of {@code lines.classes()}
     * @param name    the file as the user named it, for the training record and messages (null: the dataset's own name)
     * @return the set
     * @throws IncompatibleDataException if the class is not one of the element's, or the spectra cannot carry the edge
     *                                   (the message names the file)
     */
    public static ValenceData of(WhiteLines lines, Dataset spectra, String label, String name) {
        String src = name != null ? name : IncompatibleDataException.source(spectra);
        int c = lines.classes().indexOf(label);
        if (c < 0) {
            throw new IncompatibleDataException(src + ": '" + label + "' is not a class of " + lines.element() + " " + lines.classes());
        }
        float[][] x;
        try {
            x = features(lines, spectra);
        } catch (IncompatibleDataException e) {
            throw new IncompatibleDataException(name != null && !e.getMessage().contains(name) ? name + ": " + e.getMessage() : e.getMessage());
        }
        int[] y = new int[x.length];
        java.util.Arrays.fill(y, c);
        double[] b = new double[x.length];
        java.util.Arrays.fill(b, Double.NaN);
        return new ValenceData(lines, x, y, b, src + " as " + label + " (" + x.length + " spectra)");
    }

    /**
     * The classifier inputs of every spectrum of a dataset.
     *
     * @param lines   the element
     * @param spectra one signal axis (energy loss, eV), zero to two navigation axes
     * @return inputs {@code [pixels][160]} in row-major navigation order
     * @throws IncompatibleDataException if the dataset is not spectra, its axis cannot carry the edge, or a spectrum holds
     *                                   NaN or shows no edge (the message names the dataset and the spectrum)
     */
    public static float[][] features(WhiteLines lines, Dataset spectra) {
        return ValenceFeatures.prepare(spectra, lines).stream().map(ValenceFeatures.Prepared::features).toArray(float[][]::new);
    }

    /**
     * @param n at most this many
     * @return the first {@code n} spectra (a simulated set is balanced over any run of consecutive spectra)
     */
    public ValenceData head(int n) {
        if (n >= size()) {
            return this;
        }
        return new ValenceData(lines, java.util.Arrays.copyOf(x, n), java.util.Arrays.copyOf(y, n), java.util.Arrays.copyOf(baseline, n),
                source + " (first " + n + ")");
    }

    /** @return number of spectra */
    public int size() {
        return y.length;
    }

    /**
     * @param other another set of the same element
     * @return this set followed by {@code other}
     */
    public ValenceData concat(ValenceData other) {
        int n = size() + other.size();
        float[][] xx = new float[n][];
        int[] yy = new int[n];
        double[] bb = new double[n];
        System.arraycopy(x, 0, xx, 0, size());
        System.arraycopy(other.x, 0, xx, size(), other.size());
        System.arraycopy(y, 0, yy, 0, size());
        System.arraycopy(other.y, 0, yy, size(), other.size());
        System.arraycopy(baseline, 0, bb, 0, size());
        System.arraycopy(other.baseline, 0, bb, size(), other.size());
        return new ValenceData(lines, xx, yy, bb, source + " + " + other.source);
    }

    /** @return the inputs as doubles, for Smile */
    public double[][] asDoubles() {
        return toDoubles(x);
    }

    /**
     * @param x inputs {@code [n][d]}
     * @return the same values as doubles, for Smile
     */
    public static double[][] toDoubles(float[][] x) {
        double[][] d = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            d[i] = new double[x[i].length];
            for (int j = 0; j < x[i].length; j++) {
                d[i][j] = x[i][j];
            }
        }
        return d;
    }
}
