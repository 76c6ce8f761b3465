import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import tessera.core.io.DatasetReader;
import tessera.core.model.Dataset;

/**
 * Tessera side of benchmarks/io_report_vs_hyperspy.sh: reads each file with Tessera's reader (.hspy: HspyReader, .dm3/.dm4:
 * DmReader), data in memory, in this one JVM: the first read (what one {@code tessera analyze} pays) and the median of
 * REPEAT reads. Usage: {@code java IoBench REPEAT FILE...}; prints one line per file: {@code <file> first <s> median <s>}.
 */
public final class IoBench {
    private IoBench() {
    }

    /**
     * @param args REPEAT, then the files
     * @throws Exception if a file cannot be read
     */
    public static void main(String[] args) throws Exception {
        int repeat = Integer.parseInt(args[0]);
        for (String f : Arrays.copyOfRange(args, 1, args.length)) {
            DatasetReader r = f.endsWith(".hspy") ? new tessera.io.hspy.internal.HspyReader() : new tessera.io.gatan.internal.DmReader();
            double[] t = new double[repeat];
            for (int i = 0; i < repeat; i++) {
                long t0 = System.nanoTime();
                List<Dataset> d = r.read(Path.of(f));
                t[i] = (System.nanoTime() - t0) / 1e9;
                if (d.isEmpty()) {
                    throw new IllegalStateException("nothing read from " + f);
                }
            }
            double first = t[0];
            Arrays.sort(t);
            System.out.printf(java.util.Locale.ROOT, "%s first %.3f median %.3f%n", f, first, t[repeat / 2]);
        }
    }
}
