package tessera.io.bruker.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

import tessera.core.io.DatasetReader;
import tessera.core.io.InvalidFileException;
import tessera.core.model.Axis;
import tessera.core.model.DType;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;

/**
 * Reader of Bruker Esprit single-spectrum files ({@code .spx}): an XML document
 * {@code <TRTSpectrum>} holding one {@code ClassInstance Type="TRTSpectrum"}
 * ({@link EdxSpectrumHeader}).
 *
 * <p><b>Result.</b> One dataset, dtype uint64, shape {@code [channels]}, signal axis
 * "Energy" in keV (offset {@code CalibAbs}, scale {@code CalibLin}). Metadata as
 * HyperSpy 1.7.3 loads it ({@code hyperspy/io_plugins/bruker.py}, {@code spx_reader},
 * plus the EDS signal's defaults): {@code Acquisition_instrument.SEM|TEM} (TEM above 30
 * kV) {@code .beam_energy} (kV), {@code .Detector.EDS} {@code elevation_angle},
 * {@code azimuth_angle} (degrees), {@code detector_type}, {@code real_time} and
 * {@code live_time} (s), {@code energy_resolution_MnKa} (130 eV default),
 * {@code Stage.tilt_alpha} (0 default); {@code General.title} "EDX", {@code date},
 * {@code time}, {@code original_filename}; {@code Sample.name} (the spectrum's
 * {@code Name}), {@code Sample.elements} (the {@code TRTPSEElementList}, in file order);
 * {@code Signal.signal_type} {@code EDS_SEM}/{@code EDS_TEM}, {@code Signal.quantity}.
 * {@code original_metadata}: {@code Hardware}, {@code Detector}, {@code Analysis},
 * {@code Spectrum}, {@code Results} and {@code Selected_elements} when present.
 *
 * <p><b>Errors.</b> {@link InvalidFileException} naming the file for malformed XML, a
 * document without a {@code TRTSpectrum}, or a missing or non-numeric calibration or
 * channel list.
 *
 * <p>Sources (read for the format, no code copied): HyperSpy 1.7.3
 * {@code hyperspy/io_plugins/bruker.py}; RosettaSciIO {@code rsciio/bruker/_api.py}.
 */
public final class SpxReader implements DatasetReader {
    /** the most bytes an .spx file may have (spectra are a few hundred kB) */
    static final long MAX_BYTES = 1L << 30;

    /** Public no-argument constructor for the extension registry. */
    public SpxReader() {
    }

    /**
     * Accepts XML whose first 512 bytes name a {@code TRTSpectrum} element.
     *
     * @param file the file (unused)
     * @param head the first bytes
     * @return true for Bruker spectrum XML
     */
    @Override
    public boolean sniff(Path file, byte[] head) {
        String s = new String(head, StandardCharsets.ISO_8859_1);
        return s.contains("<TRTSpectrum");
    }

    /**
     * Reads the spectrum.
     *
     * @param file the file
     * @return one dataset, uint64 counts, shape {@code [channels]}
     * @throws InvalidFileException if the content is not a valid Bruker spectrum
     * @throws IOException on an I/O error
     */
    @Override
    public List<Dataset> read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw Errors.invalid(file, "spectrum XML of " + size + " bytes is larger than " + MAX_BYTES);
        }
        byte[] xml;
        try (InputStream in = Files.newInputStream(file)) {
            xml = in.readNBytes((int) size);
        }
        Document doc = XmlTree.parse(file, xml, "spectrum");
        Element sp = XmlTree.find(doc.getDocumentElement(), "ClassInstance[@Type='TRTSpectrum']");
        if (sp == null) {
            throw Errors.invalid(file, "XML without a TRTSpectrum ClassInstance (not a Bruker spectrum)");
        }
        String name = sp.hasAttribute("Name") ? sp.getAttribute("Name") : "Undefinded";
        EdxSpectrumHeader s = new EdxSpectrumHeader(file, sp);
        Number hv = s.beamEnergy();
        if (hv == null) {
            throw Errors.invalid(file, "spectrum has no primary (beam) energy");
        }
        String mode = hv.doubleValue() > 30.0 ? "TEM" : "SEM";
        Map<String, Object> md = new LinkedHashMap<>();
        Map<String, Object> acq = new LinkedHashMap<>();
        acq.put("Detector", s.detectorNode());
        acq.put("beam_energy", hv);
        Metadata.put(md, "Acquisition_instrument." + mode, acq);
        Metadata.put(md, "General.original_filename", file.getFileName().toString());
        Metadata.put(md, "General.title", "EDX");
        if (s.date != null) {
            Metadata.put(md, "General.date", s.date);
            Metadata.put(md, "General.time", s.time);
        }
        Metadata.put(md, "Sample.name", name);
        Metadata.put(md, "Signal.signal_type", "EDS_" + mode);
        Metadata.put(md, "Signal.quantity", "X-rays (Counts)");
        Map<String, Object> om = new LinkedHashMap<>();
        om.put("Hardware", s.hardware);
        om.put("Detector", s.detector);
        om.put("Analysis", s.analysis);
        om.put("Spectrum", s.spectrum);
        Element results = XmlTree.find(sp, "ClassInstance[@Type='TRTResult']");
        if (results != null) {
            om.put("Results", XmlTree.dictionarize(results));
        }
        Element elements = XmlTree.find(sp, "ClassInstance[@Type='TRTPSEElementList']");
        if (elements != null) {
            Object elem = XmlTree.dictionarizeMap(elements).get("ChildClassInstances");
            om.put("Selected_elements", elem);
            if (elem instanceof Map<?, ?> em && em.get("XmlClassName") != null) {
                Object names = em.get("XmlClassName");
                List<String> l = new ArrayList<>();
                if (names instanceof List<?> nl) {
                    nl.forEach(o -> l.add(String.valueOf(o)));
                } else {
                    l.add(String.valueOf(names));
                }
                Metadata.put(md, "Sample.elements", l);
            }
        }
        BcfReader.edsDefaults(md, mode);
        long[] counts = s.counts;
        Axis e = new Axis("Energy", counts.length, s.scale, s.offset, "keV", false);
        Dataset d = Dataset.wrap(DType.UINT64, java.lang.foreign.MemorySegment.ofArray(counts), java.nio.ByteOrder.nativeOrder(),
                List.of(e), new Metadata(md, om));
        return List.of(d);
    }
}
