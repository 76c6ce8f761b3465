package tessera.provenance;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 content hashes (FIPS 180-4, Secure Hash Standard, https://doi.org/10.6028/NIST.FIPS.180-4) of
 * files and byte arrays, as lowercase hexadecimal, the form stored in {@code Entity.sha256}.
 */
public final class ContentHash {
    private static final int BUFFER = 1 << 20;

    private ContentHash() {
    }

    /**
     * Hashes a file, streaming it in 1 MiB reads (constant memory whatever the file size).
     *
     * @param file the file to hash
     * @return 64 lowercase hexadecimal characters
     * @throws IOException if the file cannot be read (the message names the file)
     */
    public static String sha256(Path file) throws IOException {
        MessageDigest md = newDigest();
        ByteBuffer buf = ByteBuffer.allocate(BUFFER);
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            while (in.read(buf.clear()) >= 0) {
                md.update(buf.array(), 0, buf.position());
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /**
     * Hashes bytes.
     *
     * @param bytes the content
     * @return 64 lowercase hexadecimal characters
     */
    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(newDigest().digest(bytes));
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
