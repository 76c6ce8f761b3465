package tessera.eels.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tessera.core.analysis.GuidedDecomposer;
import tessera.core.analysis.IncompatibleDataException;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.eels.quant.EelsForwardModelStep;
import tessera.eels.xsection.CrossSections;
import tessera.eels.xsection.Microscope;

/**
 * The EELS forward model for SmoothNMF: element columns equal to the edges' differential cross sections times the
 * channel width, power-law columns of unit sum with the exponent's slope, the column names, and the refusals.
 */
class EelsForwardModelTest {
    static final Axis E = new Axis("Energy loss", 600, 0.5, 400, "eV", false);

    static Dataset data(Axis e, boolean angles) {
        Metadata md = new Metadata().title("sti");
        md.set(Metadata.BEAM_ENERGY, 200.0);
        if (angles) {
            md.set(Metadata.CONVERGENCE_ANGLE, 10.0);
            md.set(Metadata.COLLECTION_ANGLE, 30.0);
        }
        md.set("General.original_filename", "sti.dm4");
        return Dataset.ofDoubles(new double[2 * 3 * e.size()], List.of(new Axis("y", 2, 1, 0, "nm", true), new Axis("x", 3, 1, 0, "nm", true), e), md);
    }

    static Dataset model(Dataset d, Map<String, Object> p) {
        EelsForwardModelStep s = new EelsForwardModelStep();
        return s.apply(d, Map.of(), Parameters.of(s.parameters(), p), ProgressMonitor.NULL).extras().get("model");
    }

    @Test
    void columnsAreTheCrossSectionsAndPowerLaws() {
        Dataset g = model(data(E, true), Map.of("elements", "Ti,O", "backgroundExponents", "2,3.5"));
        assertEquals(List.of("Ti", "O", "powerlaw_r2", "powerlaw_r3.5"), g.metadata().get(GuidedDecomposer.COLUMNS));
        assertEquals(2, ((Number) g.metadata().get(GuidedDecomposer.ELEMENT_COLUMNS)).intValue());
        assertEquals(List.of("Ti_L3", "O_K"), g.metadata().get("Signal.model_edges"));
        assertEquals("nnls", g.metadata().get(GuidedDecomposer.INITIALISATION), "the model asks for a non-negative least-squares start");
        assertEquals(List.of(4, 600), List.of(g.shape()[0], g.shape()[1]));
        assertEquals(E.withNavigate(false), g.axis(1), "on the data's energy axis");
        double[] en = new double[E.size()];
        for (int i = 0; i < en.length; i++) {
            en[i] = E.value(i);
        }
        Microscope mic = new Microscope(200, 10, 30);
        double[] ti = CrossSections.of("Ti", "L23", CrossSections.Model.HYDROGENIC).differential(en, mic);
        double[] o = CrossSections.of("O", "K", CrossSections.Model.HYDROGENIC).differential(en, mic);
        for (int i = 0; i < en.length; i++) {
            assertEquals(ti[i] * 0.5, g.getDouble(0, i), 1e-12 * (1 + ti[i]), "Ti column at " + en[i] + " eV (barn per atom per 0.5 eV channel)");
            assertEquals(o[i] * 0.5, g.getDouble(1, i), 1e-12 * (1 + o[i]), "O column at " + en[i] + " eV");
        }
        assertEquals(0.0, g.getDouble(1, 200), 0.0, "O K is zero below its onset (500 eV at channel 200)");
        assertTrue(g.getDouble(1, 300) > 0);
        for (int b = 0; b < 2; b++) {
            double sum = 0;
            for (int i = 0; i < en.length; i++) {
                sum += g.getDouble(2 + b, i);
            }
            assertEquals(1.0, sum, 1e-12, "power-law column sums to 1");
            double r = b == 0 ? 2 : 3.5;
            assertEquals(Math.pow(en[599] / en[0], -r), g.getDouble(2 + b, 599) / g.getDouble(2 + b, 0), 1e-12, "slope of r = " + r);
        }
        // the file's angles can be overridden
        Dataset g2 = model(data(E, true), Map.of("elements", "Ti", "collectionMrad", 10.0, "backgroundExponents", ""));
        double[] ti10 = CrossSections.of("Ti", "L23", CrossSections.Model.HYDROGENIC).differential(en, new Microscope(200, 10, 10));
        assertEquals(ti10[300] * 0.5, g2.getDouble(0, 300), 1e-12 * ti10[300]);
        assertTrue(ti10[300] < ti[300], "a smaller collection angle collects less");
    }

    @Test
    void badInputIsRefusedNamingTheFile() {
        IncompatibleDataException e = assertThrows(IncompatibleDataException.class,
                () -> model(data(new Axis("Energy loss", 600, 0.5, -20, "eV", false), true), Map.of("elements", "Ti,O")));
        assertTrue(e.getMessage().startsWith("sti.dm4: ") && e.getMessage().contains("above 0 eV"), e.getMessage());
        e = assertThrows(IncompatibleDataException.class, () -> model(data(E, false), Map.of("elements", "Ti,O")));
        assertTrue(e.getMessage().contains("collection semi-angle"), e.getMessage());
        e = assertThrows(IncompatibleDataException.class, () -> model(data(E, true), Map.of("elements", "Fe")));
        assertTrue(e.getMessage().contains("no K or L2,3 edge of Fe"), e.getMessage());
        e = assertThrows(IncompatibleDataException.class, () -> model(data(new Axis("Energy", 600, 0.01, 0.2, "keV", false), true), Map.of("elements", "Ti")));
        assertTrue(e.getMessage().contains("expected eV"), e.getMessage());
        e = assertThrows(IncompatibleDataException.class, () -> model(data(E, true), Map.of()));
        assertTrue(e.getMessage().contains("no elements"), e.getMessage());
        e = assertThrows(IncompatibleDataException.class, () -> model(data(E, true), Map.of("elements", "Ti", "backgroundExponents", "2,x")));
        assertTrue(e.getMessage().contains("backgroundExponents"), e.getMessage());
        e = assertThrows(IncompatibleDataException.class, () -> model(data(E, true), Map.of("elements", "Ti", "backgroundExponents", "-1")));
        assertTrue(e.getMessage().contains("not positive"), e.getMessage());
    }
}
