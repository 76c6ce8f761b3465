package tessera.pipeline;

import java.util.ArrayList;
import java.util.List;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import tessera.core.model.Axis;
import tessera.core.model.DType;
import tessera.core.model.Dataset;

/**
 * A signal-axis window in calibrated units (eV for EELS, keV for EDX), parsed from the
 * CLI form {@code A:B} (either side may be empty for "from the start" / "to the end").
 *
 * @param low  lower bound in axis units, or NaN for the axis start
 * @param high upper bound in axis units, or NaN for the axis end
 */
public record EnergyRange(double low, double high) {

    /**
     * Parses {@code "A:B"}.
     *
     * @param s text such as {@code "0.5:10"}, {@code ":8"}, {@code "700:"}
     * @return the range
     * @throws IllegalArgumentException if the text is not {@code A:B} with numbers or {@code A >= B}
     */
    public static EnergyRange parse(String s) {
        int c = s.indexOf(':');
        if (c < 0) {
            throw new IllegalArgumentException("energy range '" + s + "' is not of the form A:B");
        }
        try {
            String a = s.substring(0, c).trim();
            String b = s.substring(c + 1).trim();
            EnergyRange r = new EnergyRange(a.isEmpty() ? Double.NaN : Double.parseDouble(a), b.isEmpty() ? Double.NaN : Double.parseDouble(b));
            if (!Double.isNaN(r.low) && !Double.isNaN(r.high) && r.low >= r.high) {
                throw new IllegalArgumentException("energy range '" + s + "' is empty (A >= B)");
            }
            return r;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("energy range '" + s + "' is not of the form A:B with numbers", e);
        }
    }

    /**
     * Crops the single signal axis of a dataset to this window into a new float32
     * dataset (a copy; the input is untouched). Indices are the channels whose calibrated
     * value lies in {@code [low, high]}. The copy is off-heap, native byte order ({@link Dataset#allocate}),
     * filled in blocks of about 4 MiB of spectra, so it needs no Java heap of the cube's size and works for
     * more than 2^31 values; the input may be a read-only file mapping.
     *
     * @param d dataset with exactly one signal axis (the last)
     * @return cropped copy with the cropped, re-offset energy axis and a copy of the metadata
     * @throws IllegalArgumentException if the window holds fewer than 2 channels of the axis
     */
    public Dataset crop(Dataset d) {
        Axis e = d.axis(d.rank() - 1);
        double lo = Double.isNaN(low) ? Math.min(e.offset(), e.high()) : low;
        double hi = Double.isNaN(high) ? Math.max(e.offset(), e.high()) : high;
        int i0 = -1;
        int i1 = -1;
        for (int i = 0; i < e.size(); i++) {
            double v = e.value(i);
            if (v >= lo - 1e-9 * Math.abs(e.scale()) && v <= hi + 1e-9 * Math.abs(e.scale())) {
                if (i0 < 0) {
                    i0 = i;
                }
                i1 = i;
            }
        }
        if (i0 < 0 || i1 - i0 + 1 < 2) {
            throw new IllegalArgumentException(String.format("energy range %s:%s %s selects fewer than 2 channels of the axis %.6g..%.6g %s",
                    fmt(low), fmt(high), e.units(), e.offset(), e.high(), e.units()));
        }
        int n = i1 - i0 + 1;
        int sig = e.size();
        long nav = d.navigationSize();
        List<Axis> axes = new ArrayList<>(d.axes());
        axes.set(axes.size() - 1, e.crop(i0, n));
        // off-heap (no Java array: a crop of a cube larger than the heap, or than 2^31 values, works), filled in blocks of spectra
        Dataset out = Dataset.allocate(DType.FLOAT32, axes, d.metadata().copy());
        MemorySegment dst = out.data();
        int block = (int) Math.max(1, Math.min(nav, (1 << 20) / sig));
        float[] rows = new float[block * sig];
        for (long p = 0; p < nav; p += block) {
            int cnt = (int) Math.min(block, nav - p);
            d.readSpectra(p, cnt, rows, 0);
            for (int r = 0; r < cnt; r++) {
                MemorySegment.copy(rows, r * sig + i0, dst, ValueLayout.JAVA_FLOAT, ((p + r) * n) * Float.BYTES, n);
            }
        }
        return out;
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }
}
