package tessera.io.tia.internal;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tessera.core.io.InvalidFileException;
import tessera.core.model.Axis;
import tessera.core.model.DType;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.core.io.FileMapping;

/**
 * Parses one TIA series file ({@code .ser}) into a {@link Dataset}.
 *
 * <p><b>Format</b> (little-endian; "TIA Series File Format" description by Dr Chris Boothroyd,
 * as implemented in RosettaSciIO {@code rsciio/tia/_api.py} and HyperSpy 1.7.3
 * {@code hyperspy/io_plugins/fei.py}):
 * <pre>
 *  0 u16 ByteOrder 0x4949        2 u16 SeriesID 0x0197      4 u16 SeriesVersion 0x0210 | 0x0220
 *  6 u32 DataTypeID (0x4120 1-D spectrum elements, 0x4122 2-D image elements)
 * 10 u32 TagTypeID (0x4152 time tag, 0x4142 time + x/y position tag)
 * 14 u32 TotalNumberElements    18 u32 ValidNumberElements
 * 22 OffsetArrayOffset (u32 for 0x0210, u64 for 0x0220), then u32 NumberDimensions
 * 30 | 34: NumberDimensions dimension records: u32 size, f64 calibration offset, f64 delta,
 *      u32 calibration element, u32 + bytes description, u32 + bytes units
 * OffsetArrayOffset: TotalNumberElements data offsets, then as many tag offsets (u32 | u64)
 * spectrum element: f64 offset, f64 delta, u32 element, u16 data type, u32 length, data
 * image element: f64 offX, f64 deltaX, u32 elemX, f64 offY, f64 deltaY, u32 elemY,
 *      u16 data type, u32 sizeX, u32 sizeY, data (sizeY rows of sizeX, stored bottom row first)
 * tag: u16 tag type, u16 (0), u32 time (s since 1970), [f64 x, f64 y in metres]
 * data types: 1 u8, 2 u16, 3 u32, 4 i8, 5 i16, 6 i32, 7 f32, 8 f64, 9 complex64, 10 complex128
 * </pre>
 *
 * <p><b>Result</b>, as HyperSpy 1.7.3 builds it: shape {@code [navigation..., signal...]} with
 * the navigation axes from the dimension records (in file order, or reversed when the x/y
 * tags show that the first two positions share a y coordinate, HyperSpy's "F order" test), and
 * the signal axis {@code Energy} in eV (spectra) or {@code [y, x]} (images; rows in the reverse of
 * their file order, as HyperSpy's {@code data[..., ::-1, :]}: TIA stores the bottom row first). Elements beyond ValidNumberElements (an interrupted acquisition) are
 * NaN for float types and 0 otherwise. Length units "meters" become nm and "1/meters" "1 / nm"
 * (scale and, unlike HyperSpy, offset converted too). Image units come from the .emi's first
 * ObjectInfo ({@link EmiMetadata#guessImageUnits}), metres without it.
 *
 * <p>Tags are read from the tag offset array (time and position arrays land in
 * {@code original_metadata.ser_header_parameters}); a series without dimension records gets
 * one uncalibrated navigation axis of ValidNumberElements (HyperSpy 1.7.3 means to derive a
 * calibration from the x/y tags there but fails with an IndexError; this reader does not derive one).
 */
final class SerFile {
    static final int SPECTRUM = 0x4120;
    static final int IMAGE = 0x4122;
    static final int TAG_TIME = 0x4152;
    static final int TAG_XY = 0x4142;
    /** padding of an interrupted acquisition may exceed the file by at most this much (plus 16x the file) */
    private static final long PAD_LIMIT = 1L << 30;

    /** Thrown for a series with ValidNumberElements 0 (HyperSpy skips these in an .emi). */
    static final class NoValidData extends InvalidFileException {
        private static final long serialVersionUID = 1L;

        NoValidData(Path file) {
            super(file, "the series holds no valid data element (ValidNumberElements is 0)");
        }
    }

    private SerFile() {
    }

    private record Dim(long size, double offset, double delta, long element, long descriptionLength, String description, long unitsLength,
            String units) {
    }

    private static DType dtype(Path f, int code, long i) throws InvalidFileException {
        return switch (code) {
            case 1 -> DType.UINT8;
            case 2 -> DType.UINT16;
            case 3 -> DType.UINT32;
            case 4 -> DType.INT8;
            case 5 -> DType.INT16;
            case 6 -> DType.INT32;
            case 7 -> DType.FLOAT32;
            case 8 -> DType.FLOAT64;
            case 9 -> DType.COMPLEX64;
            case 10 -> DType.COMPLEX128;
            default -> throw new InvalidFileException(f, "element " + i + " has unknown data type " + code + " (expected 1 to 10)");
        };
    }

    /**
     * Reads a series.
     *
     * @param file    the .ser file
     * @param objects the ObjectInfo trees of the .emi beside it (null when there is none)
     * @param index   index of this series' ObjectInfo in {@code objects} ({@code N-1} for
     *                {@code _N.ser}); out of range when the .emi describes fewer series
     * @return the dataset
     * @throws NoValidData if the series holds no valid element
     * @throws InvalidFileException if a header value is inconsistent with itself or the file
     * @throws IOException on an I/O error
     */
    static Dataset read(Path file, List<Map<String, Object>> objects, int index) throws IOException {
        try (Bin b = new Bin(file)) {
            return read(b, objects, index);
        } catch (InternalError e) {
            // a mapped page that vanished: the file was truncated while being read
            throw new InvalidFileException(file, "the file changed (shrank) while it was read", e);
        }
    }

    private static InvalidFileException bad(Path f, String problem) {
        return new InvalidFileException(f, problem);
    }

    private static Dataset read(Bin b, List<Map<String, Object>> objects, int index) throws IOException {
        Path f = b.file();
        long size = b.size();
        if (size < 30) {
            throw bad(f, "too short for a TIA series header (" + size + " bytes)");
        }
        int byteOrder = b.u16(0, "byte order");
        int seriesId = b.u16(2, "series ID");
        int version = b.u16(4, "series version");
        if (byteOrder != 0x4949) {
            throw bad(f, String.format("byte order mark 0x%04X, expected 0x4949 (not a TIA .ser file)", byteOrder));
        }
        if (seriesId != 0x0197) {
            throw bad(f, String.format("series ID 0x%04X, expected 0x0197 (not a TIA .ser file)", seriesId));
        }
        if (version != 0x0210 && version != 0x0220) {
            throw bad(f, String.format("unsupported series version 0x%04X (0x0210 and 0x0220 are read)", version));
        }
        boolean wide = version == 0x0220;
        long dataTypeId = b.u32(6, "DataTypeID");
        long tagTypeId = b.u32(10, "TagTypeID");
        long total = b.u32(14, "TotalNumberElements");
        long valid = b.u32(18, "ValidNumberElements");
        if (dataTypeId != SPECTRUM && dataTypeId != IMAGE) {
            throw bad(f, String.format("DataTypeID 0x%X is neither 0x4120 (spectra) nor 0x4122 (images)", dataTypeId));
        }
        if (tagTypeId != TAG_TIME && tagTypeId != TAG_XY) {
            throw bad(f, String.format("TagTypeID 0x%X is neither 0x4152 (time) nor 0x4142 (time and position)", tagTypeId));
        }
        if (valid > total) {
            throw bad(f, "ValidNumberElements " + valid + " exceeds TotalNumberElements " + total);
        }
        if (valid == 0) {
            throw new NoValidData(f);
        }
        boolean spectrum = dataTypeId == SPECTRUM;
        long offsetArrayOffset = wide ? b.u64(22, "OffsetArrayOffset") : b.u32(22, "OffsetArrayOffset");
        long ndim = b.u32(wide ? 30 : 26, "NumberDimensions");
        long pos = wide ? 34 : 30;
        if (ndim > (size - pos) / 32) { // a dimension record takes at least 32 bytes
            throw bad(f, "NumberDimensions " + ndim + " cannot fit in the file (" + size + " bytes)");
        }
        List<Dim> dims = new ArrayList<>();
        long product = 1;
        for (int d = 0; d < ndim; d++) {
            String w = "dimension " + (d + 1);
            long dsize = b.u32(pos, w + " size");
            double off = b.f64(pos + 4, w + " calibration offset");
            double delta = b.f64(pos + 12, w + " calibration delta");
            long elem = b.u32(pos + 20, w + " calibration element");
            long dl = b.u32(pos + 24, w + " description length");
            String desc = text(b.bytes(pos + 28, dl, w + " description"));
            long p2 = pos + 28 + dl;
            long ul = b.u32(p2, w + " units length");
            String units = text(b.bytes(p2 + 4, ul, w + " units"));
            pos = p2 + 4 + ul;
            if (dsize == 0 || dsize > Integer.MAX_VALUE) {
                throw bad(f, w + " has size " + dsize);
            }
            product = Math.multiplyExact(product, dsize); // <= 2^31 per factor, and total <= 2^32 checked below
            if (product > total) {
                break;
            }
            dims.add(new Dim(dsize, off, delta, elem, dl, desc, ul, units));
        }
        if (ndim > 0 && product != total) {
            throw bad(f, "the dimension sizes multiply to " + (product > total ? "more than " + total : product)
                    + " but TotalNumberElements is " + total);
        }
        int w = wide ? 8 : 4;
        b.check(offsetArrayOffset, 2 * total * w, "offset arrays (" + total + " data and tag offsets)");
        if (valid > Integer.MAX_VALUE - 8) {
            throw bad(f, "ValidNumberElements " + valid + " is more than this reader supports");
        }
        int nValid = (int) valid;
        long[] dataOff = offsets(b, offsetArrayOffset, nValid, wide, "data offset array");
        long[] tagOff = offsets(b, offsetArrayOffset + total * w, nValid, wide, "tag offset array");

        // element 0 defines type and shape of all elements (as in HyperSpy)
        long o0 = dataOff[0];
        int hdr = spectrum ? 26 : 50;
        b.check(o0, hdr, "element 0 header");
        double cOff, cDelta, cOffY = 0, cDeltaY = 0;
        long cElem, cElemY = 0, sx, sy;
        int typeCode;
        if (spectrum) {
            cOff = b.f64(o0, "element 0 calibration offset");
            cDelta = b.f64(o0 + 8, "element 0 calibration delta");
            cElem = b.u32(o0 + 16, "element 0 calibration element");
            typeCode = b.u16(o0 + 20, "element 0 data type");
            sx = b.u32(o0 + 22, "element 0 array length");
            sy = 1;
        } else {
            cOff = b.f64(o0, "element 0 x calibration offset");
            cDelta = b.f64(o0 + 8, "element 0 x calibration delta");
            cElem = b.u32(o0 + 16, "element 0 x calibration element");
            cOffY = b.f64(o0 + 20, "element 0 y calibration offset");
            cDeltaY = b.f64(o0 + 28, "element 0 y calibration delta");
            cElemY = b.u32(o0 + 36, "element 0 y calibration element");
            typeCode = b.u16(o0 + 40, "element 0 data type");
            sx = b.u32(o0 + 42, "element 0 size x");
            sy = b.u32(o0 + 46, "element 0 size y");
        }
        DType dt = dtype(f, typeCode, 0);
        long n = sx * sy; // both < 2^32: fits unless both are huge, checked next
        if (sx == 0 || sy == 0 || sx > Integer.MAX_VALUE || sy > Integer.MAX_VALUE || n > Integer.MAX_VALUE) {
            throw bad(f, "element 0 has " + (spectrum ? "length " + sx : "size " + sx + " x " + sy)
                    + " (must be 1 to " + Integer.MAX_VALUE + " values)");
        }
        long elemBytes = n * dt.byteSize();
        long claimed = valid > Long.MAX_VALUE / elemBytes ? -1 : valid * elemBytes;
        InvalidFileException.checkPayload(f, claimed, size - (o0 + hdr));
        long padBytes = (total - valid) > Long.MAX_VALUE / elemBytes ? -1 : (total - valid) * elemBytes;
        if (padBytes < 0 || padBytes > PAD_LIMIT + 16 * size) {
            throw bad(f, "TotalNumberElements " + total + " with " + valid + " valid elements of " + elemBytes
                    + " bytes would pad the data far beyond the file's size (corrupt header)");
        }

        // per-element headers and tags
        int tagBytes = tagTypeId == TAG_XY ? 24 : 8;
        double[] eOff = new double[nValid], eDelta = new double[nValid], eOffY = new double[nValid], eDeltaY = new double[nValid];
        long[] eElem = new long[nValid], eElemY = new long[nValid], eType = new long[nValid], eSx = new long[nValid], eSy = new long[nValid];
        long[] tType = new long[nValid], tUnknown = new long[nValid], tTime = new long[nValid];
        double[] tX = new double[nValid], tY = new double[nValid];
        for (int i = 0; i < nValid; i++) {
            long o = dataOff[i];
            String e = "element " + i;
            b.check(o, hdr + elemBytes, e + " (header and " + elemBytes + " bytes of data)");
            if (spectrum) {
                eOff[i] = b.f64(o, e);
                eDelta[i] = b.f64(o + 8, e);
                eElem[i] = b.u32(o + 16, e);
                eType[i] = b.u16(o + 20, e);
                eSx[i] = b.u32(o + 22, e);
                eSy[i] = 1;
            } else {
                eOff[i] = b.f64(o, e);
                eDelta[i] = b.f64(o + 8, e);
                eElem[i] = b.u32(o + 16, e);
                eOffY[i] = b.f64(o + 20, e);
                eDeltaY[i] = b.f64(o + 28, e);
                eElemY[i] = b.u32(o + 36, e);
                eType[i] = b.u16(o + 40, e);
                eSx[i] = b.u32(o + 42, e);
                eSy[i] = b.u32(o + 46, e);
            }
            if (eType[i] != typeCode || eSx[i] != sx || eSy[i] != sy) {
                throw bad(f, e + " has data type " + eType[i] + " and size " + eSx[i] + " x " + eSy[i] + ", element 0 has "
                        + typeCode + " and " + sx + " x " + sy);
            }
            long t = tagOff[i];
            b.check(t, tagBytes, e + " tag");
            tType[i] = b.u16(t, e + " tag");
            tUnknown[i] = b.u16(t + 2, e + " tag");
            tTime[i] = b.u32(t + 4, e + " tag");
            if (tagTypeId == TAG_XY) {
                tX[i] = b.f64(t + 8, e + " tag");
                tY[i] = b.f64(t + 16, e + " tag");
            }
        }

        // axes, as HyperSpy's ser_reader
        Map<String, Object> first = objects == null || objects.isEmpty() ? null : objects.get(0);
        boolean fOrder = tagTypeId == TAG_XY && nValid > 1 && tY[0] == tY[1];
        List<Axis> axes = new ArrayList<>();
        long navProduct = 1;
        if (ndim == 0) {
            axes.add(axis(f, "", nValid, 1, 0, "", true));
            navProduct = nValid;
        } else {
            List<String> spatial = new ArrayList<>(List.of("x", "y").subList(0, (int) Math.min(2, ndim)));
            for (int i = 0; i < ndim; i++) {
                int idim = fOrder ? (int) ndim - 1 - i : i;
                if (spectrum || dims.get(i).size() != 1) {
                    Dim d = dims.get(idim);
                    String units = d.unitsLength() > 0 ? d.units() : "";
                    String name = units.equals("meters") && !spatial.isEmpty() ? spatial.remove(spatial.size() - 1) : "";
                    axes.add(axis(f, name, d.size(), d.delta(), d.offset(), units, true));
                    navProduct *= d.size();
                }
            }
            if (navProduct != total) {
                throw bad(f, "the dimensions kept as axes hold " + navProduct + " elements, TotalNumberElements is " + total);
            }
        }
        if (spectrum) {
            axes.add(axis(f, "Energy", (int) sx, cDelta, cOff, "eV", false));
        } else {
            String units = first == null ? "meters"
                    : EmiMetadata.guessImageUnits(first, ndim > 0 ? dims.get(0).unitsLength() : -1, ndim > 0 ? dims.get(0).size() : 0);
            axes.add(axis(f, "y", (int) sy, cDeltaY, cOffY - cElemY * cDeltaY, units, false));
            axes.add(axis(f, "x", (int) sx, cDelta, cOff - cElem * cDelta, units, false));
        }

        // data
        long elements = ndim == 0 ? nValid : total;
        MemorySegment seg = FileMapping.allocateDecoded(f, elements * elemBytes); // a scratch mapping when large (ADR 0017)
        for (int i = 0; i < nValid; i++) {
            MemorySegment dst = seg.asSlice(i * elemBytes, elemBytes);
            b.read(dataOff[i] + hdr, dst, "element " + i + " data");
            if (!spectrum) {
                flipRows(dst, (int) sy, sx * dt.byteSize());
            }
        }
        if (elements > nValid && (dt == DType.FLOAT32 || dt == DType.FLOAT64)) {
            MemorySegment pad = seg.asSlice(nValid * elemBytes);
            if (dt == DType.FLOAT32) {
                for (long k = 0; k < pad.byteSize(); k += 4) {
                    pad.set(ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), k, Float.floatToRawIntBits(Float.NaN));
                }
            } else {
                for (long k = 0; k < pad.byteSize(); k += 8) {
                    pad.set(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), k, Double.doubleToRawLongBits(Double.NaN));
                }
            }
        }

        // original metadata: the header as HyperSpy's ser_header_parameters
        Map<String, Object> ser = new LinkedHashMap<>();
        ser.put("ByteOrder", (long) byteOrder);
        ser.put("SeriesID", (long) seriesId);
        ser.put("SeriesVersion", (long) version);
        ser.put("DataTypeID", dataTypeId);
        ser.put("TagTypeID", tagTypeId);
        ser.put("TotalNumberElements", total);
        ser.put("ValidNumberElements", valid);
        ser.put("OffsetArrayOffset", offsetArrayOffset);
        ser.put("NumberDimensions", ndim);
        for (int d = 0; d < dims.size(); d++) {
            Dim dm = dims.get(d);
            String p = "Dim-" + (d + 1) + "_";
            ser.put(p + "DimensionSize", dm.size());
            ser.put(p + "CalibrationOffset", dm.offset());
            ser.put(p + "CalibrationDelta", dm.delta());
            ser.put(p + "CalibrationElement", dm.element());
            ser.put(p + "DescriptionLength", dm.descriptionLength());
            ser.put(p + "Description", dm.description());
            ser.put(p + "UnitsLength", dm.unitsLength());
            ser.put(p + "Units", dm.units());
        }
        if (spectrum) {
            ser.put("CalibrationOffset", per(eOff));
            ser.put("CalibrationDelta", per(eDelta));
            ser.put("CalibrationElement", per(eElem));
            ser.put("DataType", per(eType));
            ser.put("ArrayLength", per(eSx));
        } else {
            ser.put("CalibrationOffsetX", per(eOff));
            ser.put("CalibrationDeltaX", per(eDelta));
            ser.put("CalibrationElementX", per(eElem));
            ser.put("CalibrationOffsetY", per(eOffY));
            ser.put("CalibrationDeltaY", per(eDeltaY));
            ser.put("CalibrationElementY", per(eElemY));
            ser.put("DataType", per(eType));
            ser.put("ArraySizeX", per(eSx));
            ser.put("ArraySizeY", per(eSy));
        }
        ser.put("TagTypeID", per(tType));
        ser.put("Unknown", per(tUnknown));
        ser.put("Time", per(tTime));
        if (tagTypeId == TAG_XY) {
            ser.put("PositionX", per(tX));
            ser.put("PositionY", per(tY));
        }
        Map<String, Object> original = new LinkedHashMap<>();
        original.put("ser_header_parameters", ser);

        Map<String, Object> md = new LinkedHashMap<>();
        Metadata.put(md, "General.original_filename", f.getFileName().toString());
        String[] dateTime = first == null ? null : EmiMetadata.dateTime(first);
        if (dateTime != null) {
            Metadata.put(md, "General.date", dateTime[0]);
            Metadata.put(md, "General.time", dateTime[1]);
        }
        Metadata.put(md, "General.title", "");
        Metadata.put(md, "Signal.signal_type", "");
        if (objects != null && index >= 0 && index < objects.size()) {
            Map<String, Object> info = objects.get(index);
            original.putAll(info);
            EmiMetadata.map(info, md);
        }
        return Dataset.wrap(dt, seg, ByteOrder.LITTLE_ENDIAN, axes, new Metadata(md, original));
    }

    private static Object per(double[] v) {
        return v.length == 1 ? (Object) v[0] : v;
    }

    private static Object per(long[] v) {
        return v.length == 1 ? (Object) v[0] : v;
    }

    /** Offsets of the valid elements; whether they lie inside the file is checked where they are used. */
    private static long[] offsets(Bin b, long at, int n, boolean wide, String what) throws IOException {
        long w = wide ? 8 : 4;
        byte[] raw = b.bytes(at, n * w, what);
        java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        long[] o = new long[n];
        for (int i = 0; i < n; i++) {
            long v = wide ? bb.getLong() : Integer.toUnsignedLong(bb.getInt());
            if (v < 0) {
                throw new InvalidFileException(b.file(), what + " entry " + i + " is " + Long.toUnsignedString(v) + ", beyond any file size");
            }
            o[i] = v;
        }
        return o;
    }

    /** Bytes as text the way NumPy's fixed-length bytes give them: trailing NULs dropped, UTF-8. */
    private static String text(byte[] raw) {
        int n = raw.length;
        while (n > 0 && raw[n - 1] == 0) {
            n--;
        }
        return new String(raw, 0, n, StandardCharsets.UTF_8);
    }

    private static void flipRows(MemorySegment img, int rows, long rowBytes) {
        byte[] a = new byte[(int) rowBytes], c = new byte[(int) rowBytes];
        for (int r = 0; r < rows / 2; r++) {
            MemorySegment top = img.asSlice(r * rowBytes, rowBytes), bottom = img.asSlice((rows - 1 - r) * rowBytes, rowBytes);
            MemorySegment.copy(top, ValueLayout.JAVA_BYTE, 0, a, 0, a.length);
            MemorySegment.copy(bottom, ValueLayout.JAVA_BYTE, 0, c, 0, c.length);
            MemorySegment.copy(c, 0, top, ValueLayout.JAVA_BYTE, 0, c.length);
            MemorySegment.copy(a, 0, bottom, ValueLayout.JAVA_BYTE, 0, a.length);
        }
    }

    /** An axis with HyperSpy's unit conversion (metres to nm, reciprocal metres to 1/nm). */
    private static Axis axis(Path f, String name, long size, double scale, double offset, String units, boolean nav)
            throws InvalidFileException {
        if (!Double.isFinite(scale) || !Double.isFinite(offset)) {
            throw new InvalidFileException(f, "axis '" + name + "' has a non-finite calibration (scale " + scale + ", offset " + offset + ")");
        }
        if (units.equals("meters")) {
            units = "nm";
            scale *= 1e9;
            offset *= 1e9;
        } else if (units.equals("1/meters")) {
            units = "1 / nm";
            scale /= 1e9;
            offset /= 1e9;
        }
        if (scale == 0 || !Double.isFinite(scale) || !Double.isFinite(offset)) {
            scale = scale == 0 ? 1 : scale; // an uncalibrated (zero-step) dimension: index steps
            if (!Double.isFinite(scale) || !Double.isFinite(offset)) {
                throw new InvalidFileException(f, "axis '" + name + "' calibration overflows after unit conversion");
            }
        }
        return new Axis(name, (int) size, scale, offset, units, nav);
    }
}
