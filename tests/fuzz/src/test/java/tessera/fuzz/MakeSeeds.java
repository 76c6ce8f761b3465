package tessera.fuzz;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.io.emd.internal.NcemEmdWriter;
import tessera.io.hspy.HspyWriter;
import tessera.io.npy.internal.NpyWriter;

/**
 * Writes the fuzz seeds that are generated rather than hand-made: small HyperSpy, NumPy and NCEM EMD files from
 * Tessera's own writers, a minimal EMSA spectrum, Ripple, TIA, Bruker SPX and BCF files written here from the formats'
 * layouts, so that no third-party test data is committed (the Velox EMD seeds come from {@code make_velox_seeds.py}). Run once from this module
 * (the seeds are committed):
 *
 * <pre>
 * ./mvnw -o -Pfuzz -pl tests/fuzz test-compile
 * java -cp tests/fuzz/target/classes:tests/fuzz/target/test-classes:$(cat cp.txt) tessera.fuzz.MakeSeeds tests/fuzz/src/test/resources/tessera/fuzz/ReaderFuzzTestInputs
 * </pre>
 *
 * The DM3 seeds are the synthetic files of {@code tests/tessera.io.gatan.tests/resources/synthetic} (written by our
 * {@code make_synthetic.py}).
 */
public final class MakeSeeds {
    private MakeSeeds() {
    }

    /**
     * @param args the inputs folder ({@code .../ReaderFuzzTestInputs})
     * @throws IOException on a write error
     */
    public static void main(String[] args) throws IOException {
        Path in = Path.of(args[0]);
        Metadata md = new Metadata().title("seed");
        md.set(Metadata.SIGNAL_TYPE, "EELS");
        Dataset spectrum = Dataset.ofFloats(new float[] {1, 2, 3, 4, 5, 6, 7, 8},
                List.of(new Axis("Energy loss", 8, 0.5, 100, "eV", false)), md);
        Dataset si = Dataset.ofInts(new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12},
                List.of(new Axis("y", 2, 1, 0, "nm", true), new Axis("x", 2, 1, 0, "nm", true), new Axis("Energy", 3, 10, 0, "eV", false)), md);
        Dataset image = Dataset.ofDoubles(new double[] {0.5, 1.5, 2.5, 3.5, 4.5, 5.5},
                List.of(new Axis("y", 2, 0.1, 0, "nm", false), new Axis("x", 3, 0.1, 0, "nm", false)), new Metadata().title("image"));
        for (String dir : List.of("hspy", "hdf5", "npy", "msa")) {
            Files.createDirectories(in.resolve(dir));
        }
        HspyWriter hspy = new HspyWriter();
        hspy.write(spectrum, in.resolve("hspy/spectrum_f4.hspy"));
        hspy.write(si, in.resolve("hspy/si_i4.hspy"));
        hspy.write(image, in.resolve("hdf5/image_f8.hspy"));
        NpyWriter npy = new NpyWriter();
        npy.write(spectrum, in.resolve("npy/spectrum_f4.npy"));
        npy.write(si, in.resolve("npy/si_i4.npy"));
        npy.write(image, in.resolve("npy/image_f8.npy"));
        Files.writeString(in.resolve("msa/y_spectrum.msa"), """
                #FORMAT      : EMSA/MAS Spectral Data File
                #VERSION     : 1.0
                #TITLE       : seed
                #DATE        : 07-DEC-2026
                #TIME        : 12:00
                #OWNER       : tessera
                #NPOINTS     : 4
                #NCOLUMNS    : 1
                #XUNITS      : eV
                #YUNITS      : counts
                #DATATYPE    : Y
                #XPERCHAN    : 0.5
                #OFFSET      : 100.0
                #SIGNALTYPE  : EELS
                #BEAMKV      : 200.0
                #SPECTRUM    : Spectral Data Starts Here
                1.0, 2.5, 3e2,
                -4.0
                #ENDOFDATA   : End Of Data and File
                """.replace("\n", "\r\n"), StandardCharsets.US_ASCII);
        Files.writeString(in.resolve("msa/xy_spectrum.msa"), """
                #FORMAT      : EMSA/MAS Spectral Data File
                #VERSION     : TC202v2.0 PR
                #TITLE       : seed xy
                #NPOINTS     : 3
                #NCOLUMNS    : 2
                #XUNITS      : keV
                #YUNITS      : counts
                #DATATYPE    : XY
                #XPERCHAN    : 0.01
                #OFFSET      : -0.2
                #SIGNALTYPE  : EDS
                #SPECTRUM    :
                -0.2, 10
                -0.19, 11
                -0.18, 12
                #ENDOFDATA   :
                """, StandardCharsets.US_ASCII);
        for (String dir : List.of("ripple", "tia", "spx", "bcf", "ncem")) {
            Files.createDirectories(in.resolve(dir));
        }
        ripple(in.resolve("ripple"));
        tia(in.resolve("tia"));
        Files.writeString(in.resolve("spx/spectrum.spx"), spx(new long[] {0, 3, 10, 40, 12, 5, 1, 0}), StandardCharsets.ISO_8859_1);
        Files.write(in.resolve("bcf/hypermap.bcf"), bcf());
        NcemEmdWriter ncem = new NcemEmdWriter();
        ncem.write(si, in.resolve("ncem/si_i4.emd"));
        ncem.writeAll(List.of(spectrum, image), in.resolve("ncem/two.emd"));
    }

    /** Ripple seeds as the {@code ripple} test reads them: the .rpl header, a NUL byte, the .raw bytes. */
    private static void ripple(Path dir) throws IOException {
        String vector = "key\tvalue\nwidth\t2\nheight\t2\ndepth\t3\noffset\t0\ndata-length\t2\ndata-type\tunsigned\n"
                + "byte-order\tlittle-endian\nrecord-by\tvector\nev-per-chan\t10\ndepth-origin\t100\ndepth-scale\t10\n"
                + "depth-units\teV\nwidth-scale\t0.5\nwidth-units\tnm\nheight-scale\t0.5\nheight-units\tnm\nsignal\tEELS\nbeam-energy\t200\n";
        byte[] raw = new byte[2 * 2 * 3 * 2];
        for (int i = 0; i < raw.length; i += 2) {
            raw[i] = (byte) (i * 7 + 1);
        }
        Files.write(dir.resolve("vector_u2.bin"), concat(vector.getBytes(StandardCharsets.US_ASCII), new byte[] {0}, raw));
        String image = "(INCA Ripple header)\n(MLX::width : 3)\n(MLX::height : 2)\n(MLX::depth : 1)\n(MLX::offset : 4)\n(MLX::data-length : 4)\n"
                + "(MLX::data-type : float)\n(MLX::byte-order : big-endian)\n(MLX::record-by : image)\n";
        ByteBuffer b = ByteBuffer.allocate(4 + 6 * 4).order(ByteOrder.BIG_ENDIAN);
        b.putInt(0);
        for (int i = 0; i < 6; i++) {
            b.putFloat(i * 1.5f - 2);
        }
        Files.write(dir.resolve("image_f4_be.bin"), concat(image.getBytes(StandardCharsets.US_ASCII), new byte[] {0}, b.array()));
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /**
     * TIA series seeds, written from the layout of the FEI TIA Serial File format (version 0x0210: 4-byte offsets),
     * as our reader ({@code tessera.io.tia.internal.SerFile}) reads it: a line scan of 3 float32 spectra with position
     * tags, and a series of 2 int16 images with time tags.
     */
    private static void tia(Path dir) throws IOException {
        Files.write(dir.resolve("linescan_f4.ser"), ser(true, 3, 4, 1, 7));
        Files.write(dir.resolve("images_i2.ser"), ser(false, 2, 3, 2, 5));
    }

    private static byte[] ser(boolean spectra, int elements, int sx, int sy, int typeCode) {
        int es = typeCode == 7 ? 4 : 2;
        String units = spectra ? "meters" : "";
        byte[] desc = (spectra ? "Position" : "Number").getBytes(StandardCharsets.US_ASCII);
        byte[] unit = units.getBytes(StandardCharsets.US_ASCII);
        int dimBytes = 4 + 8 + 8 + 4 + 4 + desc.length + 4 + unit.length;
        int headerEnd = 30 + dimBytes;
        int offsets = headerEnd;
        int hdr = spectra ? 26 : 50;
        int elemBytes = hdr + sx * sy * es;
        int tagBytes = spectra ? 24 : 8;
        int dataStart = offsets + 2 * elements * 4;
        int tagStart = dataStart + elements * elemBytes;
        ByteBuffer b = ByteBuffer.allocate(tagStart + elements * tagBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 0x4949).putShort((short) 0x0197).putShort((short) 0x0210);
        b.putInt(spectra ? 0x4120 : 0x4122).putInt(spectra ? 0x4142 : 0x4152);
        b.putInt(elements).putInt(elements).putInt(offsets).putInt(1);
        b.putInt(elements).putDouble(spectra ? 1e-9 : 0).putDouble(spectra ? 2e-9 : 1).putInt(0);
        b.putInt(desc.length).put(desc).putInt(unit.length).put(unit);
        for (int i = 0; i < elements; i++) {
            b.putInt(dataStart + i * elemBytes);
        }
        for (int i = 0; i < elements; i++) {
            b.putInt(tagStart + i * tagBytes);
        }
        for (int i = 0; i < elements; i++) {
            if (spectra) {
                b.putDouble(100).putDouble(0.5).putInt(0).putShort((short) typeCode).putInt(sx);
            } else {
                b.putDouble(0).putDouble(2e-10).putInt(0).putDouble(0).putDouble(2e-10).putInt(0).putShort((short) typeCode).putInt(sx).putInt(sy);
            }
            for (int k = 0; k < sx * sy; k++) {
                if (es == 4) {
                    b.putFloat(i * 10 + k * 0.25f);
                } else {
                    b.putShort((short) (i * 100 - k));
                }
            }
        }
        for (int i = 0; i < elements; i++) {
            b.putShort((short) (spectra ? 0x4142 : 0x4152)).putShort((short) 0).putInt(1000 + i);
            if (spectra) {
                b.putDouble(i * 2e-9).putDouble(0);
            }
        }
        return b.array();
    }

    /** The {@code ClassInstance Type="TRTSpectrum"} of an Esprit spectrum (SPX file body and BCF sum spectrum). */
    private static String trtSpectrum(long[] counts) {
        StringBuilder c = new StringBuilder();
        for (int i = 0; i < counts.length; i++) {
            c.append(i == 0 ? "" : ",").append(counts[i]);
        }
        return "<ClassInstance Type=\"TRTSpectrum\" Name=\"seed\"><TRTHeaderedClass>"
                + "<ClassInstance Type=\"TRTSpectrumHardwareHeader\"><RealTime>1000</RealTime><LifeTime>900</LifeTime><Amplification>20000</Amplification></ClassInstance>"
                + "<ClassInstance Type=\"TRTDetectorHeader\"><Type>XFlash 6|10</Type></ClassInstance>"
                + "<ClassInstance Type=\"TRTESMAHeader\"><PrimaryEnergy>20</PrimaryEnergy><ElevationAngle>35</ElevationAngle><AzimutAngle>90</AzimutAngle></ClassInstance>"
                + "</TRTHeaderedClass><ClassInstance Type=\"TRTSpectrumHeader\"><Date>8.12.2026</Date><Time>01:00:00</Time>"
                + "<ChannelCount>" + counts.length + "</ChannelCount><CalibAbs>-0.47</CalibAbs><CalibLin>0.01</CalibLin></ClassInstance>"
                + "<ClassInstance Type=\"TRTPSEElementList\"><ChildClassInstances><ClassInstance Type=\"TRTPSEElement\" Name=\"Fe\"><XmlClassName>Fe</XmlClassName></ClassInstance></ChildClassInstances></ClassInstance>"
                + "<Channels>" + c + "</Channels></ClassInstance>";
    }

    private static String spx(long[] counts) {
        return "<?xml version=\"1.0\" encoding=\"WINDOWS-1252\" standalone=\"yes\"?>\n<TRTSpectrum>" + trtSpectrum(counts) + "</TRTSpectrum>\n";
    }

    /**
     * A Bruker BCF seed: an AidAim SFS container (chunks of 0x220 bytes, no compression) holding
     * {@code EDSDatabase/HeaderData} (the XML header: SEM data, one 4 x 3 uint16 SEM image, the sum spectrum of 8
     * channels) and {@code EDSDatabase/SpectrumData0} (a 4 x 3 hypermap of 16-bit pulse lists), in the layout our
     * {@code SfsContainer} and {@code HypermapDecoder} read.
     */
    private static byte[] bcf() {
        int w = 4, h = 3, channels = 8;
        byte[] img = new byte[w * h * 2];
        for (int i = 0; i < w * h; i++) {
            img[2 * i] = (byte) (10 + i);
        }
        long[] sum = new long[channels];
        ByteBuffer map = ByteBuffer.allocate(1 << 14).order(ByteOrder.LITTLE_ENDIAN);
        map.putInt(h).putInt(w).put(new byte[0x1A0 - 8]);
        for (int y = 0; y < h; y++) {
            map.putInt(w);
            for (int x = 0; x < w; x++) {
                int n = 1 + (x + y) % 3;
                map.putInt(x).putShort((short) channels).putShort((short) channels).putInt(0);
                map.putShort((short) 0).putShort((short) 0).putShort((short) n).putInt(2 * n);
                for (int k = 0; k < n; k++) {
                    int c = (x * 3 + y + k) % channels;
                    map.putShort((short) c);
                    sum[c]++;
                }
            }
        }
        byte[] spectrumData = java.util.Arrays.copyOf(map.array(), map.position());
        String header = "<?xml version=\"1.0\" encoding=\"WINDOWS-1252\" standalone=\"yes\"?>\n<TRTSpectrumDatabaseRoot>"
                + "<ClassInstance Type=\"TRTSpectrumDatabase\" Name=\"seed\"><Header><Date>8.12.2026</Date><Time>01:00:00</Time><FileVersion>1</FileVersion></Header>"
                + "<ClassInstance Type=\"TRTSEMData\"><HV>20</HV><DX>0.5</DX><DY>0.5</DY><Mag>1000</Mag></ClassInstance>"
                + "<ClassInstance Type=\"TRTSEMStageData\"><X>1</X><Y>2</Y><Tilt>0</Tilt></ClassInstance>"
                + "<ClassInstance Type=\"TRTDSPConfiguration\"><LineAverage>1</LineAverage><PixelAverage>1</PixelAverage><PixelTime>10</PixelTime></ClassInstance>"
                + "<ClassInstance Type=\"TRTImageData\"><Width>" + w + "</Width><Height>" + h + "</Height><ItemSize>2</ItemSize><PlaneCount>1</PlaneCount>"
                + "<Plane0><Description>SE</Description><Data>" + java.util.Base64.getEncoder().encodeToString(img) + "</Data></Plane0></ClassInstance>"
                + "<LineCounter>" + h + "</LineCounter><SpectrumData0>" + trtSpectrum(sum) + "</SpectrumData0>"
                + "</ClassInstance></TRTSpectrumDatabaseRoot>\n";
        return sfs(List.of("EDSDatabase", "HeaderData", "SpectrumData0"), List.of(header.getBytes(StandardCharsets.ISO_8859_1), spectrumData));
    }

    /** An SFS container: item 0 the directory {@code dirName}, then one file per {@code contents} inside it. */
    private static byte[] sfs(List<String> names, List<byte[]> contents) {
        final int chunk = 0x220;
        final int usable = chunk - 32;
        final int item = 0x200;
        java.util.ArrayList<byte[]> chunks = new java.util.ArrayList<>();
        chunks.add(new byte[chunk]); // chunk 0 holds the header fields
        int nItems = names.size();
        int treeChunk = chunks.size();
        for (int i = 0; i < nItems; i++) { // one 512-byte tree item per chunk, chained
            chunks.add(new byte[chunk]);
        }
        int[] tables = new int[nItems];
        for (int f = 1; f < nItems; f++) {
            byte[] content = contents.get(f - 1);
            int pieces = (content.length + usable - 1) / usable;
            tables[f] = chunks.size();
            byte[] table = new byte[chunk];
            chunks.add(table);
            ByteBuffer tb = ByteBuffer.wrap(table).order(ByteOrder.LITTLE_ENDIAN);
            for (int p = 0; p < pieces; p++) {
                tb.putInt(32 + 4 * p, chunks.size());
                byte[] c = new byte[chunk];
                System.arraycopy(content, p * usable, c, 32, Math.min(usable, content.length - p * usable));
                chunks.add(c);
            }
        }
        for (int i = 0; i < nItems; i++) {
            ByteBuffer c = ByteBuffer.wrap(chunks.get(treeChunk + i)).order(ByteOrder.LITTLE_ENDIAN);
            if (i + 1 < nItems) {
                c.putInt(0, treeChunk + i + 1);
            }
            int o = 32;
            c.putInt(o, i == 0 ? 0 : tables[i]);
            c.putLong(o + 4, i == 0 ? 0 : contents.get(i - 1).length);
            c.putInt(o + 0x28, i == 0 ? -1 : 0);
            c.put(o + 0xDC, (byte) (i == 0 ? 1 : 0));
            byte[] name = names.get(i).getBytes(StandardCharsets.UTF_8);
            c.put(o + 0xE0, name);
        }
        ByteBuffer out = ByteBuffer.allocate(0x118 + chunks.size() * chunk).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < chunks.size(); k++) {
            out.put(0x118 + k * chunk, chunks.get(k));
        }
        out.put(0, "AAMVHFSS".getBytes(StandardCharsets.ISO_8859_1));
        out.putFloat(0x124, 2.40f).putInt(0x128, chunk);
        out.putInt(0x140, treeChunk).putInt(0x144, nItems).putInt(0x148, chunks.size());
        return out.array();
    }
}
