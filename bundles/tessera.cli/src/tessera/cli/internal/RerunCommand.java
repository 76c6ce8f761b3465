package tessera.cli.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tessera.core.registry.Registry;
import tessera.pipeline.PipelineEngine;
import tessera.pipeline.Rerun;
import tessera.pipeline.RunOptions;
import tessera.pipeline.RunResult;
import tessera.provenance.RecordStore;
import tessera.provenance.model.Record;
import tessera.script.ScriptRerun;
import tessera.script.ScriptRunner;

/**
 * {@code tessera rerun RECORD [--out DIR] [--verify] [--allow-version-drift]}: re-executes a
 * recorded pipeline with its recorded parameters and seeds on its recorded inputs ({@link Rerun}),
 * refusing with the cause when an input changed, a step or parameter is unknown, or a bundle's
 * version differs; with {@code --verify}, compares every output's hash with the record. A record of a
 * script run ({@code tessera script}, {@code tessera shell}) re-executes the script ({@link ScriptRerun}).
 */
@Command(name = "rerun", description = { "Re-execute a provenance record exactly; --verify compares every output hash with the record." })
final class RerunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RECORD", description = "a provenance record (provenance.xmi)")
    Path recordFile;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "tessera-rerun", description = "output directory (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--verify", description = "compare every output's SHA-256 with the record; exit 6 on any mismatch")
    boolean verify;

    @Option(names = "--allow-version-drift", description = "re-run although a step's bundle version differs from the record (recorded in the new record)")
    boolean allowDrift;

    @Option(names = "--input", paramLabel = "NAME=FILE", description = "use FILE for the recorded input NAME (moved data); its hash must still match")
    List<String> inputs = List.of();

    @Override
    public Integer call() throws Exception {
        return Records.rerun(this);
    }

    /**
     * The command's work, typed with the EMF provenance model, kept out of the command class: picocli reflects over (and
     * so links) every command class when it builds the command line, and a {@link Record} in the command's own code
     * would load and activate EMF for every command ({@code tessera info} and {@code tessera plugins} included).
     */
    private static final class Records {
        private Records() {
        }

        /** Re-executes the record of {@code cmd}; returns the exit code. */
        static int rerun(RerunCommand cmd) throws Exception {
            StderrProgress progress = new StderrProgress(System.err);
            Record record = RecordStore.load(cmd.recordFile);
            PipelineEngine engine = new PipelineEngine(Registry.get());
            java.util.Map<String, Path> overrides = new java.util.LinkedHashMap<>();
            for (String g : cmd.inputs) {
                int eq = g.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("--input " + g + ": give NAME=FILE");
                }
                overrides.put(g.substring(0, eq), Path.of(g.substring(eq + 1)));
            }
            if (ScriptRerun.handles(record)) {
                return rerunScript(cmd, engine, record, overrides, progress);
            }
            Rerun.Prepared p = Rerun.prepare(engine.catalog(), record, cmd.recordFile, cmd.allowDrift, overrides);
            for (String d : p.drift()) {
                progress.stage("version drift allowed: " + d);
            }
            RunResult r = engine.run(p.plan(), cmd.recordFile + " (plan)", p.inputs(), cmd.out,
                    new RunOptions(progress, progress::stage, null, cmd.recordFile, p.drift()));
            progress.stage("re-ran " + p.plan().steps().size() + " steps -> " + r.outDir() + " (record: " + r.recordFile().getFileName() + ")");
            if (!cmd.verify) {
                return 0;
            }
            return verify(record, r.record());
        }

        /** Re-executes the script of a script record ({@link ScriptRerun}) into the command's {@code --out} folder. */
        static int rerunScript(RerunCommand cmd, PipelineEngine engine, Record record, java.util.Map<String, Path> overrides, StderrProgress progress)
                throws Exception {
            Path recordFile = cmd.recordFile;
            Path out = cmd.out;
            ScriptRerun.Prepared p = ScriptRerun.prepare(engine.catalog(), record, recordFile, cmd.allowDrift, overrides);
            for (String d : p.drift()) {
                progress.stage("version drift allowed: " + d);
            }
            ScriptRunner.Result r = ScriptRerun.run(Registry.get(), p, recordFile, out, System.out, System.err, progress::stage, progress);
            System.out.flush();
            if (!r.succeeded()) {
                return ScriptCommand.report(r, false, "record");
            }
            progress.stage("re-ran " + p.language().displayName() + " script " + p.label() + " -> " + out.toAbsolutePath().normalize() + " (record: "
                    + r.recordFile().getFileName() + ")");
            if (!cmd.verify) {
                return 0;
            }
            return verify(record, r.record());
        }

        /** Prints the hash check of every output of {@code again} against {@code record}; returns the exit code. */
        static int verify(Record record, Record again) {
            int bad = 0;
            for (Rerun.Check c : Rerun.verify(record, again)) {
                System.out.printf("%-8s %s  %s%n", c.matches() ? "match" : "MISMATCH", c.output(),
                        c.matches() ? Rerun.shortHash(c.now()) : Rerun.shortHash(c.recorded()) + " recorded, " + Rerun.shortHash(c.now()) + " now");
                bad += c.matches() ? 0 : 1;
            }
            System.out.println(bad == 0 ? "verify: every output matches the record" : "verify: " + bad + " output(s) differ from the record");
            return bad == 0 ? 0 : TesseraCommand.EXIT_VERIFY_MISMATCH;
        }
    }
}
