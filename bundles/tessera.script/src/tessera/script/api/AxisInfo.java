package tessera.script.api;

import org.graalvm.polyglot.HostAccess.Export;

import tessera.core.model.Axis;

/**
 * One calibrated axis of a {@link Signal}, as HyperSpy's {@code DataAxis}: the value of index
 * {@code i} is {@code offset + i * scale} in {@code units}; navigation axes (probe positions) have
 * {@code navigate == true}, signal axes (energy) {@code false}.
 */
public final class AxisInfo {
    /** axis name, e.g. {@code "Energy"}, {@code "x"} */
    @Export
    public final String name;
    /** number of points */
    @Export
    public final int size;
    /** step between points, in {@link #units} */
    @Export
    public final double scale;
    /** value of index 0, in {@link #units} */
    @Export
    public final double offset;
    /** units, e.g. {@code "keV"}, {@code "eV"}, {@code "nm"}; empty if uncalibrated */
    @Export
    public final String units;
    /** true for a navigation axis */
    @Export
    public final boolean navigate;
    private final Axis axis;

    AxisInfo(Axis a) {
        this.axis = a;
        this.name = a.name();
        this.size = a.size();
        this.scale = a.scale();
        this.offset = a.offset();
        this.units = a.units();
        this.navigate = a.navigate();
    }

    /**
     * @param i index
     * @return the calibrated value of index {@code i}
     */
    @Export
    public double value(int i) {
        return axis.value(i);
    }

    /**
     * @param v a calibrated value
     * @return the nearest index, clamped to the axis
     */
    @Export
    public int index(double v) {
        return axis.index(v);
    }

    /** @return every calibrated value (a copy, {@code size} numbers) */
    @Export
    public double[] values() {
        return axis.values();
    }

    @Export
    @Override
    public String toString() {
        return String.format("<Axis %s: size %d, scale %.6g, offset %.6g%s, %s>", name, size, scale, offset, units.isEmpty() ? "" : " " + units,
                navigate ? "navigation" : "signal");
    }
}
