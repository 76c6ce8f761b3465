package tessera.report.internal;

import java.math.BigDecimal;
import java.util.Locale;

import tessera.core.model.Axis;

/**
 * Scale-bar arithmetic: a "nice" round length (1, 2 or 5 times a power of ten) that fits the
 * field of view, and its label in a readable length unit.
 */
public final class ScaleBars {
    private ScaleBars() {
    }

    /** fraction of the field width a scale bar may take at most */
    public static final double MAX_FRACTION = 0.3;

    /**
     * The largest length {@code m * 10^e} with {@code m} in {1, 2, 5} and integer {@code e}
     * that does not exceed {@code maxLength}.
     *
     * @param maxLength upper bound, finite and &gt; 0
     * @return the nice length, {@code <= maxLength} and {@code > maxLength / 2.5}
     * @throws IllegalArgumentException if {@code maxLength} is not finite and positive
     */
    public static double niceLength(double maxLength) {
        if (!(maxLength > 0) || !Double.isFinite(maxLength)) {
            throw new IllegalArgumentException("scale bar bound must be finite and positive: " + maxLength);
        }
        int e = (int) Math.floor(Math.log10(maxLength));
        double best = 0;
        for (int ee = e - 1; ee <= e + 1; ee++) {
            for (int m : new int[] {1, 2, 5}) {
                double v = new BigDecimal(m).scaleByPowerOfTen(ee).doubleValue();
                if (v <= maxLength * (1 + 1e-12) && v > best) {
                    best = v;
                }
            }
        }
        return best;
    }

    /**
     * Scale-bar length for a horizontal navigation axis: nice length of at most
     * {@link #MAX_FRACTION} of the field width {@code size * |scale|}.
     *
     * @param x horizontal axis
     * @return length in the axis units
     */
    public static double forAxis(Axis x) {
        return niceLength(MAX_FRACTION * x.size() * Math.abs(x.scale()));
    }

    /** @return true if the axis carries a length unit a scale bar can be labelled in */
    public static boolean isLengthUnit(String units) {
        return factorToMetres(units) > 0;
    }

    private static double factorToMetres(String u) {
        return switch (u == null ? "" : u.trim()) {
            case "m" -> 1;
            case "mm" -> 1e-3;
            case "µm", "um", "μm", "micron" -> 1e-6;
            case "nm" -> 1e-9;
            case "Å", "A", "Angstrom", "angstrom" -> 1e-10;
            case "pm" -> 1e-12;
            default -> -1;
        };
    }

    /**
     * Label of a length. Values of 1000 or more move up to the next larger length unit
     * (Å to nm from 10 Å; pm, nm, µm, mm to the next by 1000), so a bar reads {@code "2 µm"}
     * rather than {@code "2000 nm"}; smaller values keep the axis unit ({@code "0.5 nm"}).
     * Unknown units are printed unchanged.
     *
     * @param length value in {@code units}
     * @param units  units of the navigation axis
     * @return e.g. {@code "10 nm"}, {@code "2 µm"}, {@code "0.5 nm"}
     */
    public static String label(double length, String units) {
        String u = units == null ? "" : units.trim();
        if (factorToMetres(u) <= 0) {
            return format(length) + (u.isEmpty() ? "" : " " + u);
        }
        double v = length;
        if (u.equals("Å") || u.equals("A") || u.equalsIgnoreCase("angstrom")) {
            if (v < 10) {
                return format(v) + " Å";
            }
            v /= 10;
            u = "nm";
        }
        String[] names = {"pm", "nm", "µm", "mm", "m"};
        int i = switch (u) {
            case "pm" -> 0;
            case "nm" -> 1;
            case "mm" -> 3;
            case "m" -> 4;
            default -> 2;
        };
        while (Math.abs(v) >= 1000 - 1e-9 && i < names.length - 1) {
            v /= 1000;
            i++;
        }
        return format(v) + " " + names[i];
    }

    /** @return a number without trailing zeros, up to 4 significant digits, Locale.ROOT */
    public static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        BigDecimal b = new BigDecimal(String.format(Locale.ROOT, "%.4g", v)).stripTrailingZeros();
        return b.abs().compareTo(new BigDecimal("1e-4")) < 0 || b.abs().compareTo(new BigDecimal("1e7")) >= 0 ? b.toString() : b.toPlainString();
    }
}
