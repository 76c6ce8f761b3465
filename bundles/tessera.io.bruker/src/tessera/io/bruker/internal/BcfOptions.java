package tessera.io.bruker.internal;

/**
 * Options of {@link BcfReader#read(java.nio.file.Path, BcfOptions)}, named after
 * HyperSpy 1.7.3's {@code bcf_reader} keywords ({@code hyperspy/io_plugins/bruker.py}).
 *
 * @param select     what to return: images and the EDS cube (HyperSpy's default,
 *                   {@code select_type=None}), only images, or only the cube
 * @param index      which hypermap of a BCF v2 stack: null for the first available,
 *                   {@code -1} for all of them, else the index of {@code SpectrumData<index>}
 * @param downsample integer block size {@code >= 1}: the cube's x and y are divided by it
 *                   (rounding up) and the counts of each block are summed; images are never
 *                   downsampled
 * @param cutoffKeV  null to keep every channel of the sum spectrum; else the cube keeps the
 *                   channels below this energy in keV (channel count
 *                   {@code round((cutoff - offset)/scale)}, more than recorded pads zeros)
 * @param autoCutoff null, or one of HyperSpy's automatic cut-offs (then {@code cutoffKeV}
 *                   must be null): {@link AutoCutoff#ZEALOUS} or {@link AutoCutoff#AUTO}
 * @param instrument "SEM", "TEM" or null to guess from the beam energy (TEM above 30 kV)
 */
public record BcfOptions(Select select, Integer index, int downsample, Double cutoffKeV, AutoCutoff autoCutoff, String instrument) {
    /** HyperSpy's automatic cut-offs ({@code cutoff_at_kV="zealous"} and {@code "auto"}). */
    public enum AutoCutoff {
        /** up to the last channel of the sum spectrum that is not zero */
        ZEALOUS,
        /** up to the beam energy when it is positive and below the detector's range, else every channel */
        AUTO
    }

    /** What a read returns. */
    public enum Select {
        /** the SEM images (in file order, overview images after) and then the EDS cube(s) */
        ALL,
        /** only the images */
        IMAGES,
        /** only the EDS cube(s) */
        SPECTRUM_IMAGE
    }

    /** HyperSpy's defaults: everything, first map, no downsampling, no cut-off, instrument guessed. */
    public static final BcfOptions DEFAULTS = new BcfOptions(Select.ALL, null, 1, null, null, null);

    /**
     * Validating constructor.
     *
     * @throws IllegalArgumentException if {@code downsample < 1} or above 65536, the cut-off is not
     *                                  finite, or the instrument is not SEM/TEM
     */
    public BcfOptions {
        if (select == null) {
            select = Select.ALL;
        }
        if (downsample < 1 || downsample > 65536) {
            throw new IllegalArgumentException("downsample must be 1..65536, not " + downsample);
        }
        if (cutoffKeV != null && !Double.isFinite(cutoffKeV)) {
            throw new IllegalArgumentException("cut-off energy must be finite, not " + cutoffKeV);
        }
        if (instrument != null && !instrument.equals("SEM") && !instrument.equals("TEM")) {
            throw new IllegalArgumentException("instrument must be SEM or TEM, not " + instrument);
        }
        if (cutoffKeV != null && autoCutoff != null) {
            throw new IllegalArgumentException("give a cut-off energy or an automatic cut-off, not both");
        }
        if (index != null && index < -1) {
            throw new IllegalArgumentException("index must be -1 (all) or >= 0, not " + index);
        }
    }

    /** @return a copy with another downsampling factor */
    public BcfOptions withDownsample(int ds) {
        return new BcfOptions(select, index, ds, cutoffKeV, autoCutoff, instrument);
    }

    /** @return a copy with another cut-off energy in keV (null: none) */
    public BcfOptions withCutoff(Double keV) {
        return new BcfOptions(select, index, downsample, keV, null, instrument);
    }

    /** @return a copy with an automatic cut-off (null: none) and no cut-off energy */
    public BcfOptions withAutoCutoff(AutoCutoff a) {
        return new BcfOptions(select, index, downsample, null, a, instrument);
    }

    /** @return a copy with another map index (null: the first, -1: all) */
    public BcfOptions withIndex(Integer i) {
        return new BcfOptions(select, i, downsample, cutoffKeV, autoCutoff, instrument);
    }

    /** @return a copy with the instrument given ("SEM", "TEM") or guessed (null) */
    public BcfOptions withInstrument(String i) {
        return new BcfOptions(select, index, downsample, cutoffKeV, autoCutoff, i);
    }

    /** @return a copy with another selection */
    public BcfOptions withSelect(Select s) {
        return new BcfOptions(s, index, downsample, cutoffKeV, autoCutoff, instrument);
    }
}
