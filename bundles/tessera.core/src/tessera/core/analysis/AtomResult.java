package tessera.core.analysis;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tessera.core.model.Dataset;

/**
 * What an {@link AtomFinder} finds in one image: named datasets, in a fixed order, for n columns. Positions are in
 * pixels of the image, (row, column) = (y, x) with pixel centres at integers; {@code nm = offset + px · scale} with the
 * image's axes, which each output's metadata repeats ({@code Signal.pixel_size_nm}, {@code Signal.units}: "nm", or "px"
 * when the image is uncalibrated).
 *
 * @param algorithmId the contribution id
 * @param outputs     name → dataset; the {@link #ALWAYS} names, each present, then any of {@link #WHEN_ASKED}
 * @param parameters  the parameters used (with automatic values resolved, e.g. the separation actually used)
 */
public record AtomResult(String algorithmId, Map<String, Dataset> outputs, Parameters parameters) {
    /** refined positions {@code [n, 2]} (float64, px): (y, x) of each column */
    public static final String POSITIONS = "positions";
    /** one standard deviation of each refined position {@code [n, 2]} (float64, px); NaN where the refinement gives none */
    public static final String POSITION_STD = "positionStd";
    /** sublattice index of each column {@code [n]} (int32): 0 = the first (brightest) sublattice found, 1 = the next */
    public static final String SUBLATTICE = "sublattice";
    /** column intensity {@code [n]} (float64, image units): the image's mean over a disc of the refinement radius */
    public static final String INTENSITY = "intensity";
    /**
     * fitted 2-D elliptical Gaussians {@code [n, 6]} (float64): amplitude above background, σ<sub>a</sub> ≥ σ<sub>b</sub>
     * (px), rotation of the a axis from +x towards +y (rad, (−π/2, π/2]), background, fit χ²<sub>ν</sub>; NaN rows where
     * no Gaussian was fitted
     */
    public static final String GAUSSIAN = "gaussian";
    /**
     * projected lattice vectors of each sublattice {@code [sublattices, 2, 2]} (float64, px): per sublattice the two
     * shortest independent translations (a, b) as (dy, dx), |a| ≤ |b|; NaN if a sublattice has too few columns
     */
    public static final String LATTICE_VECTORS = "latticeVectors";
    /** the outputs every finder gives, in order */
    public static final List<String> ALWAYS = List.of(POSITIONS, POSITION_STD, SUBLATTICE, INTENSITY);
    /** the outputs a finder gives when it computes them, in order */
    public static final List<String> WHEN_ASKED = List.of(GAUSSIAN, LATTICE_VECTORS);

    /** Copies the outputs, keeping their order. */
    public AtomResult {
        outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    }

    /** @return the number of columns found */
    public int count() {
        return output(POSITIONS).shape()[0];
    }

    /**
     * @param name an output name
     * @return the dataset
     * @throws IllegalArgumentException if there is no such output
     */
    public Dataset output(String name) {
        Dataset d = outputs.get(name);
        if (d == null) {
            throw new IllegalArgumentException("no output '" + name + "'; the result has " + outputs.keySet());
        }
        return d;
    }
}
