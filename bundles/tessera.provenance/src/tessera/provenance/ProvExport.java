package tessera.provenance;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import tessera.core.io.AtomicFiles;
import tessera.provenance.internal.ProvJsonWriter;
import tessera.provenance.internal.ProvMapping;
import tessera.provenance.internal.ProvNWriter;
import tessera.provenance.model.Record;

/**
 * Exports a provenance {@link Record} as W3C PROV:
 * <ul>
 * <li>PROV-JSON (W3C Member Submission, 24 April 2013, https://www.w3.org/Submission/2013/SUBM-prov-json-20130424/),</li>
 * <li>PROV-N (W3C Recommendation, 30 April 2013, https://www.w3.org/TR/2013/REC-prov-n-20130430/).</li>
 * </ul>
 * The output is deterministic (same record, same bytes). The mapping of the Tessera model onto PROV-DM:
 * entities, activities and agents keep their ids as qualified names {@code rec:<id>} (percent-encoded where PROV-N
 * needs it); Tessera attributes (step id, bundle and version, parameters {@code tessera:param.<name>} with their
 * units {@code tessera:param.<name>.units}, seed, status, error, uri, sha256, shape, dtype, plan format and text)
 * are in the namespace {@code tessera:} = {@value ProvMapping#TESSERA_NS}; one extra entity {@code rec:record}
 * ({@code prov:type tessera:Record}) carries the record's label, creation time and Tessera version. Relations
 * (used, wasGeneratedBy, wasAssociatedWith, wasDerivedFrom, wasInformedBy) have no identifiers (blank
 * identifiers {@code _:<kind><n>} in PROV-JSON, where the format needs keys).
 * See docs/adr/0005-provenance-model-and-prov-export.md.
 */
public final class ProvExport {
    /** The two export formats. */
    public enum Format {
        /** PROV-JSON (W3C Member Submission 2013). */
        PROV_JSON("prov-json"),
        /** PROV-N (W3C Recommendation 2013). */
        PROV_N("prov-n");

        private final String cliName;

        Format(String cliName) {
            this.cliName = cliName;
        }

        /** @return the name used on the command line, {@code prov-json} or {@code prov-n} */
        public String cliName() {
            return cliName;
        }

        /**
         * @param name {@code prov-json} or {@code prov-n} (case-insensitive)
         * @return the format
         * @throws IllegalArgumentException for any other name
         */
        public static Format parse(String name) {
            for (Format f : values()) {
                if (f.cliName.equalsIgnoreCase(name.strip())) {
                    return f;
                }
            }
            throw new IllegalArgumentException("unknown PROV format '" + name + "' (expected prov-json or prov-n)");
        }
    }

    private ProvExport() {
    }

    /**
     * @param record the record
     * @return the PROV-JSON document (UTF-8 text, indented)
     */
    public static String toProvJson(Record record) {
        return export(record, Format.PROV_JSON);
    }

    /**
     * @param record the record
     * @return the PROV-N document ({@code document ... endDocument})
     */
    public static String toProvN(Record record) {
        return export(record, Format.PROV_N);
    }

    /**
     * @param record the record
     * @param format the format
     * @return the exported text
     */
    public static String export(Record record, Format format) {
        return format == Format.PROV_JSON ? ProvJsonWriter.write(ProvMapping.toDocument(record, true))
                : ProvNWriter.write(ProvMapping.toDocument(record, false));
    }

    /**
     * Writes an export to a writer (not closed).
     *
     * @param record the record
     * @param format the format
     * @param out    where to write
     * @throws IOException from the writer
     */
    public static void write(Record record, Format format, Writer out) throws IOException {
        out.write(export(record, format));
        out.flush();
    }

    /**
     * Writes an export to a file atomically (temporary file, fsync, rename; {@link AtomicFiles}).
     *
     * @param record the record
     * @param format the format
     * @param file   target file (UTF-8)
     * @throws IOException if writing fails; a previous file is left intact
     */
    public static void write(Record record, Format format, Path file) throws IOException {
        byte[] bytes = export(record, format).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, tmp -> Files.write(tmp, bytes));
    }
}
