package tessera.cli.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tessera.core.registry.Contribution;
import tessera.core.registry.Registry;
import tessera.pipeline.StepCatalog;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code tessera plugins [--json]}: every contribution to Tessera's extension points (those of
 * {@code tessera.core} and the pipeline steps of {@code tessera.pipeline.steps}) with its bundle and version.
 */
@Command(name = "plugins", description = "List every reader, writer and algorithm contribution with its bundle and version.")
final class PluginsCommand implements Callable<Integer> {
    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
        List<Contribution> all = new ArrayList<>(Registry.get().all());
        all.addAll(new StepCatalog(Registry.get()).stepContributions());
        if (json) {
            List<Map<String, Object>> out = new StepCatalog(Registry.get()).pluginListing();
            System.out.println(JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(out));
            return 0;
        }
        System.out.printf("%-14s %-28s %-34s %s%n", "POINT", "ID", "NAME", "BUNDLE (VERSION)");
        for (Contribution c : all) {
            System.out.printf("%-14s %-28s %-34s %s (%s)%n", c.point(), c.id(), c.name(), c.bundle(), c.bundleVersion());
            if (Registry.READERS.equals(c.point())) {
                // a reader's options (--read-option NAME=VALUE), with their defaults
                for (tessera.core.analysis.ParameterSpec p : c.create(tessera.core.io.DatasetReader.class).options()) {
                    System.out.printf("%-14s   --read-option %s=… (default %s): %s%n", "", p.name(),
                            p.defaultValue() == null || "".equals(p.defaultValue()) ? "none" : p.defaultValue(), p.description());
                }
            }
        }
        return 0;
    }
}
