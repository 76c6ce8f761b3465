package tessera.provenance;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.eclipse.emf.common.util.TreeIterator;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.xmi.XMLResource;
import org.eclipse.emf.ecore.xmi.impl.XMIResourceImpl;

import tessera.core.io.AtomicFiles;
import tessera.core.io.InvalidFileException;
import tessera.provenance.internal.LoadErrors;
import tessera.provenance.model.Identified;
import tessera.provenance.model.ProvenancePackage;
import tessera.provenance.model.Record;

/**
 * Reads and writes provenance {@link Record}s as XMI 2.0 (OMG XML Metadata Interchange, UTF-8), the
 * EMF serialisation of the model {@code https://tessera.dev/provenance/1.0}. References between elements
 * are written as the target's {@code id}, so ids must be unique inside a record.
 *
 * <p>Saving is atomic ({@link AtomicFiles}): the XMI is written to a temporary file beside the target
 * (named {@code .<name>.<random>.tmp}, never {@code *.xmi}), forced to disk, renamed over the target in one
 * step and the directory is synced. A crash or a kill during a save leaves either the previous record or the
 * new one, never a mix or a truncated file. A killed save can leave its temporary file behind; it is not
 * deleted automatically (a concurrent writer may own it), and {@link #load(Path)} never reads it.
 *
 * <p>Works inside OSGi and in plain Java (no extension registry needed): the package is registered by
 * touching {@link ProvenancePackage#eINSTANCE}.
 */
public final class RecordStore {
    /** File name extension of records. */
    public static final String EXTENSION = "xmi";

    private RecordStore() {
    }

    /**
     * Writes a record atomically, replacing any previous file.
     *
     * <p>The record is attached to a temporary EMF resource for the duration of the call and put back into
     * the resource it was in (if any) afterwards; do not modify it concurrently.
     *
     * @param record the record (ids of all its elements unique, or null)
     * @param file   target file, normally {@code *.xmi}; its directory is created if missing
     * @throws IllegalArgumentException if two elements share an id
     * @throws IOException              if writing, syncing or renaming fails (the previous file is intact)
     */
    public static void save(Record record, Path file) throws IOException {
        checkUniqueIds(record);
        XMIResourceImpl resource = newResource(file);
        Resource original = record.eResource();
        int index = original == null ? -1 : original.getContents().indexOf(record);
        resource.getContents().add(record);
        try {
            AtomicFiles.write(file, tmp -> {
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                    resource.save(out, saveOptions());
                }
            });
        } finally {
            resource.getContents().clear();
            if (original != null) {
                original.getContents().add(Math.min(index, original.getContents().size()), record);
            }
        }
    }

    /**
     * Reads a record.
     *
     * @param file an XMI record written by {@link #save(Record, Path)}
     * @return the record, in a resource of its own
     * @throws InvalidFileException if the file is missing, empty, truncated, not XML, of another namespace,
     *                              not a record or has dangling references; the message names the file and problem
     * @throws IOException          if the file cannot be read
     */
    public static Record load(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new InvalidFileException(file, "no such file");
        }
        if (Files.isDirectory(file)) {
            throw new InvalidFileException(file, "is a directory, not a provenance record");
        }
        if (Files.size(file) == 0) {
            throw new InvalidFileException(file, "empty file (not a provenance record)");
        }
        XMIResourceImpl resource = newResource(file);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            resource.load(in, loadOptions());
        } catch (NoSuchFileException e) {
            throw new InvalidFileException(file, "no such file", e);
        } catch (IOException | RuntimeException e) {
            throw new InvalidFileException(file, LoadErrors.describe(e), e);
        }
        if (!resource.getErrors().isEmpty()) {
            throw new InvalidFileException(file, LoadErrors.describe(resource.getErrors().get(0)));
        }
        if (resource.getContents().size() != 1 || !(resource.getContents().get(0) instanceof Record record)) {
            String what = resource.getContents().isEmpty() ? "nothing" : resource.getContents().get(0).eClass().getName();
            throw new InvalidFileException(file, "root element is " + what + ", not a " + ProvenancePackage.eNS_PREFIX + ":Record");
        }
        return record;
    }

    private static XMIResourceImpl newResource(Path file) {
        ProvenancePackage pkg = ProvenancePackage.eINSTANCE; // registers the package outside OSGi too
        XMIResourceImpl r = new XMIResourceImpl(URI.createFileURI(file.toAbsolutePath().toString()));
        // id -> object map: references resolve in O(1) instead of a scan per reference
        r.setIntrinsicIDToEObjectMap(new HashMap<>());
        assert pkg != null;
        return r;
    }

    private static Map<Object, Object> saveOptions() {
        Map<Object, Object> o = new HashMap<>();
        o.put(XMLResource.OPTION_ENCODING, "UTF-8");
        o.put(XMLResource.OPTION_LINE_DELIMITER, "\n");
        o.put(XMLResource.OPTION_SCHEMA_LOCATION, Boolean.FALSE);
        o.put(XMLResource.OPTION_USE_CACHED_LOOKUP_TABLE, new java.util.ArrayList<>());
        return o;
    }

    private static Map<Object, Object> loadOptions() {
        Map<Object, Object> o = new HashMap<>();
        o.put(XMLResource.OPTION_DEFER_IDREF_RESOLUTION, Boolean.TRUE);
        o.put(XMLResource.OPTION_USE_XML_NAME_TO_FEATURE_MAP, new HashMap<>());
        o.put(XMLResource.OPTION_RECORD_UNKNOWN_FEATURE, Boolean.FALSE);
        // the resource has no ResourceSet: an unknown namespace is an error (PackageNotFoundException) and is
        // never demand-loaded from its URI
        return o;
    }

    private static void checkUniqueIds(Record record) {
        Set<String> seen = new HashSet<>();
        for (TreeIterator<EObject> it = record.eAllContents(); it.hasNext();) {
            if (it.next() instanceof Identified i && i.getId() != null && !seen.add(i.getId())) {
                throw new IllegalArgumentException("duplicate id '" + i.getId() + "' in provenance record " + record.getId());
            }
        }
        if (record.getId() != null && seen.contains(record.getId())) {
            throw new IllegalArgumentException("duplicate id '" + record.getId() + "' (the record's own) in provenance record");
        }
    }
}
