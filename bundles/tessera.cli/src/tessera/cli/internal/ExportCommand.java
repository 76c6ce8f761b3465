package tessera.cli.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tessera.core.io.InvalidFileException;
import tessera.core.model.Dataset;
import tessera.core.registry.FileFormats;
import tessera.core.registry.Registry;

/** {@code tessera export FILE OUT.(npy|hspy)}: converts a dataset with the writer chosen by OUT's extension. */
@Command(name = "export", description = "Convert a file's dataset to another format (by the output extension: npy, hspy).")
final class ExportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "input file")
    Path input;

    @Parameters(index = "1", paramLabel = "OUT", description = "output file; its extension picks the writer")
    Path output;

    @Option(names = "--index", description = "which dataset of a multi-dataset file (default 0)", defaultValue = "0")
    int index;

    @Override
    public Integer call() throws Exception {
        FileFormats f = Registry.get().formats();
        var writer = f.writerFor(output);
        if (Files.exists(output) && Files.isSameFile(input, output)) {
            throw new InvalidFileException(output, "output would overwrite the input");
        }
        var all = f.read(input);
        if (index < 0 || index >= all.size()) {
            throw new InvalidFileException(input, "has " + all.size() + " dataset(s); --index " + index + " does not exist");
        }
        Dataset d = all.get(index);
        writer.write(d, output);
        System.err.println("wrote " + output + " " + java.util.Arrays.toString(d.shape()) + " " + d.dtype().numpyName());
        return 0;
    }
}
