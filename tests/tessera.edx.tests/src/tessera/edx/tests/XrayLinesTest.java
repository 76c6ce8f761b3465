package tessera.edx.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import tessera.edx.DetectorResolution;
import tessera.edx.XrayLine;
import tessera.edx.XrayLines;
import tessera.elements.PhotoAbsorption;

/** The X-ray line table, the detector resolution and the default line against HyperSpy 1.7.3's values. */
class XrayLinesTest {

    @Test
    void ironLinesAndTheirWeights() {
        XrayLines t = XrayLines.standard();
        XrayLine ka = t.line("Fe_Ka");
        assertEquals(6.4039, ka.energyKev(), 1e-9);
        assertEquals(0.1272, t.line("Fe_Kb").weight(), 1e-9);
        assertEquals('K', ka.family());
        assertEquals(List.of("Ka", "Kb", "Ll", "Ln", "La", "Lb3"), t.of("Fe").stream().map(XrayLine::name).toList());
        assertEquals(9.4421, t.line("Pt_La").energyKev(), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> t.line("Fe_Ma"));
        assertThrows(IllegalArgumentException.class, () -> t.line("Xx_Ka"));
        assertTrue(t.of("Pu").isEmpty());
    }

    @Test
    void defaultLineIsTheHighestAlphaBelowTheBeam() {
        XrayLines t = XrayLines.standard();
        assertEquals("Pt_La", t.defaultLine("Pt", 0.16, 20, 200).orElseThrow().label());
        assertEquals("Fe_Ka", t.defaultLine("Fe", 0.16, 20, 200).orElseThrow().label());
        assertEquals("Fe_La", t.defaultLine("Fe", 0.16, 20, 5).orElseThrow().label());
        assertEquals("Pt_Ma", t.defaultLine("Pt", 0.16, 5, 200).orElseThrow().label());
        // HyperSpy only_one: the first alpha line (alphabetically) below half the beam energy: Fe_Ka at 6.4 keV > 10/2
        assertEquals("Fe_La", t.defaultLine("Fe", 0.16, 20, 10).orElseThrow().label());
        assertEquals("Pt_Ma", t.defaultLine("Pt", 0.16, 20, 10).orElseThrow().label());
    }

    @Test
    void linesNearAnEnergyNearestFirst() {
        List<XrayLine> near = XrayLines.standard().near(6.40, 0.01);
        assertEquals("Fe_Ka", near.get(0).label());
        assertTrue(near.stream().allMatch(l -> Math.abs(l.energyKev() - 6.40) <= 0.01));
    }

    /** HyperSpy: get_FWHM_at_Energy(130, 6.4039) → the integration window 6.269–6.539 keV of the check. */
    @Test
    void fioriNewburyWidthGivesHyperSpysWindow() {
        DetectorResolution r = new DetectorResolution(130);
        double fwhm = r.fwhmKev(6.4039);
        assertEquals(6.269, 6.4039 - fwhm, 5e-4);
        assertEquals(6.539, 6.4039 + fwhm, 5e-4);
        assertEquals(0.130, r.fwhmKev(DetectorResolution.MN_KA_KEV), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new DetectorResolution(0));
    }

    /** FFAST photo-absorption of Fe at Cu Kα (8.048 keV): NIST XCOM photoelectric μ/ρ ≈ 302 cm²/g (total 308). */
    @Test
    void massAbsorptionOfIronAtCopperKa() {
        assertEquals(302, PhotoAbsorption.massAbsorption("Fe", 8047.8), 302 * 0.03);
    }
}
