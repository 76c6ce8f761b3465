package tessera.cli.internal;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tessera.provenance.ProvExport;
import tessera.provenance.ProvenanceText;
import tessera.provenance.RecordStore;
import tessera.provenance.model.Record;

/**
 * {@code tessera provenance show RECORD} and {@code tessera provenance export RECORD --format prov-json|prov-n [--out FILE]}:
 * reads a provenance record (XMI, {@link RecordStore}) and prints its step graph ({@link ProvenanceText}) or writes it
 * as W3C PROV-JSON or PROV-N ({@link ProvExport}; to stdout, or atomically to {@code --out}). A missing or damaged
 * record is one error line naming the file (exit 1).
 */
@Command(name = "provenance", description = "Show or export a provenance record (provenance.xmi).",
        subcommands = { ProvenanceCommand.Show.class, ProvenanceCommand.Export.class })
final class ProvenanceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** {@code tessera provenance show RECORD} */
    @Command(name = "show", description = "Print the steps of a record: status, step, bundle@version, parameters, seed, inputs and outputs.")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "RECORD", description = "a provenance record (provenance.xmi)")
        Path record;

        @Override
        public Integer call() throws Exception {
            Record r = RecordStore.load(record);
            PrintWriter out = spec.commandLine().getOut();
            out.print(ProvenanceText.show(r));
            out.flush();
            return 0;
        }
    }

    /** {@code tessera provenance export RECORD --format prov-json|prov-n [--out FILE]} */
    @Command(name = "export", description = "Write a record as W3C PROV-JSON or PROV-N (stdout, or FILE with --out).")
    static final class Export implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "RECORD", description = "a provenance record (provenance.xmi)")
        Path record;

        @Option(names = "--format", required = true, paramLabel = "prov-json|prov-n", description = "PROV-JSON (W3C Member Submission 2013) or PROV-N (W3C Recommendation 2013)")
        String format;

        @Option(names = "--out", paramLabel = "FILE", description = "write to FILE (atomically) instead of stdout")
        Path out;

        @Override
        public Integer call() throws Exception {
            ProvExport.Format f = ProvExport.Format.parse(format);
            Record r = RecordStore.load(record);
            if (out == null) {
                PrintWriter w = spec.commandLine().getOut();
                ProvExport.write(r, f, w);
            } else {
                ProvExport.write(r, f, out);
                spec.commandLine().getErr().println("wrote " + out + " (" + f.cliName() + ")");
            }
            return 0;
        }
    }
}
