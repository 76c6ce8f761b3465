package tessera.core.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.model.Axis;
import tessera.core.model.DType;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.core.model.SpectrumImage;

class DatasetTest {

    private static List<Axis> siAxes() {
        return List.of(new Axis("y", 2, 0.5, 0, "nm", true), new Axis("x", 3, 0.5, 0, "nm", true),
                new Axis("Energy loss", 4, 0.25, 100, "eV", false));
    }

    @Test
    void rowMajorLayoutWithSignalLast() {
        float[] v = new float[24];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        Dataset d = Dataset.ofFloats(v, siAxes(), new Metadata());
        assertArrayEquals(new int[] { 2, 3, 4 }, d.shape());
        assertEquals(6, d.navigationSize());
        assertEquals(4, d.signalSize());
        // (y=1, x=2, E=3) -> (1*3+2)*4+3 = 23
        assertEquals(23.0, d.getDouble(1, 2, 3));
        SpectrumImage si = new SpectrumImage(d);
        float[] s = si.spectrum(1, 1, new float[4]);
        assertArrayEquals(new float[] { 16, 17, 18, 19 }, s);
        assertEquals(100.75, si.energyAxis().high(), 1e-12);
        assertEquals(2, si.energyAxis().index(100.5));
    }

    @Test
    void bigEndianUnsignedBackingReadsCorrectly() {
        MemorySegment seg = Arena.ofAuto().allocate(4 * 2);
        ValueLayout.OfShort be = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
        seg.set(be, 0, (short) 0xFFFF);
        seg.set(be, 2, (short) 300);
        Dataset d = Dataset.wrap(DType.UINT16, seg, ByteOrder.BIG_ENDIAN, List.of(Axis.uncalibrated("E", 2, false)), null);
        assertEquals(65535.0, d.getDouble(0));
        assertEquals(300.0, d.getDouble(1));
    }

    @Test
    void navigationAfterSignalIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Dataset.allocate(DType.FLOAT32,
                List.of(Axis.uncalibrated("E", 2, false), Axis.uncalibrated("x", 2, true)), null));
    }

    @Test
    void tooSmallSegmentIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> Dataset.ofFloats(new float[5], siAxes(), null));
    }

    @Test
    void parametersValidateRangesAndTypes() {
        List<ParameterSpec> specs = List.of(ParameterSpec.ofInt("components", 3, 1, 100, "n"),
                ParameterSpec.ofDouble("tol", 1e-4, 0.0, 1.0, "", "t"));
        Parameters p = Parameters.of(specs, Map.of("components", "7"));
        assertEquals(7, p.getInt("components"));
        assertEquals(1e-4, p.getDouble("tol"));
        assertThrows(IllegalArgumentException.class, () -> Parameters.of(specs, Map.of("components", 0)));
        assertThrows(IllegalArgumentException.class, () -> Parameters.of(specs, Map.of("nope", 1)));
    }

    @Test
    void metadataPathsAndTypedAccessors() {
        Metadata m = new Metadata();
        m.set(Metadata.BEAM_ENERGY, 200.0).set(Metadata.SIGNAL_TYPE, "EDS_TEM");
        assertEquals(200.0, m.beamEnergyKv().getAsDouble());
        assertEquals(tessera.core.model.SignalType.EDS_TEM, m.signalType());
        Metadata c = m.copy();
        c.set(Metadata.BEAM_ENERGY, 300.0);
        assertEquals(200.0, m.beamEnergyKv().getAsDouble());
    }

    /** Every element type and both byte orders: the bulk reads give exactly what element-wise getDouble gives. */
    @Test
    void bulkReadsEqualElementReads() {
        int nav = 3, sig = 5000; // more than one bulk buffer per read
        for (DType t : new DType[] {DType.INT8, DType.UINT8, DType.INT16, DType.UINT16, DType.INT32, DType.UINT32, DType.INT64,
                DType.FLOAT32, DType.FLOAT64}) {
            for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
                int n = nav * sig;
                MemorySegment seg = Arena.ofAuto().allocate((long) n * t.byteSize());
                java.util.SplittableRandom r = new java.util.SplittableRandom(t.ordinal());
                for (long b = 0; b < seg.byteSize(); b++) {
                    seg.set(ValueLayout.JAVA_BYTE, b, (byte) r.nextInt());
                }
                if (t == DType.FLOAT32 || t == DType.FLOAT64) { // finite values, not random bit patterns
                    Dataset w = Dataset.wrap(t, seg, order, List.of(Axis.uncalibrated("x", n, true)), null);
                    for (int i = 0; i < n; i++) {
                        w.setDouble(i, r.nextDouble(-1e6, 1e6));
                    }
                }
                Dataset d = Dataset.wrap(t, seg, order, List.of(Axis.uncalibrated("y", nav, true), Axis.uncalibrated("E", sig, false)), null);
                float[] f = new float[n + 3];
                d.readSpectra(1, 2, f, 3);
                double[] g = new double[n + 2];
                d.readDoubles(sig - 7, n - sig, g, 2);
                double[] all = d.toDoubleArray();
                for (int i = 0; i < n; i++) {
                    assertEquals(d.getDouble(i), all[i], 0.0, t + " " + order + " element " + i);
                }
                for (int i = 0; i < 2 * sig; i++) {
                    assertEquals((float) d.getDouble(sig + i), f[3 + i], 0f, t + " " + order + " readSpectra " + i);
                }
                for (int i = 0; i < n - sig; i++) {
                    assertEquals(d.getDouble(sig - 7 + i), g[2 + i], 0.0, t + " " + order + " readDoubles " + i);
                }
                assertThrows(IndexOutOfBoundsException.class, () -> d.readDoubles(n - 2, 3, new double[3], 0));
            }
        }
    }

    /** Off-heap blocks, small and large (huge-page mapped where the system allows): zero-filled, writable, sized. */
    @Test
    void offHeapBlocksAreZeroFilledAndUsable() {
        for (long bytes : new long[] {0, 100, tessera.core.model.OffHeap.LARGE_BYTES, 3 * tessera.core.model.OffHeap.LARGE_BYTES + 8}) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment s = tessera.core.model.OffHeap.allocate(arena, bytes, 64);
                assertEquals(Math.max(1, bytes), s.byteSize());
                assertEquals(0, s.address() % 64, "aligned");
                for (long b = 0; b < s.byteSize(); b += 4093) {
                    assertEquals(0, s.get(ValueLayout.JAVA_BYTE, b), "zero at " + b);
                }
                s.set(ValueLayout.JAVA_BYTE, s.byteSize() - 1, (byte) 7);
                assertEquals(7, s.get(ValueLayout.JAVA_BYTE, s.byteSize() - 1));
            }
        }
        Dataset big = Dataset.allocate(DType.FLOAT32, List.of(Axis.uncalibrated("y", 1024, true), Axis.uncalibrated("E", 1024, false)), null);
        assertEquals(0.0, big.getDouble(big.size() - 1));
        assertThrows(IllegalArgumentException.class, () -> tessera.core.model.OffHeap.allocate(Arena.ofAuto(), 10, 3));
    }
}
