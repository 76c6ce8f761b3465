package tessera.io.emd.internal;

/**
 * Chooses the SI prefix of a length or time calibration the way HyperSpy does for Velox files: the value is scaled by
 * half the axis length and given the prefix that brings that extent into [1, 1000) of the unit (pint's
 * {@code Quantity.to_compact}); the calibration is then expressed in that unit. So a 16-pixel scan of 3.6 nm pixels is
 * calibrated in nm and a 0.53 µm⁻¹ Fourier pixel in 1/µm.
 * <p>
 * Source: HyperSpy 1.7.3 {@code io_plugins/emd.py} {@code FeiEMDReader._convert_scale_units}; pint's
 * {@code to_compact} (https://pint.readthedocs.io, "Quantity.to_compact").
 */
final class CompactUnits {
    private static final String[] PREFIX = {"y", "z", "a", "f", "p", "n", "\u00b5", "m", "", "k", "M", "G", "T", "P", "E", "Z", "Y"};
    private static final int PREFIX_ZERO = 8;

    private CompactUnits() {
    }

    /** A value in the compact unit, and that unit as HyperSpy prints it (e.g. {@code nm}, {@code 1 / µm}, {@code ms}). */
    record Converted(double value, String units) {
    }

    /**
     * @param value  the calibration in {@code units}
     * @param units  {@code m}, {@code 1/m}, {@code s} or another unit (returned unchanged with the value)
     * @param length the axis length in pixels (the extent used to choose the prefix is value × length / 2)
     * @return the value in the chosen unit
     */
    static Converted convert(double value, String units, double length) {
        String u = units == null ? "" : units.trim();
        int power;
        String base;
        if (u.equals("m") || u.equals("s")) {
            power = 1;
            base = u;
        } else if (u.equals("1/m") || u.equals("1 / m") || u.equals("m^-1")) {
            power = -1;
            base = "m";
        } else {
            return new Converted(value, u);
        }
        double factor = length / 2;
        double extent = factor * value;
        if (extent == 0 || !Double.isFinite(extent)) {
            return new Converted(value, power > 0 ? base : "1 / " + base);
        }
        double l = Math.log10(Math.abs(extent)) / power / 3;
        int exp3 = (int) (power > 0 ? Math.floor(l) : Math.ceil(l));
        int index = Math.max(0, Math.min(PREFIX.length - 1, PREFIX_ZERO + exp3));
        int exponent = (index - PREFIX_ZERO) * 3;
        // a quantity of unit^power expressed in (prefix unit)^power is divided by 10^(exponent·power)
        double converted = extent / Math.pow(10, exponent * power);
        String name = PREFIX[index] + base;
        return new Converted(converted / factor, power > 0 ? name : "1 / " + name);
    }
}
