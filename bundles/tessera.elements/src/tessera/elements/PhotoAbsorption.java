package tessera.elements;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The NIST FFAST photo-absorption tables bundled as {@code tessera/elements/ffast.tsv.gz}: per element the
 * edge onsets (K, L1..L3, M1..M5, N1..N7, O.., P..) and the photoelectric cross section σ_ph(E) in barn/atom on
 * FFAST's energy grid (dense around each edge).
 * <p>
 * Source: C. T. Chantler et al., <i>X-Ray Form Factor, Attenuation and Scattering Tables</i> (FFAST), NIST Standard
 * Reference Database 66, doi:10.18434/T4HS32; C. T. Chantler, J. Phys. Chem. Ref. Data 24 (1995) 71,
 * doi:10.1063/1.555974 and 29 (2000) 597, doi:10.1063/1.1321055. Re-encoded by
 * {@code bundles/tessera.elements/tools/ffast_encode.py} from the per-element files that pyTEMlib distributes
 * ({@code ../shared/data/tables/xrpa_ffast}; 82 elements H..Bi, Cs absent: pyTEMlib's {@code Cs.dat} holds Ce's
 * table, and we go by the symbol in each file's header). σ_ph = [μ/ρ]_photoelectric × the file's barn/atom factor.
 * pyTEMlib's Fe, Co (form factor f1 instead of μ/ρ) and Ca (potassium's data) are replaced by the same Chantler data
 * from XrayDB (M. Newville, github.com/xraypy/XrayDB, public domain), with the files' edge energies.
 */
public final class PhotoAbsorption {

    private static final String RESOURCE = "ffast.tsv.gz";
    private static volatile Map<String, Element> elements;

    /**
     * One element's table.
     *
     * @param symbol element symbol
     * @param z atomic number
     * @param edges subshell name → onset in eV
     * @param energyEv table energies in eV, increasing, shape [n]
     * @param sigmaBarn photo-absorption σ_ph in barn/atom, shape [n]
     */
    public record Element(String symbol, int z, Map<String, Double> edges, double[] energyEv, double[] sigmaBarn) {
    }

    private PhotoAbsorption() {
    }

    /**
     * @param symbol element symbol, e.g. {@code "Ba"}
     * @return its table
     * @throws IllegalArgumentException if the bundled FFAST data has no such element
     * @throws UncheckedIOException if the resource is missing or malformed (a broken build)
     */
    public static Element element(String symbol) {
        Element e = all().get(symbol);
        if (e == null) {
            throw new IllegalArgumentException("no FFAST photo-absorption table for element '" + symbol + "' (available: " + all().keySet() + ")");
        }
        return e;
    }

    /** @return every element, keyed by symbol, in order of Z */
    public static Map<String, Element> all() {
        Map<String, Element> m = elements;
        if (m == null) {
            try (InputStream raw = PhotoAbsorption.class.getResourceAsStream(RESOURCE)) {
                if (raw == null) {
                    throw new IOException("resource tessera/elements/" + RESOURCE + " is missing from bundle tessera.elements");
                }
                m = parse(new GZIPInputStream(raw));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            elements = m;
        }
        return m;
    }

    private static Map<String, Element> parse(InputStream in) throws IOException {
        Map<String, Element> out = new LinkedHashMap<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
        String line;
        int n = 0;
        String symbol = null;
        int z = 0;
        Map<String, Double> edges = null;
        List<double[]> rows = new ArrayList<>();
        while ((line = r.readLine()) != null) {
            n++;
            String[] f = line.split("\t");
            if (line.isBlank()) {
                if (symbol != null) {
                    out.put(symbol, build(symbol, z, edges, rows));
                }
                symbol = null;
                rows.clear();
            } else if (f[0].equals("element") && f.length == 3) {
                symbol = f[1];
                z = Integer.parseInt(f[2]);
            } else if (f[0].equals("edges") && f.length % 2 == 1) {
                Map<String, Double> ordered = new LinkedHashMap<>();
                for (int i = 1; i < f.length; i += 2) {
                    ordered.put(f[i], Double.parseDouble(f[i + 1]));
                }
                edges = ordered;
            } else if (f.length == 2 && symbol != null) {
                rows.add(new double[] { Double.parseDouble(f[0]), Double.parseDouble(f[1]) });
            } else {
                throw new IOException("tessera/elements/" + RESOURCE + " line " + n + ": unexpected '" + line + "'");
            }
        }
        if (symbol != null) {
            out.put(symbol, build(symbol, z, edges, rows));
        }
        return Map.copyOf(out);
    }

    private static Element build(String symbol, int z, Map<String, Double> edges, List<double[]> rows) throws IOException {
        if (edges == null || rows.size() < 2) {
            throw new IOException("tessera/elements/" + RESOURCE + ": element " + symbol + " lacks edges or data");
        }
        double[] e = new double[rows.size()];
        double[] s = new double[rows.size()];
        for (int i = 0; i < e.length; i++) {
            e[i] = rows.get(i)[0];
            s[i] = rows.get(i)[1];
            if (i > 0 && !(e[i] > e[i - 1])) {
                throw new IOException("tessera/elements/" + RESOURCE + ": element " + symbol + " energies not increasing at " + e[i] + " eV");
            }
        }
        return new Element(symbol, z, Map.copyOf(edges), e, s);
    }

    /** Avogadro's number in 1/mol (CODATA 2018, exact) */
    public static final double AVOGADRO = 6.02214076e23;

    /**
     * Photoelectric mass absorption coefficient μ/ρ of an element at an X-ray energy, interpolated log-log in FFAST's
     * table: μ/ρ = σ_ph · N_A / A with σ_ph in cm²/atom (1 barn = 10⁻²⁴ cm²) and A the atomic weight; coherent and
     * incoherent scattering, which are below 1 % of the photoelectric part for soft X-rays in the 0.1–20 keV range
     * EDX uses, are left out.
     *
     * @param symbol   element symbol
     * @param energyEv photon energy in eV, inside the table (FFAST: about 10 eV to 433 keV)
     * @return μ/ρ in cm²/g
     * @throws IllegalArgumentException for an element without an FFAST table or an energy outside it
     */
    public static double massAbsorption(String symbol, double energyEv) {
        Element t = element(symbol);
        double[] e = t.energyEv();
        if (!(energyEv >= e[0] && energyEv <= e[e.length - 1])) {
            throw new IllegalArgumentException("photon energy " + energyEv + " eV outside the FFAST table of " + symbol + " (" + e[0] + "–" + e[e.length - 1] + " eV)");
        }
        int i = java.util.Arrays.binarySearch(e, energyEv);
        double sigma;
        if (i >= 0) {
            sigma = t.sigmaBarn()[i];
        } else {
            int hi = -i - 1;
            int lo = hi - 1;
            double f = Math.log(energyEv / e[lo]) / Math.log(e[hi] / e[lo]);
            double s0 = Math.max(t.sigmaBarn()[lo], Double.MIN_NORMAL);
            double s1 = Math.max(t.sigmaBarn()[hi], Double.MIN_NORMAL);
            sigma = Math.exp(Math.log(s0) + f * Math.log(s1 / s0));
        }
        return sigma * 1e-24 * AVOGADRO / Elements.atomicWeight(symbol);
    }
}
