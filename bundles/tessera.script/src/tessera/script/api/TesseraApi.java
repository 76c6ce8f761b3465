package tessera.script.api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.graalvm.polyglot.HostAccess.Export;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;

import tessera.core.io.FileSelector;
import tessera.core.io.InvalidFileException;
import tessera.core.model.Dataset;
import tessera.core.registry.Registry;
import tessera.pipeline.PipelineDocument;
import tessera.pipeline.RunResult;

/**
 * The global {@code tessera} object of every script and shell, in both languages: loading files,
 * listing the installed plug-ins, running pipeline documents. Everything else is a method of the
 * {@link Signal}s it returns.
 */
public final class TesseraApi {
    /** Tessera's version */
    @Export
    public final String version;
    /** the script's language: {@code js} or {@code python} */
    @Export
    public final String language;

    private final Host host;

    /**
     * @param host the session behind the facade
     */
    public TesseraApi(Host host) {
        this.host = host;
        this.version = Registry.bundleVersion("tessera.script");
        this.language = host.language();
    }

    /**
     * Loads a file as {@link #load(String, Value)} with no options.
     *
     * @param filename the file
     * @return the signal
     */
    @Export
    public Signal load(String filename) {
        return load(filename, null);
    }

    /**
     * Reads a file with the installed readers (format by magic number, then extension), as HyperSpy's
     * {@code hs.load}: step {@code tessera.pipeline.read}; the file is recorded as an input with its SHA-256.
     * The file must be inside the working directory or a path given on the command line.
     *
     * @param filename the file, relative to the working directory; {@code FILE#N} or {@code FILE#/path} selects one of its
     *                 datasets (as on the command line)
     * @param options  {@code dataset}: index of the dataset in the file (default: the first of the {@code kind});
     *                 {@code path}: the dataset's path inside an HDF5-based file; any other keyword is an option of the
     *                 file's reader, as in HyperSpy ({@code downsample=2, cutoff_at_kV=10} for a Bruker BCF; unknown
     *                 names are refused with the reader's list);
     *                 {@code kind}: {@code "spectrum-image"} (default: a spectrum image or line scan), {@code "spectra"},
     *                 {@code "any-spectra"} or {@code "image"} (one 2-D image)
     * @return the signal
     * @throws SecurityException    if the path is outside what the script may read
     * @throws InvalidFileException if the file is missing or no reader can read it
     */
    @Export
    public Signal load(String filename, Value options) {
        Map<String, Object> o = Options.of(options, "load");
        Map<String, Object> p = new LinkedHashMap<>();
        // FILE#N / FILE#/path: the name is cut before the file is looked up, so a re-run (which resolves recorded names) sees the same split
        String name = filename;
        Path file = null;
        SecurityException refused = null;
        try {
            file = host.files().forLoad(filename);
        } catch (SecurityException e) {
            refused = e;
        }
        for (int i = filename.indexOf('#'); i > 0 && (file == null || !Files.isRegularFile(file)); i = filename.indexOf('#', i + 1)) {
            Path candidate;
            try {
                candidate = host.files().forLoad(filename.substring(0, i));
            } catch (SecurityException e) {
                continue;
            }
            if (Files.isRegularFile(candidate)) {
                try {
                    FileSelector sel = FileSelector.parse(Path.of(candidate + filename.substring(i)));
                    if (sel.index() >= 0) {
                        p.put("dataset", (long) sel.index());
                    } else if (sel.path() != null) {
                        p.put("path", sel.path());
                    }
                } catch (InvalidFileException e) {
                    throw new IllegalArgumentException("load('" + filename + "'): " + e.problem(), e);
                }
                name = filename.substring(0, i);
                file = candidate;
            }
        }
        if (file == null) {
            throw refused;
        }
        if (o.get("dataset") != null) {
            p.put("dataset", o.remove("dataset"));
        }
        if (o.get("path") != null) {
            p.put("path", String.valueOf(o.remove("path")));
        }
        if (o.get("kind") != null) {
            p.put("kind", String.valueOf(o.remove("kind")));
        }
        if (!o.isEmpty()) {
            // as hs.load(f, downsample=2): the other keywords are the reader's options (it refuses names it does not know)
            StringBuilder ro = new StringBuilder();
            o.forEach((k, v) -> ro.append(ro.length() == 0 ? "" : ",").append(k).append('=').append(v));
            p.put("options", ro.toString());
        }
        try {
            if (!Files.isRegularFile(file)) {
                throw new InvalidFileException(file, "no such file");
            }
            Path abs = host.record().input(file, name);
            Dataset d = (Dataset) host.record().run("tessera.pipeline.read", Map.of("file", abs), p, host.files().workingDirectory()).get("data");
            return new Signal(host, d);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
    }

    /**
     * Every contribution to Tessera's extension points (readers, writers, decomposers, clusterers, pipeline
     * steps...), as {@code tessera plugins} lists them.
     *
     * @return a list of read-only objects with {@code point}, {@code id}, {@code name}, {@code bundle}, {@code version}
     */
    @Export
    public Object plugins() {
        List<Object> out = new ArrayList<>();
        for (Map<String, Object> row : host.record().catalog().pluginListing()) {
            Map<String, Object> m = new LinkedHashMap<>(row);
            m.remove("attributes");
            out.add(new ReadOnlyTree(m, "a plug-in listing"));
        }
        return ProxyArray.fromList(out);
    }

    /**
     * Runs a pipeline document (docs/pipelines.md) on the pipeline engine, which writes its outputs and
     * its own {@code provenance.xmi} into {@code out}; the run is recorded in the script's record too.
     *
     * @param pipeline the pipeline document (.json)
     * @param inputs   pipeline input name to file ({@code {input: "data.hspy"}}), or a single file name for a
     *                 pipeline with one input
     * @param out      the output directory
     * @return a read-only object: {@code out} (directory), {@code record} (its provenance file), {@code steps} (names)
     * @throws SecurityException if a path is outside what the script may use
     */
    @Export
    public Object run_pipeline(String pipeline, Value inputs, String out) {
        Path doc = host.files().forLoad(pipeline);
        Path dir = host.files().forSave(out);
        try {
            host.record().input(doc, pipeline);
            PipelineDocument d = PipelineDocument.read(doc);
            Map<String, Path> bound = new LinkedHashMap<>();
            if (inputs != null && inputs.isString()) {
                if (d.inputs().size() != 1) {
                    throw new IllegalArgumentException("run_pipeline: " + pipeline + " has inputs " + d.inputs().keySet() + "; give {name: file}");
                }
                bound.put(d.inputs().keySet().iterator().next(), input(inputs.asString()));
            } else {
                for (Map.Entry<String, Object> e : Options.of(inputs, "run_pipeline").entrySet()) {
                    bound.put(e.getKey(), input(String.valueOf(e.getValue())));
                }
            }
            RunResult r = host.record().runPipeline(d, pipeline, bound, dir);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("out", r.outDir().toString());
            m.put("record", r.recordFile().toString());
            List<Object> steps = new ArrayList<>();
            r.plan().steps().forEach(s -> steps.add(s.name()));
            m.put("steps", steps);
            return new ReadOnlyTree(m, "a pipeline run");
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
    }

    private Path input(String asGiven) throws java.io.IOException {
        Path f = host.files().forLoad(asGiven);
        if (!Files.isRegularFile(f)) {
            throw new InvalidFileException(f, "no such file");
        }
        return host.record().input(f, asGiven);
    }

    @Export
    @Override
    public String toString() {
        return "<tessera " + version + " (" + language + ")>";
    }
}
