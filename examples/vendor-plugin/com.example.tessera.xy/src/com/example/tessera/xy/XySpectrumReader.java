package com.example.tessera.xy;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tessera.core.io.DatasetReader;
import tessera.core.io.InvalidFileException;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;

/**
 * Reads "XY" text spectra as many spectrometer vendors export them: one spectrum, two
 * whitespace- or comma-separated columns (energy, intensity), lines starting with
 * {@code #} are comments, and {@code # key: value} comment lines carry a header
 * ({@code title}, {@code signal_type}, {@code units}, {@code beam_energy} in kV).
 *
 * <p>The energy column must be uniformly spaced (relative deviation below 1e-3 of the
 * step), because Tessera axes are linear: the axis is {@code offset = E[0]},
 * {@code scale = (E[n-1] - E[0]) / (n - 1)}. Result: a float64 dataset of shape
 * {@code [n]} with one signal axis named "Energy" (units from the header, default eV).
 *
 * <p>This bundle is an example of a vendor plug-in: it imports only Tessera's exported
 * API packages {@code tessera.core.io} and {@code tessera.core.model}.
 */
public final class XySpectrumReader implements DatasetReader {
    private static final long MAX_LINES = 50_000_000L;

    /** Creates the (stateless) reader. */
    public XySpectrumReader() {
        // stateless
    }

    /**
     * Reads the spectrum.
     *
     * @param file an XY text file
     * @return one dataset, shape {@code [n]}, float64
     * @throws InvalidFileException if a data line is not two numbers, there are fewer than 2 points, or the
     *         energy column is not uniformly spaced
     * @throws IOException on an I/O error
     */
    @Override
    public List<Dataset> read(Path file) throws IOException {
        Map<String, String> header = new LinkedHashMap<>();
        List<double[]> rows = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            long no = 0;
            while ((line = r.readLine()) != null) {
                if (++no > MAX_LINES) {
                    throw new InvalidFileException(file, "more than " + MAX_LINES + " lines");
                }
                String s = line.strip();
                if (s.isEmpty()) {
                    continue;
                }
                if (s.startsWith("#")) {
                    int c = s.indexOf(':');
                    if (c > 1) {
                        header.put(s.substring(1, c).strip().toLowerCase(Locale.ROOT), s.substring(c + 1).strip());
                    }
                    continue;
                }
                String[] f = s.split("[\\s,;]+");
                if (f.length != 2) {
                    throw new InvalidFileException(file, "line " + no + " has " + f.length + " columns, expected 2 (energy, intensity)");
                }
                try {
                    rows.add(new double[] { Double.parseDouble(f[0]), Double.parseDouble(f[1]) });
                } catch (NumberFormatException e) {
                    throw new InvalidFileException(file, "line " + no + " is not two numbers: '" + s + "'");
                }
            }
        }
        int n = rows.size();
        if (n < 2) {
            throw new InvalidFileException(file, "has " + n + " data point(s); a spectrum needs at least 2");
        }
        double e0 = rows.get(0)[0];
        double scale = (rows.get(n - 1)[0] - e0) / (n - 1);
        if (scale == 0) {
            throw new InvalidFileException(file, "energy column is constant");
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double expected = e0 + i * scale;
            if (Math.abs(rows.get(i)[0] - expected) > 1e-3 * Math.abs(scale)) {
                throw new InvalidFileException(file, "energy column is not uniformly spaced at line " + (i + 1) + " of the data");
            }
            y[i] = rows.get(i)[1];
        }
        Metadata md = new Metadata();
        md.title(header.getOrDefault("title", file.getFileName().toString()));
        if (header.containsKey("signal_type")) {
            md.set(Metadata.SIGNAL_TYPE, header.get("signal_type"));
        }
        if (header.containsKey("beam_energy")) {
            try {
                md.set(Metadata.BEAM_ENERGY, Double.parseDouble(header.get("beam_energy")));
            } catch (NumberFormatException e) {
                throw new InvalidFileException(file, "beam_energy '" + header.get("beam_energy") + "' is not a number");
            }
        }
        md.original().putAll(header);
        Axis energy = new Axis("Energy", n, scale, e0, header.getOrDefault("units", "eV"), false);
        return List.of(Dataset.ofDoubles(y, List.of(energy), md));
    }
}
