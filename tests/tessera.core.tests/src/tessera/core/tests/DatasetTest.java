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
}
