package tessera.eels.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tessera.core.io.InvalidFileException;
import tessera.eels.sim.Phantom.Disc;
import tessera.eels.sim.Phantom.Everywhere;
import tessera.eels.sim.Phantom.Region;
import tessera.eels.sim.Phantom.Shape;
import tessera.eels.sim.Phantom.Spec;
import tessera.eels.sim.Phantom.Stripe;
import tessera.eels.xsection.Microscope;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads a {@link Spec} from JSON ({@link Spec#read(Path, boolean)} describes the format). */
final class PhantomSpecReader {

    private static final Set<String> TOP = Set.of("width", "height", "offsetEv", "scaleEv", "channels", "beamKv",
            "convergenceMrad", "collectionMrad", "meanFreePathNm", "atomDensityPerNm3", "electronsPerPixel",
            "backgroundCounts", "backgroundExponent", "zlpFwhmEv", "plasmonEv", "plasmonWidthEv", "plasmonOrders",
            "regions");

    private final Path file;

    private PhantomSpecReader(Path file) {
        this.file = file;
    }

    static Spec read(Path file, boolean noise) throws IOException {
        return new PhantomSpecReader(file).parse(noise);
    }

    private Spec parse(boolean noise) throws IOException {
        String text = Files.readString(file);
        JsonNode root;
        try {
            root = JsonMapper.builder().build().readTree(text);
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            String why = e.getOriginalMessage();
            // Jackson appends where the open bracket was, with an unhelpful source description: keep the first part
            int cut = why.indexOf(" (start marker at");
            why = cut > 0 ? why.substring(0, cut) : why;
            throw new InvalidFileException(file, "not valid JSON" + (at != null ? " at line " + at.getLineNr() + ", column "
                    + at.getColumnNr() : "") + ": " + why.lines().findFirst().orElse(why), e);
        }
        if (root == null || !root.isObject()) {
            throw bad("the top level must be a JSON object");
        }
        keys(root, TOP, "");
        Spec d = Spec.example(noise);
        Microscope m = d.microscope();
        JsonNode rs = root.get("regions");
        if (rs == null || !rs.isArray() || rs.isEmpty()) {
            throw bad("'regions' must be a non-empty array of regions");
        }
        List<Region> regions = new ArrayList<>();
        for (int i = 0; i < rs.size(); i++) {
            regions.add(region(rs.get(i), "regions[" + i + "]"));
        }
        try {
            return new Spec(integer(root, "width", d.width(), ""), integer(root, "height", d.height(), ""),
                    number(root, "offsetEv", d.offsetEv(), ""), number(root, "scaleEv", d.scaleEv(), ""),
                    integer(root, "channels", d.channels(), ""),
                    new Microscope(number(root, "beamKv", m.beamKv(), ""),
                            number(root, "convergenceMrad", m.convergenceMrad(), ""),
                            number(root, "collectionMrad", m.collectionMrad(), "")),
                    regions, number(root, "meanFreePathNm", d.meanFreePathNm(), ""),
                    number(root, "atomDensityPerNm3", d.atomDensityPerNm3(), ""),
                    number(root, "electronsPerPixel", d.electronsPerPixel(), ""),
                    number(root, "backgroundCounts", d.backgroundCounts(), ""),
                    number(root, "backgroundExponent", d.backgroundExponent(), ""),
                    number(root, "zlpFwhmEv", d.zlpFwhmEv(), ""), number(root, "plasmonEv", d.plasmonEv(), ""),
                    number(root, "plasmonWidthEv", d.plasmonWidthEv(), ""),
                    integer(root, "plasmonOrders", d.plasmonOrders(), ""), noise);
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
    }

    private Region region(JsonNode r, String where) throws InvalidFileException {
        if (!r.isObject()) {
            throw bad(where + " must be an object");
        }
        keys(r, Set.of("name", "shape", "composition", "tOverLambda"), where + ".");
        String name = r.has("name") ? text(r.get("name"), where + ".name") : where;
        JsonNode s = r.get("shape");
        Shape shape;
        if (s == null) {
            throw bad(where + ": missing 'shape' ({\"type\": \"disc\"|\"stripe\"|\"everywhere\", ...})");
        }
        if (!s.isObject() || !s.has("type")) {
            throw bad(where + ".shape must be an object with a 'type' (disc, stripe, everywhere)");
        }
        String type = text(s.get("type"), where + ".shape.type");
        String sw = where + ".shape.";
        switch (type) {
            case "disc" -> {
                keys(s, Set.of("type", "cx", "cy", "radius"), sw);
                shape = new Disc(required(s, "cx", sw), required(s, "cy", sw), required(s, "radius", sw));
            }
            case "stripe" -> {
                keys(s, Set.of("type", "x0", "x1"), sw);
                shape = new Stripe((int) requiredInteger(s, "x0", sw), (int) requiredInteger(s, "x1", sw));
            }
            case "everywhere" -> {
                keys(s, Set.of("type"), sw);
                shape = new Everywhere();
            }
            default -> throw bad(where + ".shape.type: unknown shape '" + type + "' (disc, stripe, everywhere)");
        }
        JsonNode c = r.get("composition");
        if (c == null || !c.isObject() || c.isEmpty()) {
            throw bad(where + ": 'composition' must be a non-empty object of element → atomic fraction");
        }
        Map<String, Double> fractions = new LinkedHashMap<>();
        for (String el : c.propertyNames()) {
            fractions.put(el, required(c, el, where + ".composition."));
        }
        double tl = required(r, "tOverLambda", where + ".");
        try {
            return new Region(name, shape, fractions, tl);
        } catch (IllegalArgumentException e) {
            throw bad(where + ": " + e.getMessage());
        }
    }

    private void keys(JsonNode o, Set<String> allowed, String where) throws InvalidFileException {
        for (String k : o.propertyNames()) {
            if (!allowed.contains(k)) {
                throw bad(where + k + ": unknown key (allowed: " + allowed.stream().sorted().toList() + ")");
            }
        }
    }

    private String text(JsonNode n, String where) throws InvalidFileException {
        if (!n.isString()) {
            throw bad(where + " must be a string, got " + n);
        }
        return n.asString();
    }

    private double required(JsonNode o, String key, String where) throws InvalidFileException {
        if (!o.has(key)) {
            throw bad(where + key + ": missing");
        }
        return number(o, key, Double.NaN, where);
    }

    private long requiredInteger(JsonNode o, String key, String where) throws InvalidFileException {
        if (!o.has(key)) {
            throw bad(where + key + ": missing");
        }
        return integer(o, key, 0, where);
    }

    private double number(JsonNode o, String key, double def, String where) throws InvalidFileException {
        JsonNode n = o.get(key);
        if (n == null) {
            return def;
        }
        if (!n.isNumber()) {
            throw bad(where + key + " must be a number, got " + n);
        }
        return n.asDouble();
    }

    private int integer(JsonNode o, String key, int def, String where) throws InvalidFileException {
        JsonNode n = o.get(key);
        if (n == null) {
            return def;
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw bad(where + key + " must be an integer, got " + n);
        }
        return n.asInt();
    }

    private InvalidFileException bad(String problem) {
        return new InvalidFileException(file, problem);
    }
}
