package tessera.eels;

import tessera.core.analysis.LiteratureReference;

/** Literature the EELS operations cite. */
public final class References {
    private References() {
    }

    /** R. F. Egerton, Electron Energy-Loss Spectroscopy in the Electron Microscope, 3rd ed., Springer 2011. */
    public static LiteratureReference egerton(String section) {
        return new LiteratureReference("R. F. Egerton, Electron Energy-Loss Spectroscopy in the Electron Microscope, 3rd ed., Springer (2011), "
                + section, "10.1007/978-1-4419-9583-4");
    }

    /** HyperSpy 1.7.3, F. de la Peña et al. (Zenodo). */
    public static LiteratureReference hyperspy(String what) {
        return new LiteratureReference("F. de la Peña et al., HyperSpy 1.7.3, " + what, "10.5281/zenodo.7263263");
    }
}
