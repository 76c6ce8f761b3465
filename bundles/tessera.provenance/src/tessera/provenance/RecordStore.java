package tessera.provenance;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.xmi.impl.XMIResourceImpl;

import tessera.core.io.InvalidFileException;
import tessera.provenance.model.ProvenancePackage;
import tessera.provenance.model.Record;

/** TEMPORARY stand-in (lead's tree only) until helper's RecordStore lands. */
public final class RecordStore {
    private RecordStore() {
    }

    public static void save(Record r, Path file) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        XMIResourceImpl res = new XMIResourceImpl(URI.createFileURI(file.toString()));
        res.getContents().add(r);
        try (OutputStream o = Files.newOutputStream(tmp)) {
            res.save(o, null);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static Record load(Path file) throws IOException {
        ProvenancePackage.eINSTANCE.eClass();
        XMIResourceImpl res = new XMIResourceImpl(URI.createFileURI(file.toString()));
        try (var in = Files.newInputStream(file)) {
            res.load(in, null);
        } catch (RuntimeException e) {
            throw new InvalidFileException(file, "not a Tessera provenance record: " + e.getMessage(), e);
        }
        Resource r = res;
        return (Record) r.getContents().get(0);
    }
}
