package tessera.edx;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The characteristic X-ray lines of the elements H..U (K, L and M families with energies in keV and relative
 * weights within each family), bundled as {@code tessera/edx/xray_lines.tsv}.
 * <p>
 * Source: C. T. Chantler et al., X-Ray Form Factor, Attenuation and Scattering Tables (FFAST) v2.1, NIST Standard
 * Reference Database 66, doi:10.18434/T4HS32, as tabulated in HyperSpy's element database (weights within a
 * family as there); the facts re-encoded by {@code bundles/tessera.edx/tools/xray_lines_encode.py}. Am, Li, Np and Pu
 * have no lines.
 */
public final class XrayLines {

    private static final String RESOURCE = "xray_lines.tsv";
    private static final XrayLines STANDARD = load();

    private final Map<String, List<XrayLine>> byElement;
    private final List<XrayLine> byEnergy;

    private XrayLines(Map<String, List<XrayLine>> byElement) {
        this.byElement = byElement;
        List<XrayLine> all = new ArrayList<>();
        byElement.values().forEach(all::addAll);
        all.sort(Comparator.comparingDouble(XrayLine::energyKev));
        this.byEnergy = List.copyOf(all);
    }

    /** @return the bundled table */
    public static XrayLines standard() {
        return STANDARD;
    }

    /** @return the elements that have lines, in order of Z */
    public List<String> elements() {
        return List.copyOf(byElement.keySet());
    }

    /**
     * @param element element symbol, e.g. {@code "Fe"}
     * @return its lines ordered by family (K, L, M) and energy; empty for an element without tabulated lines
     */
    public List<XrayLine> of(String element) {
        return byElement.getOrDefault(element, List.of());
    }

    /**
     * @param label HyperSpy's line label {@code <element>_<line>}, e.g. {@code Fe_Ka}
     * @return the line
     * @throws IllegalArgumentException if the label is malformed or names no tabulated line (the message lists the
     *                                  element's lines)
     */
    public XrayLine line(String label) {
        String[] p = label.trim().split("_", 2);
        if (p.length != 2) {
            throw new IllegalArgumentException("X-ray line '" + label + "' is not of the form Element_Line, e.g. Fe_Ka");
        }
        Optional<XrayLine> l = of(p[0]).stream().filter(x -> x.name().equals(p[1])).findFirst();
        return l.orElseThrow(() -> new IllegalArgumentException("no X-ray line '" + label + "'" + (of(p[0]).isEmpty() ? " (no lines for element '" + p[0] + "')"
                : " (lines of " + p[0] + ": " + String.join(", ", of(p[0]).stream().map(XrayLine::name).toList()) + ")")));
    }

    /**
     * The lines within a window, as HyperSpy's {@code get_xray_lines_near_energy}.
     *
     * @param energyKev centre in keV
     * @param widthKev  half-width δ in keV (≥ 0)
     * @return the lines with |E − energy| ≤ δ, nearest first
     */
    public List<XrayLine> near(double energyKev, double widthKev) {
        List<XrayLine> out = new ArrayList<>();
        for (XrayLine l : byEnergy) {
            if (Math.abs(l.energyKev() - energyKev) <= widthKev) {
                out.add(l);
            }
        }
        out.sort(Comparator.comparingDouble(l -> Math.abs(l.energyKev() - energyKev)));
        return out;
    }

    /**
     * The lines of an element inside an energy range, strongest family member first per family.
     *
     * @param element element symbol
     * @param lowKev  range start in keV
     * @param highKev range end in keV
     * @return its lines with low ≤ E ≤ high
     */
    public List<XrayLine> of(String element, double lowKev, double highKev) {
        return of(element).stream().filter(l -> l.energyKev() >= lowKev && l.energyKev() <= highKev).toList();
    }

    /**
     * The line HyperSpy maps for an element by default ({@code EDSSpectrum._get_lines_from_elements} with
     * {@code only_one=True, only_lines=("a",)}): the α lines (Kα, Lα, Mα) strictly inside (low, min(high, beam)), in
     * alphabetical order of their names (so K before L before M); the first whose energy is below half the beam
     * energy (an overvoltage of at least 2), else the last of them.
     *
     * @param element   element symbol
     * @param lowKev    energy-axis start in keV
     * @param highKev   energy-axis end in keV
     * @param beamKv    beam energy in kV (lines at or above it are not excited)
     * @return the line, or empty if the element has no α line in the range below the beam energy
     */
    public Optional<XrayLine> defaultLine(String element, double lowKev, double highKev, double beamKv) {
        double high = Math.min(highKev, beamKv);
        List<XrayLine> c = new ArrayList<>(of(element).stream().filter(XrayLine::alpha).filter(l -> l.energyKev() > lowKev && l.energyKev() < high).toList());
        if (c.isEmpty()) {
            return Optional.empty();
        }
        c.sort(Comparator.comparing(XrayLine::name));
        for (XrayLine l : c) {
            if (l.energyKev() < beamKv / 2) {
                return Optional.of(l);
            }
        }
        return Optional.of(c.get(c.size() - 1));
    }

    private static XrayLines load() {
        Map<String, List<XrayLine>> m = new LinkedHashMap<>();
        try (InputStream in = XrayLines.class.getResourceAsStream(RESOURCE)) {
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
                if (f.length != 4) {
                    throw new IOException("tessera/edx/" + RESOURCE + ": unexpected line '" + line + "'");
                }
                m.computeIfAbsent(f[0], k -> new ArrayList<>()).add(new XrayLine(f[0], f[1], Double.parseDouble(f[2]), Double.parseDouble(f[3])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        m.replaceAll((k, v) -> List.copyOf(v));
        return new XrayLines(m);
    }
}
