package tessera.report;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link ReportWriter#write} wrote.
 *
 * @param html   the {@code report.html} file, written last
 * @param images the PNG files it embeds (relative links), in the order they appear
 */
public record WrittenReport(Path html, List<Path> images) {

    /** Copies the list. */
    public WrittenReport {
        images = List.copyOf(images);
    }
}
