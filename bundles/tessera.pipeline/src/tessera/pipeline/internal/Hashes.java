package tessera.pipeline.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import tessera.core.analysis.ClusterResult;
import tessera.core.analysis.DecompositionResult;
import tessera.core.model.Dataset;

/**
 * SHA-256 (FIPS 180-4) content hashes of the values that flow through a pipeline, so that a
 * re-run can be compared hash for hash. Array hashes cover the dtype name, the shape and the
 * values in row-major order as little-endian bytes (independent of the byte order in memory
 * or on disk, and of the file format or its timestamps); calibration is not part of the hash.
 */
public final class Hashes {
    private static final int CHUNK = 1 << 20;

    private Hashes() {
    }

    /**
     * @param d a dataset
     * @return lowercase hex SHA-256 of {@code dtype, shape, values (little-endian)}
     */
    public static String of(Dataset d) {
        MessageDigest md = sha256();
        update(md, d);
        return HexFormat.of().formatHex(md.digest());
    }

    /**
     * @param r a decomposition
     * @return SHA-256 over the factors, the loadings and the explained variances (if any)
     */
    public static String of(DecompositionResult r) {
        MessageDigest md = sha256();
        md.update(r.algorithmId().getBytes(StandardCharsets.UTF_8));
        update(md, r.factors());
        update(md, r.loadings());
        if (r.explainedVariance() != null) {
            for (double v : r.explainedVariance()) {
                putLong(md, Double.doubleToLongBits(v));
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /**
     * @param r a clustering
     * @return SHA-256 over the labels (int32), the centres, the membership probabilities and the outlier scores
     *         (float64, the last two where present)
     */
    public static String of(ClusterResult r) {
        MessageDigest md = sha256();
        for (int l : r.labels()) {
            putLong(md, l);
        }
        for (double[] c : r.centers()) {
            for (double v : c) {
                putLong(md, Double.doubleToLongBits(v));
            }
        }
        if (r.probabilities() != null) {
            for (double[] c : r.probabilities()) {
                for (double v : c) {
                    putLong(md, Double.doubleToLongBits(v));
                }
            }
        }
        if (r.outlierScores() != null) {
            for (double v : r.outlierScores()) {
                putLong(md, Double.doubleToLongBits(v));
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /**
     * @param text a text (a scalar's lexical form, a pipeline document)
     * @return SHA-256 of its UTF-8 bytes
     */
    public static String of(String text) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static void update(MessageDigest md, Dataset d) {
        md.update(d.dtype().numpyName().getBytes(StandardCharsets.US_ASCII));
        for (int s : d.shape()) {
            putLong(md, s);
        }
        MemorySegment seg = d.data();
        int elem = d.dtype().byteSize();
        boolean swap = d.byteOrder() != ByteOrder.LITTLE_ENDIAN && elem > 1;
        int part = d.dtype().name().startsWith("COMPLEX") ? elem / 2 : elem;
        byte[] buf = new byte[CHUNK];
        long n = seg.byteSize();
        for (long off = 0; off < n; off += CHUNK) {
            int len = (int) Math.min(CHUNK, n - off);
            MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, off, buf, 0, len);
            if (swap) {
                for (int i = 0; i + part <= len; i += part) {
                    for (int a = i, b = i + part - 1; a < b; a++, b--) {
                        byte t = buf[a];
                        buf[a] = buf[b];
                        buf[b] = t;
                    }
                }
            }
            md.update(buf, 0, len);
        }
    }

    private static void putLong(MessageDigest md, long v) {
        for (int i = 0; i < 8; i++) {
            md.update((byte) (v >>> (8 * i)));
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
