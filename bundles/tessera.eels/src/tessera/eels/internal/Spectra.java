package tessera.eels.internal;

import java.util.ArrayList;
import java.util.List;

import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;

/** Helpers for per-pixel processing of datasets whose last axis is the only signal axis. */
public final class Spectra {
    private Spectra() {
    }

    /**
     * Checks that {@code d} has exactly one signal axis.
     *
     * @param d dataset
     * @param what name used in the error message
     * @return the signal axis
     * @throws IllegalArgumentException if {@code d} has no or several signal axes
     */
    public static Axis signalAxis(Dataset d, String what) {
        if (d == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        if (d.signalAxes().size() != 1) {
            throw new IllegalArgumentException(what + " must have one signal (energy) axis, it has " + d.signalAxes().size());
        }
        return d.axis(d.rank() - 1);
    }

    /**
     * @param d dataset with one signal axis
     * @return its values as float64, row-major {@code [nPixels * nE]}
     */
    public static double[] values(Dataset d) {
        return d.toDoubleArray();
    }

    /**
     * A float64 dataset with the navigation axes of {@code like}, signal axis {@code signal} and a copy of its metadata.
     *
     * @param like source of navigation axes and metadata
     * @param signal the new signal axis
     * @param values row-major values {@code [nPixels * signal.size()]}
     * @return the dataset
     */
    public static Dataset withSignal(Dataset like, Axis signal, double[] values) {
        List<Axis> axes = new ArrayList<>(like.navigationAxes());
        axes.add(signal);
        return Dataset.ofDoubles(values, axes, like.metadata().copy());
    }

    /**
     * A per-pixel map over the navigation axes of {@code like} (shape {@code [nav...]}, or {@code [1]} for a single
     * spectrum), as a float64 dataset whose axes are all signal axes (an image or line profile of values).
     *
     * @param like source of the navigation axes
     * @param values one value per pixel, row-major
     * @param title title for the metadata
     * @param quantity quantity and units, e.g. {@code "ZLP position (eV)"}
     * @return the map
     */
    public static Dataset map(Dataset like, double[] values, String title, String quantity) {
        List<Axis> axes = new ArrayList<>();
        for (Axis a : like.navigationAxes()) {
            axes.add(a.withNavigate(false));
        }
        if (axes.isEmpty()) {
            axes.add(Axis.uncalibrated("pixel", 1, false));
        }
        Metadata md = new Metadata().title(title);
        md.set(Metadata.QUANTITY, quantity);
        return Dataset.ofDoubles(values, axes, md);
    }
}
