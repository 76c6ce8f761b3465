package tessera.core.model;

/**
 * Element type of a {@link Dataset}'s backing memory.
 *
 * <p>The names follow NumPy's dtype names so that files written by Tessera and read by
 * HyperSpy (and the reverse) keep the same type. Complex types store interleaved
 * (real, imaginary) pairs; {@link #RGBA8} stores four unsigned bytes per element
 * (R, G, B, A), as DigitalMicrograph RGB images and HyperSpy's {@code rgba8} do.
 */
public enum DType {
    /** signed 8-bit integer */
    INT8("int8", 1, false),
    /** unsigned 8-bit integer */
    UINT8("uint8", 1, false),
    /** signed 16-bit integer */
    INT16("int16", 2, false),
    /** unsigned 16-bit integer */
    UINT16("uint16", 2, false),
    /** signed 32-bit integer */
    INT32("int32", 4, false),
    /** unsigned 32-bit integer */
    UINT32("uint32", 4, false),
    /** signed 64-bit integer */
    INT64("int64", 8, false),
    /** unsigned 64-bit integer (values above 2^63 read as doubles lose precision) */
    UINT64("uint64", 8, false),
    /** IEEE 754 binary32 */
    FLOAT32("float32", 4, true),
    /** IEEE 754 binary64 */
    FLOAT64("float64", 8, true),
    /** complex of two binary32 (real, imaginary) */
    COMPLEX64("complex64", 8, true),
    /** complex of two binary64 (real, imaginary) */
    COMPLEX128("complex128", 16, true),
    /** boolean stored as one byte, 0 or 1 */
    BOOL("bool", 1, false),
    /** four unsigned bytes R, G, B, A */
    RGBA8("rgba8", 4, false);

    private final String numpyName;
    private final int byteSize;
    private final boolean floating;

    DType(String numpyName, int byteSize, boolean floating) {
        this.numpyName = numpyName;
        this.byteSize = byteSize;
        this.floating = floating;
    }

    /** @return the NumPy name, e.g. {@code "float32"} */
    public String numpyName() {
        return numpyName;
    }

    /** @return bytes per element (complex: both parts; RGBA8: 4) */
    public int byteSize() {
        return byteSize;
    }

    /** @return true for floating-point and complex types */
    public boolean isFloating() {
        return floating;
    }

    /** @return true for the complex types */
    public boolean isComplex() {
        return this == COMPLEX64 || this == COMPLEX128;
    }

    /**
     * Looks a type up by its NumPy name.
     *
     * @param name NumPy dtype name such as {@code "uint16"}
     * @return the type
     * @throws IllegalArgumentException if the name is unknown
     */
    public static DType fromNumpyName(String name) {
        for (DType t : values()) {
            if (t.numpyName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown dtype '" + name + "'");
    }
}
