package tessera.fuzz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.io.hspy.HspyWriter;
import tessera.io.npy.internal.NpyWriter;

/**
 * Writes the fuzz seeds that are generated rather than hand-made: small HyperSpy and NumPy files from Tessera's own
 * writers, and a minimal EMSA spectrum, so that no third-party test data is committed. Run once from this module
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
    }
}
