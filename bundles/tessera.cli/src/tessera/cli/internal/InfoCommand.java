package tessera.cli.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tessera.core.model.Axis;
import tessera.core.io.DatasetHeader;
import tessera.core.io.FileSelector;
import tessera.core.registry.Contribution;
import tessera.core.registry.Registry;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code tessera info FILE [--json]}: shape, dtype, axes and metadata of every dataset in a file, numbered from 0 (the
 * numbers {@code FILE#N} selects), with each dataset's path inside HDF5-based files ({@code FILE#/path}); {@code FILE#N}
 * or {@code FILE#/path} shows that dataset only. The datasets are described by their reader
 * ({@link tessera.core.io.DatasetReader#describe}): HDF5-based files from their headers, without decoding the values.
 */
@Command(name = "info", description = "Show shape, dtype, calibrated axes and metadata of every dataset of a file, numbered for FILE#N "
        + "(FILE#/path for HDF5-based files); FILE#N shows that dataset only.")
final class InfoCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "file to inspect; FILE#N or FILE#/path for one of its datasets")
    Path file;

    @picocli.CommandLine.Mixin
    ReaderOptions readerOptions = new ReaderOptions();

    @Option(names = "--json", description = "print JSON instead of text")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Registry reg = Registry.get();
        FileSelector sel = FileSelector.parse(file);
        Path file = sel.file();
        Contribution reader = reg.formats().readerFor(file);
        List<DatasetHeader> all = reg.formats().describe(file, readerOptions.map());
        List<DatasetHeader> ds = sel.selects() ? List.of(sel.select(all, DatasetHeader::metadata)) : all;
        if (json) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("file", file.toString());
            root.put("reader", reader.id());
            List<Object> list = new ArrayList<>();
            for (DatasetHeader d : ds) {
                list.add(describe(d));
            }
            root.put("datasets", list);
            ObjectMapper om = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
            System.out.println(om.writeValueAsString(root));
            return 0;
        }
        System.out.println(file + "  (" + reader.name() + ", " + reader.id() + ")");
        for (int i = 0; i < ds.size(); i++) {
            DatasetHeader d = ds.get(i);
            System.out.printf("dataset %d: %s%n", sel.selects() ? all.indexOf(d) : i, d.metadata().title());
            if (d.metadata().get(FileSelector.PATH_KEY) != null) {
                System.out.println("  path " + d.metadata().get(FileSelector.PATH_KEY));
            }
            System.out.printf("  shape %s  dtype %s  signal type %s%n", java.util.Arrays.toString(d.shape()), d.dtype().numpyName(),
                    d.metadata().signalType());
            for (Axis a : d.axes()) {
                System.out.printf("  %-4s %-18s size %6d  scale %-12.6g offset %-12.6g %s%n", a.navigate() ? "nav" : "sig", a.name(), a.size(),
                        a.scale(), a.offset(), a.units());
            }
            d.metadata().beamEnergyKv().ifPresent(v -> System.out.printf("  beam energy %.6g kV%n", v));
            d.metadata().convergenceAngleMrad().ifPresent(v -> System.out.printf("  convergence semi-angle %.6g mrad%n", v));
            d.metadata().collectionAngleMrad().ifPresent(v -> System.out.printf("  collection semi-angle %.6g mrad%n", v));
            d.metadata().exposureS().ifPresent(v -> System.out.printf("  exposure %.6g s%n", v));
            d.metadata().liveTimeS().ifPresent(v -> System.out.printf("  live time %.6g s%n", v));
            if (!d.metadata().elements().isEmpty()) {
                System.out.println("  elements " + String.join(", ", d.metadata().elements()));
            }
        }
        return 0;
    }

    private static Map<String, Object> describe(DatasetHeader d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", d.metadata().title());
        m.put("shape", d.shape());
        m.put("dtype", d.dtype().numpyName());
        m.put("signal_type", d.metadata().signalType().name());
        List<Object> axes = new ArrayList<>();
        for (Axis a : d.axes()) {
            Map<String, Object> am = new LinkedHashMap<>();
            am.put("name", a.name());
            am.put("size", a.size());
            am.put("scale", a.scale());
            am.put("offset", a.offset());
            am.put("units", a.units());
            am.put("navigate", a.navigate());
            axes.add(am);
        }
        m.put("axes", axes);
        m.put("metadata", sanitize(d.metadata().tree()));
        return m;
    }

    /** Replaces values Jackson cannot write (non-finite doubles) by strings. */
    @SuppressWarnings("unchecked")
    private static Object sanitize(Object o) {
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> c = new LinkedHashMap<>();
            ((Map<String, Object>) m).forEach((k, v) -> c.put(k, sanitize(v)));
            return c;
        }
        if (o instanceof Double d && !Double.isFinite(d)) {
            return d.toString();
        }
        if (o instanceof List<?> l) {
            return l.stream().map(InfoCommand::sanitize).toList();
        }
        return o;
    }
}
