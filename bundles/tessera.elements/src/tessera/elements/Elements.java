package tessera.elements;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Chemical elements Z = 1..95 (H..Am): symbols, standard atomic weights and densities of the elemental solids.
 * <p>
 * Sources: the atomic weights are IUPAC's standard atomic weights (CIAAW, Pure Appl. Chem. 83 (2011) 359,
 * doi:10.1351/PAC-REP-10-09-14), the densities those of the CRC Handbook of Chemistry and Physics at room
 * temperature; both as tabulated in HyperSpy's element database and re-encoded as facts by
 * {@code bundles/tessera.elements/tools/elements_encode.py} into {@code tessera/elements/elements.tsv}.
 */
public final class Elements {

    private static final String RESOURCE = "elements.tsv";
    private static final List<String> SYMBOLS;
    private static final double[] WEIGHT;
    private static final double[] DENSITY;

    static {
        List<String> s = new ArrayList<>();
        List<double[]> v = new ArrayList<>();
        try (InputStream in = Elements.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("resource tessera/elements/" + RESOURCE + " is missing from bundle tessera.elements");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length != 4 || Integer.parseInt(f[0]) != s.size() + 1) {
                    throw new IOException("tessera/elements/" + RESOURCE + ": unexpected line '" + line + "'");
                }
                s.add(f[1]);
                v.add(new double[] { Double.parseDouble(f[2]), f[3].isEmpty() ? Double.NaN : Double.parseDouble(f[3]) });
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SYMBOLS = List.copyOf(s);
        WEIGHT = v.stream().mapToDouble(a -> a[0]).toArray();
        DENSITY = v.stream().mapToDouble(a -> a[1]).toArray();
    }

    private Elements() {
    }

    /**
     * @param symbol element symbol, e.g. {@code "Fe"} (case-sensitive)
     * @return atomic number Z
     * @throws IllegalArgumentException if the symbol is not one of H..Am
     */
    public static int z(String symbol) {
        int i = SYMBOLS.indexOf(symbol);
        if (i < 0) {
            throw new IllegalArgumentException("unknown element symbol '" + symbol + "' (known: H..Am)");
        }
        return i + 1;
    }

    /**
     * @param z atomic number, 1..95
     * @return the element symbol
     * @throws IllegalArgumentException if z is outside 1..95
     */
    public static String symbol(int z) {
        if (z < 1 || z > SYMBOLS.size()) {
            throw new IllegalArgumentException("atomic number " + z + " outside 1.." + SYMBOLS.size());
        }
        return SYMBOLS.get(z - 1);
    }

    /** @return every symbol, in order of Z (H..Am) */
    public static List<String> symbols() {
        return SYMBOLS;
    }

    /**
     * @param symbol element symbol
     * @return standard atomic weight in g/mol
     * @throws IllegalArgumentException for an unknown symbol
     */
    public static double atomicWeight(String symbol) {
        return WEIGHT[z(symbol) - 1];
    }

    /**
     * @param symbol element symbol
     * @return density of the elemental solid (gases: at STP) in g/cm³, or NaN where none is tabulated
     * @throws IllegalArgumentException for an unknown symbol
     */
    public static double density(String symbol) {
        return DENSITY[z(symbol) - 1];
    }
}
