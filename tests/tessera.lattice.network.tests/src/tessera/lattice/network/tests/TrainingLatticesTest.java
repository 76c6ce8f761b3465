package tessera.lattice.network.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import tessera.lattice.network.AtomNetModel;
import tessera.lattice.network.TrainingLattices;

/**
 * The simulated training images: one seed gives one image, the image is standardised, every atom's mask disc is set
 * at its apparent centre and the blob centres of the mask give back the atoms.
 */
class TrainingLatticesTest {

    @Test
    void aSeedFixesTheSample() {
        TrainingLattices.Sample a = TrainingLattices.sample(128, 42), b = TrainingLattices.sample(128, 42), c = TrainingLattices.sample(128, 43);
        assertArrayEquals(a.image(), b.image());
        assertArrayEquals(a.mask(), b.mask());
        assertFalse(Arrays.equals(a.image(), c.image()));
    }

    @Test
    void imagesAreStandardisedAndMasksMarkEveryAtom() {
        for (long seed = 1; seed <= 40; seed++) {
            TrainingLattices.Sample s = TrainingLattices.sample(96, seed);
            double mean = 0, sq = 0;
            for (float v : s.image()) {
                mean += v;
                sq += v * v;
            }
            mean /= s.image().length;
            assertEquals(0, mean, 1e-4, "seed " + seed);
            assertEquals(1, Math.sqrt(sq / s.image().length - mean * mean), 1e-3, "seed " + seed);
            assertTrue(s.spacing() >= 4.5, "nearest-neighbour distance " + s.spacing());
            assertTrue(s.ys().length >= 4, "atoms inside the image, seed " + seed);
            for (int k = 0; k < s.ys().length; k++) {
                int y = (int) Math.round(s.ys()[k]), x = (int) Math.round(s.xs()[k]);
                assertEquals(1f, s.mask()[Math.clamp(y, 0, 95) * 96 + Math.clamp(x, 0, 95)], "mask at atom " + k + ", seed " + seed);
            }
            // the mask's blobs are the atoms (discs of radius ≤ 0.22 of the nearest-neighbour distance do not touch)
            double[][] c = AtomNetModel.blobCentres(s.mask(), 96, 96, 0.5, 1);
            assertEquals(s.ys().length, c[0].length, "one blob per atom, seed " + seed);
        }
    }

    @Test
    void tooSmallImagesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainingLattices.sample(16, 1));
        assertTrue(e.getMessage().contains("32"), e.getMessage());
    }
}
