package tessera.cli.internal;

import picocli.CommandLine.Option;

/**
 * The atom finder's options, shared by {@code tessera atoms}, {@code lattice} and {@code track} (a picocli mixin): each
 * one the user gives becomes the step parameter of the same name; the others keep the finder's defaults.
 */
final class AtomFindingOptions {
    @Option(names = "--separation", paramLabel = "PX", description = "atom finding: smallest distance between columns in px (default: 0.4 × the spacing from the autocorrelation)")
    Double separation;

    @Option(names = "--smoothing", paramLabel = "PX", description = "atom finding: σ of the Gaussian smoothing in px (default: 0.1 × the spacing)")
    Double smoothing;

    @Option(names = "--sublattices", paramLabel = "N", description = "atom finding: 1, or 2 for bright and dim sublattices (default 1)")
    Integer sublattices;

    @Option(names = "--contrast", paramLabel = "C", description = "atom finding: bright (HAADF, ADF) or dark (ABF) columns (default bright)")
    String contrast;

    /** @return the given options as step parameters */
    StepParameters parameters() {
        return new StepParameters().put("separation", separation).put("smoothing", smoothing).put("sublattices", sublattices).put("contrast", contrast);
    }
}
