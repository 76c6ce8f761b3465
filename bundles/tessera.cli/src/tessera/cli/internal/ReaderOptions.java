package tessera.cli.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import picocli.CommandLine.Option;

/**
 * The input reader's options ({@code --read-option NAME=VALUE}, repeatable; a picocli mixin of {@code analyze},
 * {@code map}, {@code info} and {@code export}): passed to the reader that opens the file, which validates them
 * ({@code tessera.core.io.DatasetReader#options()}; {@code tessera plugins} lists each reader's). In a pipeline they
 * are the read step's {@code options} parameter, so the record holds them.
 */
final class ReaderOptions {
    @Option(names = "--read-option", paramLabel = "NAME=VALUE", description = "an option of the file's reader, e.g. downsample=2 or "
            + "cutoff_at_kV=10 for a Bruker BCF (repeatable; tessera plugins lists each reader's options)")
    Map<String, String> values = new LinkedHashMap<>();

    /** @return the options given, in order (empty: the reader's defaults) */
    Map<String, String> map() {
        return values == null ? Map.of() : values;
    }
}
