package tessera.eels;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The core-loss edges (K, L1–L3, M1–M5, N1–N7, O...) of every element with their onset energies (eV) and
 * Major/Minor relevance. 504 edges of 95 elements, loaded from the bundle resource {@code tessera/eels/edges.tsv},
 * whose facts are re-encoded from exspy's {@code eels_binding_energies.json} (hyperspy/exspy, table version 1.0,
 * 2025-06-04), the table HyperSpy uses for its edge markers and {@code EELSSpectrum.add_elements}.
 *
 * <p>Immutable and thread-safe; {@link #standard()} returns one shared instance.
 */
public final class EdgeTable {
    private static final String RESOURCE = "edges.tsv";
    private static volatile EdgeTable standard;

    private final List<Edge> edges;

    private EdgeTable(List<Edge> edges) {
        this.edges = List.copyOf(edges);
    }

    /**
     * @return the table shipped with the bundle
     * @throws UncheckedIOException if the resource is missing or malformed (a broken build)
     */
    public static EdgeTable standard() {
        EdgeTable t = standard;
        if (t == null) {
            try (InputStream in = EdgeTable.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new UncheckedIOException(new IOException("resource tessera/eels/" + RESOURCE + " is missing from bundle tessera.eels"));
                }
                t = parse(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            standard = t;
        }
        return t;
    }

    private static EdgeTable parse(InputStream in) throws IOException {
        List<Edge> list = new ArrayList<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int n = 0;
        while ((line = r.readLine()) != null) {
            n++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            if (f.length != 5) {
                throw new IOException("tessera/eels/" + RESOURCE + " line " + n + ": expected 5 tab-separated fields, found " + f.length);
            }
            list.add(new Edge(f[0], f[1], Double.parseDouble(f[2]), f[3].equals("Major"), f[4]));
        }
        return new EdgeTable(list);
    }

    /** @return every edge, ordered by element symbol, then onset energy */
    public List<Edge> all() {
        return edges;
    }

    /** @return the element symbols, sorted */
    public List<String> elements() {
        return edges.stream().map(Edge::element).distinct().sorted().toList();
    }

    /**
     * Edges with onset in {@code [energy - delta, energy + delta]}.
     *
     * @param energyEv energy loss, eV
     * @param deltaEv half width, eV (≥ 0)
     * @param majorOnly keep only Major edges
     * @return matching edges, nearest onset first
     * @throws IllegalArgumentException if {@code deltaEv} is negative or not finite
     */
    public List<Edge> near(double energyEv, double deltaEv, boolean majorOnly) {
        if (!(deltaEv >= 0) || Double.isInfinite(deltaEv)) {
            throw new IllegalArgumentException("delta must be a finite energy >= 0 eV, got " + deltaEv);
        }
        return edges.stream().filter(e -> Math.abs(e.onsetEv() - energyEv) <= deltaEv && (!majorOnly || e.major()))
                .sorted(Comparator.comparingDouble((Edge e) -> Math.abs(e.onsetEv() - energyEv)).thenComparing(Edge::label)).toList();
    }

    /**
     * Edges of one element with onset in {@code [lowEv, highEv]}.
     *
     * @param element chemical symbol, case as in the periodic table ({@code "Cu"})
     * @param lowEv lower bound, eV
     * @param highEv upper bound, eV
     * @return edges by increasing onset (empty when none lie in the range)
     * @throws IllegalArgumentException if the element is not in the table
     */
    public List<Edge> of(String element, double lowEv, double highEv) {
        List<Edge> all = edges.stream().filter(e -> e.element().equals(element)).toList();
        if (all.isEmpty()) {
            throw new IllegalArgumentException("element '" + element + "' is not in the EELS edge table");
        }
        return all.stream().filter(e -> e.onsetEv() >= lowEv && e.onsetEv() <= highEv).sorted(Comparator.comparingDouble(Edge::onsetEv)).toList();
    }

    /**
     * One edge.
     *
     * @param element chemical symbol
     * @param subshell e.g. {@code "L3"}
     * @return the edge
     * @throws IllegalArgumentException if the table has no such edge
     */
    public Edge edge(String element, String subshell) {
        return edges.stream().filter(e -> e.element().equals(element) && e.subshell().equals(subshell)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no edge " + element + "-" + subshell + " in the EELS edge table"));
    }
}
