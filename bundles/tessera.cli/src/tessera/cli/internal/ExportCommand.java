package tessera.cli.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tessera.core.io.FileSelector;
import tessera.core.io.InvalidFileException;
import tessera.core.model.Dataset;
import tessera.core.registry.FileFormats;
import tessera.core.registry.Registry;

/** {@code tessera export FILE OUT.(npy|hspy)}: converts a dataset with the writer chosen by OUT's extension. */
@Command(name = "export", description = "Convert a file's dataset to another format (by the output extension: npy, hspy).")
final class ExportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "input file; FILE#N or FILE#/path selects one of its datasets")
    Path input;

    @Parameters(index = "1", paramLabel = "OUT", description = "output file; its extension picks the writer")
    Path output;

    @picocli.CommandLine.Mixin
    ReaderOptions readerOptions = new ReaderOptions();

    @Option(names = "--index", description = "which dataset of a multi-dataset file (default 0; FILE#N does the same)", defaultValue = "-1")
    int index;

    @Override
    public Integer call() throws Exception {
        FileFormats f = Registry.get().formats();
        FileSelector sel = FileSelector.parse(input);
        Path input = sel.file();
        if (sel.selects() && index >= 0) {
            throw new InvalidFileException(input, "select the dataset with " + sel.suffix() + " or --index, not both");
        }
        var writer = f.writerFor(output);
        if (Files.exists(output) && Files.isSameFile(input, output)) {
            throw new InvalidFileException(output, "output would overwrite the input");
        }
        var all = f.read(input, readerOptions.map());
        Dataset d = sel.selects() ? sel.select(all) : new FileSelector(input, Math.max(index, 0), null).select(all);
        writer.write(d, output);
        System.err.println("wrote " + output + " " + java.util.Arrays.toString(d.shape()) + " " + d.dtype().numpyName());
        return 0;
    }
}
