package tessera.edx;

import tessera.core.analysis.LiteratureReference;

/** Literature the EDX operations cite. */
public final class References {
    private References() {
    }

    /** @return HyperSpy 1.7.3, F. de la Peña et al. (Zenodo), for the named function */
    public static LiteratureReference hyperspy(String what) {
        return new LiteratureReference("F. de la Peña et al., HyperSpy 1.7.3, " + what, "10.5281/zenodo.7263263");
    }

    /** @return M. Watanabe, D. B. Williams, J. Microsc. 221 (2006) 89 (ζ-factor method, absorption correction) */
    public static LiteratureReference watanabeWilliams() {
        return new LiteratureReference("M. Watanabe, D. B. Williams, The quantitative analysis of thin specimens: a review of progress from the Cliff-Lorimer to the new zeta-factor methods, J. Microsc. 221 (2006) 89-109",
                "10.1111/j.1365-2818.2006.01549.x");
    }

    /** @return G. Cliff, G. W. Lorimer, J. Microsc. 103 (1975) 203 (the ratio method) */
    public static LiteratureReference cliffLorimer() {
        return new LiteratureReference("G. Cliff, G. W. Lorimer, The quantitative analysis of thin specimens, J. Microsc. 103 (1975) 203-207", "10.1111/j.1365-2818.1975.tb03895.x");
    }

    /** @return D. B. Williams, C. B. Carter, Transmission Electron Microscopy, 2nd ed., Springer (2009), a section */
    public static LiteratureReference williamsCarter(String section) {
        return new LiteratureReference("D. B. Williams, C. B. Carter, Transmission Electron Microscopy, 2nd ed., Springer (2009), " + section, "10.1007/978-0-387-76501-3");
    }
}
