package tessera.provenance.tests;

import java.nio.file.Path;

import tessera.provenance.RecordStore;
import tessera.provenance.model.Record;

/**
 * Child process of {@link CrashSafetyTest}, run as plain Java (no OSGi): saves two large records ("A" and "B")
 * alternately to the same file, forever, announcing each save on stdout ({@code writing A}, then
 * {@code saved A <milliseconds>}), until it is killed.
 */
public final class SaveLoopMain {
    private SaveLoopMain() {
    }

    /**
     * @param args target file, number of entities per record
     * @throws Exception on any failure (the parent then sees the process end by itself)
     */
    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        Record a = TestRecords.large("A", n);
        Record b = TestRecords.large("B", n);
        System.out.println("ready");
        System.out.flush();
        for (long i = 0;; i++) {
            Record r = i % 2 == 0 ? b : a; // the parent wrote A first, so the first save changes the file
            System.out.println("writing " + r.getLabel());
            System.out.flush();
            long t0 = System.nanoTime();
            RecordStore.save(r, target);
            System.out.println("saved " + r.getLabel() + " " + (System.nanoTime() - t0) / 1_000_000);
            System.out.flush();
        }
    }
}
