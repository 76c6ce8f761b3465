package tessera.core.model;

import java.util.Objects;

/**
 * One linear, calibrated axis of a {@link Dataset}: the value of index {@code i} is
 * {@code offset + i * scale} in {@code units}.
 *
 * <p>Navigation axes (probe positions x, y, time) have {@code navigate == true}; signal
 * axes (energy loss, X-ray energy, image pixels of a single image) have
 * {@code navigate == false}. This is HyperSpy's axes model (AxesManager, {@code navigate}
 * flag), so calibrations travel unchanged between the two programs. Units follow the
 * field: energy in eV (EELS) or keV (EDX, as acquired), lengths in nm.
 *
 * @param name     axis name, e.g. {@code "Energy loss"}, {@code "x"}, {@code "y"}
 * @param size     number of points, {@code >= 1}
 * @param scale    step between points in {@code units} (non-zero)
 * @param offset   value of index 0 in {@code units}
 * @param units    unit string, e.g. {@code "eV"}, {@code "keV"}, {@code "nm"}; empty if unknown
 * @param navigate true for a navigation axis, false for a signal axis
 */
public record Axis(String name, int size, double scale, double offset, String units, boolean navigate) {

    /**
     * Validating constructor.
     *
     * @throws IllegalArgumentException if {@code size < 1} or {@code scale} is zero or not finite
     */
    public Axis {
        Objects.requireNonNull(name, "name");
        units = units == null ? "" : units;
        if (size < 1) {
            throw new IllegalArgumentException("axis '" + name + "' has size " + size);
        }
        if (scale == 0 || !Double.isFinite(scale) || !Double.isFinite(offset)) {
            throw new IllegalArgumentException("axis '" + name + "' has invalid calibration scale=" + scale + " offset=" + offset);
        }
    }

    /** An uncalibrated axis (scale 1, offset 0, no units). */
    public static Axis uncalibrated(String name, int size, boolean navigate) {
        return new Axis(name, size, 1.0, 0.0, "", navigate);
    }

    /** @return calibrated value of index {@code i}: {@code offset + i*scale} */
    public double value(int i) {
        return offset + i * scale;
    }

    /** @return calibrated value of the last point */
    public double high() {
        return value(size - 1);
    }

    /**
     * Nearest index of a calibrated value, clamped to {@code [0, size-1]}.
     *
     * @param v value in {@code units}
     * @return index
     */
    public int index(double v) {
        long i = Math.round((v - offset) / scale);
        return (int) Math.max(0, Math.min(size - 1, i));
    }

    /** @return all calibrated values, length {@code size} */
    public double[] values() {
        double[] v = new double[size];
        for (int i = 0; i < size; i++) {
            v[i] = value(i);
        }
        return v;
    }

    /** @return a copy with another size and offset (a crop starting at index {@code start}) */
    public Axis crop(int start, int newSize) {
        return new Axis(name, newSize, scale, value(start), units, navigate);
    }

    /** @return a copy with the navigate flag set as given */
    public Axis withNavigate(boolean nav) {
        return new Axis(name, size, scale, offset, units, nav);
    }
}
