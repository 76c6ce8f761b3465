package tessera.edx;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tessera.elements.Elements;

/**
 * X-ray production cross sections per atom for electron impact: the cross section of a characteristic line is
 * σ_line(E0) = σ_ion,family(E0) · ω_family · w_line / Σ_family w, with
 * <ul>
 * <li>σ_ion,family the electron-impact ionisation cross section of the line's shell, summed over its subshells (K;
 * L1+L2+L3; M1+…+M5), from the analytical formulas of D. Bote, F. Salvat, A. Jablonski, C. J. Powell, At. Data Nucl.
 * Data Tables 95 (2009) 871, doi:10.1016/j.adt.2009.08.001 (their low-overvoltage formula for U = E0/E_nlj ≤ 16 with the
 * coefficients E_nlj, a1..a5 of their Table 1, and their high-energy formula, with the relativistic β and
 * X = √(T(T + 2mc²))/mc², for U &gt; 16 with b₋, A_nlj, g1..g4 of their Table 2); the parameters are bundled as {@code tessera/edx/bote2009.tsv},
 * re-encoded by {@code bundles/tessera.edx/tools/bote_encode.py};</li>
 * <li>ω_family the fluorescence yield of the shell: ω_K from Bambynek's fit and ω̄_L (the L-shell average)
 * from the fit of J. H. Hubbell et al., J. Phys. Chem. Ref. Data 23 (1994) 339, doi:10.1063/1.555955, both of the form
 * (ω/(1 − ω))^{1/4} = Σ C_i Z^i, and ω̄_M = 1.29·10⁻⁹ (Z − 13)⁴ (ibid.);</li>
 * <li>w_line / Σ w the line's share of its family from the relative weights of {@link XrayLines} (HyperSpy's table).</li>
 * </ul>
 * Units: barn per atom (1 b = 10⁻²⁴ cm²), the same unit for every element and family, so that a forward model built
 * from these cross sections gives atomic fractions.
 * <p>
 * Compared with espm's tables (espm/tables/200keV_xrays.json, built by emtables from the same Bote tables with
 * xraylib's subshell fluorescence yields, radiative rates and Coster–Kronig transfers; Teurtrie et al., Ultramicroscopy
 * 249 (2023) 113719, doi:10.1016/j.ultramic.2023.113719): the family-level yield here leaves out Coster–Kronig and
 * subshell-resolved yields, and the high-energy formula is taken as printed by Bote et al., with (1 − β²)^{+1/4},
 * which joins the low-energy formula continuously at U = 16 (emtables' code uses the exponent −1/4, about 4 % lower for
 * Fe K at 200 kV). The test {@code XrayProductionTest} reports the differences.
 */
public final class XrayProduction {

    private static final String RESOURCE = "bote2009.tsv";
    /** 4π a0² in barn (a0 = 5.29177210903e-9 cm) */
    private static final double FOUR_PI_A0_SQUARED_BARN = 4 * Math.PI * 5.29177210903e-9 * 5.29177210903e-9 * 1e24;
    /** electron rest energy in eV (CODATA 2018) */
    private static final double MC2_EV = 510998.95;
    private static final Map<String, double[]> BOTE = load();

    private XrayProduction() {
    }

    /** The subshells of a family in Bote's notation. */
    private static List<String> subshells(char family) {
        return switch (family) {
            case 'K' -> List.of("K");
            case 'L' -> List.of("L1", "L2", "L3");
            case 'M' -> List.of("M1", "M2", "M3", "M4", "M5");
            default -> throw new IllegalArgumentException("X-ray family must be K, L or M, not '" + family + "'");
        };
    }

    /**
     * Electron-impact ionisation cross section of one subshell (Bote et al. 2009).
     *
     * @param element  element symbol (Z = 1..99 in the tables; subshells that are not occupied or not tabulated give 0)
     * @param subshell {@code K}, {@code L1}..{@code L3}, {@code M1}..{@code M5}
     * @param beamKv   electron kinetic energy E0 in keV
     * @return σ in barn per atom; 0 at or below the ionisation energy
     * @throws IllegalArgumentException for an unknown element or subshell name, or a beam energy that is not positive
     */
    public static double ionisation(String element, String subshell, double beamKv) {
        int z = Elements.z(element);
        if (!(beamKv > 0) || !Double.isFinite(beamKv)) {
            throw new IllegalArgumentException("beam energy must be positive, not " + beamKv + " kV");
        }
        if (!List.of("K", "L1", "L2", "L3", "M1", "M2", "M3", "M4", "M5").contains(subshell)) {
            throw new IllegalArgumentException("subshell must be one of K, L1..L3, M1..M5, not '" + subshell + "'");
        }
        double[] p = BOTE.get(z + " " + subshell);
        if (p == null) {
            return 0;
        }
        double t = beamKv * 1000;
        double u = t / p[0];
        if (u <= 1) {
            return 0;
        }
        if (u <= 16) {
            double s = p[1] + p[2] * u + p[3] / (1 + u) + p[4] / Math.pow(1 + u, 3) + p[5] / Math.pow(1 + u, 5);
            return FOUR_PI_A0_SQUARED_BARN * (u - 1) / (u * u) * s * s;
        }
        double beta2 = t * (t + 2 * MC2_EV) / ((t + MC2_EV) * (t + MC2_EV));
        double x = Math.sqrt(t * (t + 2 * MC2_EV)) / MC2_EV;
        double bm = p[6], a = p[7], g1 = p[8], g2 = p[9], g3 = p[10], g4 = p[11];
        double bracket = (Math.log(x * x) - beta2) * (1 + g1 / x) + g2 + g3 * Math.pow(1 - beta2, 0.25) + g4 / x;
        return FOUR_PI_A0_SQUARED_BARN * u / (u + bm) * a / beta2 * bracket;
    }

    /**
     * Ionisation cross section of a whole shell: the sum over its subshells.
     *
     * @param element element symbol
     * @param family  {@code 'K'}, {@code 'L'} or {@code 'M'}
     * @param beamKv  beam energy in keV
     * @return σ in barn per atom
     * @throws IllegalArgumentException for an unknown element or family
     */
    public static double shellIonisation(String element, char family, double beamKv) {
        double s = 0;
        for (String sub : subshells(family)) {
            s += ionisation(element, sub, beamKv);
        }
        return s;
    }

    /**
     * Fluorescence yield of a shell (Bambynek's fit for K, Hubbell et al. 1994 for the L average and M; see the class
     * description).
     *
     * @param element element symbol
     * @param family  {@code 'K'}, {@code 'L'} or {@code 'M'}
     * @return ω in [0, 1]; 0 for an M shell of Z ≤ 13
     * @throws IllegalArgumentException for an unknown element or family
     */
    public static double fluorescenceYield(String element, char family) {
        int z = Elements.z(element);
        return switch (family) {
            case 'K' -> fitYield(z, 0.0370, 0.03112, 5.44e-5, -1.25e-6);
            case 'L' -> fitYield(z, 0.17765, 0.00298937, 8.91297e-5, -2.67184e-7);
            case 'M' -> z <= 13 ? 0 : Math.min(1, 1.29e-9 * Math.pow(z - 13, 4));
            default -> throw new IllegalArgumentException("X-ray family must be K, L or M, not '" + family + "'");
        };
    }

    private static double fitYield(int z, double c0, double c1, double c2, double c3) {
        double s = c0 + z * (c1 + z * (c2 + z * c3));
        double q = s * s * s * s;
        return q / (1 + q);
    }

    /**
     * X-ray production cross section of one line, σ_ion,family · ω_family · w_line / Σ_family w.
     *
     * @param line   the line ({@link XrayLines#of(String)})
     * @param beamKv beam energy in keV
     * @return σ in barn per atom (photons emitted into 4π per atom per unit electron fluence); 0 when the beam cannot
     *         ionise the shell
     * @throws IllegalArgumentException for a beam energy that is not positive
     */
    public static double lineCrossSection(XrayLine line, double beamKv) {
        char f = line.family();
        double sum = 0;
        for (XrayLine l : XrayLines.standard().of(line.element())) {
            if (l.family() == f) {
                sum += l.weight();
            }
        }
        if (sum <= 0) {
            return 0;
        }
        return shellIonisation(line.element(), f, beamKv) * fluorescenceYield(line.element(), f) * line.weight() / sum;
    }

    private static Map<String, double[]> load() {
        Map<String, double[]> m = new HashMap<>();
        try (InputStream in = XrayProduction.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("resource tessera/edx/" + RESOURCE + " is missing from bundle tessera.edx");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length != 14) {
                    throw new IOException("tessera/edx/" + RESOURCE + ": unexpected line '" + line + "'");
                }
                double[] p = new double[12];
                for (int i = 0; i < 12; i++) {
                    p[i] = Double.parseDouble(f[i + 2]);
                }
                m.put(f[0] + " " + f[1], p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(m);
    }
}
