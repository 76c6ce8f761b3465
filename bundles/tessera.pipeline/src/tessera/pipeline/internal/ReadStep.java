package tessera.pipeline.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.io.FileSelector;
import tessera.core.io.InvalidFileException;
import tessera.core.model.Dataset;
import tessera.pipeline.Port;
import tessera.pipeline.PortType;
import tessera.pipeline.Step;
import tessera.pipeline.StepContext;

/**
 * {@code tessera.pipeline.read}: reads a file with the installed readers (format sniffed by
 * magic number, then extension) and picks one dataset: by index or by path inside the file ({@link FileSelector}), or
 * by default the first dataset of the kind asked for (a spectrum image or line scan, spectra, an image, ...).
 */
public final class ReadStep implements Step {
    /** step id */
    public static final String ID = "tessera.pipeline.read";
    /** kind: a spectrum image or line scan */
    public static final String SPECTRUM_IMAGE = "spectrum-image";
    /** kind: one spectrum or a stack of spectra */
    public static final String SPECTRA = "spectra";
    /** kind: spectral data of any navigation shape: one spectrum, a line scan or a spectrum image */
    public static final String ANY_SPECTRA = "any-spectra";
    /** kind: one 2-D image (two signal axes, no navigation axis) */
    public static final String IMAGE = "image";
    /** kind: an image series (two signal axes, one navigation axis: frames) */
    public static final String IMAGE_SERIES = "image-series";
    /** kind: the first spectrum image or line scan, else the first single 2-D image (what a viewer opens) */
    public static final String AUTO = "auto";

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(ParameterSpec.ofInt("dataset", -1, -1, null,
                "index of the dataset in the file (as tessera info numbers them, from 0; FILE#N on the command line); -1 = by path, or the first dataset of the 'kind' asked for"),
                ParameterSpec.ofString("options", "", "options of the file's reader as NAME=VALUE pairs separated by commas, e.g. "
                        + "downsample=2,cutoff_at_kV=10 for a Bruker BCF (tessera plugins lists each reader's options); empty = the reader's defaults"),
                ParameterSpec.ofString("path", "", "for HDF5-based files: the dataset (or signal group) at this path inside the file, e.g. /Data/Image/<id> "
                        + "(FILE#/path on the command line); empty = by index or kind"),
                ParameterSpec.ofChoice("kind", SPECTRUM_IMAGE, List.of(SPECTRUM_IMAGE, SPECTRA, ANY_SPECTRA, IMAGE, IMAGE_SERIES, AUTO),
                        "with dataset = -1: the first spectrum image or line scan (one signal axis, one or two navigation axes), or the first "
                                + "set of spectra (one signal axis, at most one navigation axis: one spectrum or a stack such as endmember spectra [k, nE]), "
                                + "or the spectral dataset of any of these shapes with the most navigation axes, the first of equals (any-spectra: one signal axis, at most two navigation axes: a spectrum image before a line scan before a spectrum), "
                                + "or the first single 2-D image (image: two signal axes, no navigation axis), "
                                + "or the first image series (image-series: two signal axes, one navigation axis of frames), "
                                + "or the first spectrum image, else the first single image, else a single spectrum (auto)"));
    }

    @Override
    public List<LiteratureReference> references() {
        return List.of(new LiteratureReference("The format specifications cited by the installed readers (tessera plugins)", ""));
    }

    @Override
    public List<Port> inputs() {
        return List.of(Port.of("file", PortType.FILE, "a file in any format an installed reader opens"));
    }

    @Override
    public List<Port> outputs() {
        return List.of(Port.of("data", PortType.DATASET, "the dataset, with its calibrated axes and metadata"));
    }

    @Override
    public Map<String, Object> execute(StepContext context, Map<String, Object> inputs, Parameters parameters) throws Exception {
        Path file = (Path) inputs.get("file");
        long t0 = System.nanoTime();
        List<Dataset> all = context.registry().formats().read(file, parseOptions(file, parameters.getString("options")));
        int index = parameters.getInt("dataset");
        String path = parameters.getString("path");
        Dataset d;
        if (index >= 0 && path != null && !path.isEmpty()) {
            throw new InvalidFileException(file, "select a dataset by index (" + index + ") or by path (" + path + "), not both");
        }
        if (index >= 0 || (path != null && !path.isEmpty())) {
            d = new FileSelector(file, index, index >= 0 ? null : path).select(all);
        } else {
            d = switch (parameters.getString("kind")) {
                case SPECTRA -> pickSpectra(file, all);
                case ANY_SPECTRA -> tessera.core.registry.FileFormats.pickSpectra(file, all);
                case IMAGE -> pickImage(file, all);
                case IMAGE_SERIES -> pickSeries(file, all);
                case AUTO -> all.stream().anyMatch(x -> x.signalAxes().size() == 1 && x.navigationDimension() >= 1 && x.navigationDimension() <= 2)
                        ? pickSpectrumImage(file, all)
                        : all.stream().anyMatch(x -> x.signalAxes().size() == 2 && x.navigationDimension() == 0) ? pickImage(file, all) : tessera.core.registry.FileFormats.pickSpectra(file, all);
                default -> pickSpectrumImage(file, all);
            };
        }
        if (d.metadata().get("General.original_filename") == null) {
            d.metadata().set("General.original_filename", file.getFileName().toString());
        }
        context.log(String.format("read %s in %.1f s: %s", file, (System.nanoTime() - t0) / 1e9, d));
        return Map.of("data", d);
    }

    /**
     * The read step's parameters for reader options: {@code options} as {@code NAME=VALUE} pairs joined by commas, in
     * the given order; none when empty.
     *
     * @param readOptions reader options by name
     * @return a parameter map for the read step ({@code options} only)
     */
    public static Map<String, Object> options(Map<String, String> readOptions) {
        if (readOptions == null || readOptions.isEmpty()) {
            return Map.of();
        }
        StringBuilder b = new StringBuilder();
        readOptions.forEach((k, v) -> b.append(b.length() == 0 ? "" : ",").append(k).append('=').append(v));
        return Map.of("options", b.toString());
    }

    /** {@code a=1,b=x} → {a: "1", b: "x"}; the reader validates names and values. */
    static Map<String, String> parseOptions(Path file, String s) throws InvalidFileException {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        if (s == null || s.isBlank()) {
            return m;
        }
        for (String kv : s.split(",")) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new InvalidFileException(file, "reader option '" + kv.trim() + "' is not NAME=VALUE");
            }
            m.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
        }
        return m;
    }

    private static Dataset pickSpectra(Path file, List<Dataset> all) throws InvalidFileException {
        for (Dataset d : all) {
            if (d.signalAxes().size() == 1 && d.navigationDimension() <= 1) {
                return d;
            }
        }
        throw new InvalidFileException(file, "holds no spectrum or stack of spectra (found " + String.join("; ", shapes(all)) + ")");
    }

    private static Dataset pickImage(Path file, List<Dataset> all) throws InvalidFileException {
        for (Dataset d : all) {
            if (d.signalAxes().size() == 2 && d.navigationDimension() == 0) {
                return d;
            }
        }
        throw new InvalidFileException(file, "holds no single 2-D image (found " + String.join("; ", shapes(all)) + ")");
    }

    private static Dataset pickSeries(Path file, List<Dataset> all) throws InvalidFileException {
        for (Dataset d : all) {
            if (d.signalAxes().size() == 2 && d.navigationDimension() == 1) {
                return d;
            }
        }
        throw new InvalidFileException(file, "holds no image series (found " + String.join("; ", shapes(all)) + ")");
    }

    private static List<String> shapes(List<Dataset> all) {
        List<String> found = new ArrayList<>();
        all.forEach(d -> found.add(java.util.Arrays.toString(d.shape()) + " with " + d.navigationDimension() + " navigation and "
                + d.signalAxes().size() + " signal axes"));
        return found;
    }

    private static Dataset pickSpectrumImage(Path file, List<Dataset> all) throws InvalidFileException {
        for (Dataset d : all) {
            if (d.signalAxes().size() == 1 && d.navigationDimension() >= 1 && d.navigationDimension() <= 2) {
                return d;
            }
        }
        throw new InvalidFileException(file, "holds no spectrum image or line scan (found " + String.join("; ", shapes(all)) + ")");
    }
}
