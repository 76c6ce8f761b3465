package tessera.lattice.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import tessera.core.analysis.AtomFinder;
import tessera.core.analysis.AtomResult;
import tessera.core.analysis.IncompatibleDataException;
import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.model.Dataset;
import tessera.lattice.GaussianAtomFinder;

/**
 * {@code tessera.lattice.network}: atomic columns found by a fully convolutional network, as AtomNet and AtomAI find
 * them (M. Ziatdinov et al., ACS Nano 11 (2017) 12742, doi:10.1021/acsnano.7b07504; Nat. Mach. Intell. 4 (2022) 1101,
 * doi:10.1038/s42256-022-00555-8).
 * <ol>
 * <li>The image (dark columns inverted with {@code contrast} = dark) is standardised and mapped by the U-Net
 * ({@link AtomNetModel}; the shipped one, trained here on {@link TrainingLattices}, or a {@code model} directory) to the
 * probability, per pixel, of an atom's centre.</li>
 * <li>The map is cut at {@code threshold} (0: the model's own, chosen on simulated validation images); each 8-connected
 * blob of at least {@value AtomNetTraining#MIN_AREA} px is a column, placed at its probability-weighted centroid.</li>
 * <li>Those positions are then refined ({@code refinement}: none, centre of mass, 2-D Gaussian or both) and split into
 * sublattices by intensity exactly as {@link GaussianAtomFinder#refine} does, which also gives the column intensities
 * and projected lattice vectors.</li>
 * </ol>
 * Unlike local maxima, the network places a column from the lattice around it as well as from its own pixels, so dim
 * columns without a maximum of their own and very noisy images still give their columns. Positions are (row, column) in
 * px, pixel centres at integers; no minimum spacing is assumed.
 */
public final class NetworkAtomFinder implements AtomFinder {
    /** contribution id */
    public static final String ID = "tessera.lattice.network";
    private static final Map<String, AtomNetModel> MODELS = new ConcurrentHashMap<>();

    private static final List<ParameterSpec> PARAMS = List.of(
            ParameterSpec.ofString("model", "", "a model directory (tessera train atoms); empty for the shipped network"),
            ParameterSpec.ofDouble("threshold", 0.0, 0.0, 0.99, "", "atom-probability threshold of a blob (0: the model's, chosen on simulated validation images)"),
            ParameterSpec.ofChoice("refinement", "none", GaussianAtomFinder.REFINEMENTS,
                    "none (the blob centres, as AtomNet), centre of mass, 2-D Gaussian fit, or both, in the image"),
            GaussianAtomFinder.RADIUS,
            ParameterSpec.ofInt("sublattices", 1, 1, 2, "1: all columns alike; 2: bright and dim by Otsu's threshold on the column intensities"),
            GaussianAtomFinder.CONTRAST);

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMS;
    }

    @Override
    public List<LiteratureReference> references() {
        return List.of(new LiteratureReference("M. Ziatdinov et al., Deep learning of atomically resolved scanning transmission electron microscopy images: chemical identification and tracking local transformations, ACS Nano 11 (2017) 12742",
                "10.1021/acsnano.7b07504"),
                new LiteratureReference("M. Ziatdinov et al., AtomAI framework for deep learning analysis of image and spectroscopy data in electron and scanning probe microscopy, Nat. Mach. Intell. 4 (2022) 1101",
                        "10.1038/s42256-022-00555-8"),
                new LiteratureReference("O. Ronneberger, P. Fischer and T. Brox, U-Net: convolutional networks for biomedical image segmentation, MICCAI 2015, LNCS 9351, 234",
                        "10.1007/978-3-319-24574-4_28"));
    }

    /**
     * @throws IllegalArgumentException as {@link AtomFinder#find}, as an {@link IncompatibleDataException} whose message
     *                                  starts with the image's file name
     * @throws UncheckedIOException     if a {@code model} directory cannot be read or is not a model (names the file)
     * @throws IllegalStateException    if the shipped network is missing from the bundle
     */
    @Override
    public AtomResult find(Dataset image, Parameters p, ProgressMonitor monitor) {
        AtomNetModel model = model(p.getString("model"));
        try {
            double[] img = GaussianAtomFinder.pixels(image, p.getString("contrast"));
            int ny = image.shape()[0], nx = image.shape()[1];
            monitor.begin("atom finding (network)", 3);
            float[] prob = model.probability(img, ny, nx);
            monitor.worked(1);
            double t = p.getDouble("threshold") > 0 ? p.getDouble("threshold") : model.card().threshold();
            double[][] c = AtomNetModel.blobCentres(prob, ny, nx, t, AtomNetTraining.MIN_AREA);
            if (c[0].length == 0) {
                throw new IllegalArgumentException("no atomic column found: no blob of the atom-probability map above " + t);
            }
            monitor.worked(1);
            Map<String, Object> signal = new LinkedHashMap<>();
            signal.put("Signal.probability_threshold", t);
            signal.put("Signal.model", p.getString("model").isBlank() ? "shipped (" + AtomNetModel.SHIPPED + ", " + model.card().weightsSha256().substring(0, 12) + ")"
                    : p.getString("model"));
            Map<String, Object> used = new LinkedHashMap<>(p.values());
            used.put("threshold", t);
            AtomResult r = GaussianAtomFinder.refine(ID, image, img, c[0], c[1], p.getString("refinement"), p.getDouble("radius"), p.getInt("sublattices"),
                    signal, Parameters.of(PARAMS, used));
            monitor.worked(1);
            monitor.done();
            return r;
        } catch (IllegalArgumentException e) {
            throw IncompatibleDataException.of(image, e);
        }
    }

    /** The shipped network ("") or a model directory, loaded once per process. */
    static AtomNetModel model(String dir) {
        return MODELS.computeIfAbsent(dir.isBlank() ? "" : Path.of(dir).toAbsolutePath().normalize().toString(), k -> {
            if (k.isEmpty()) {
                return AtomNetModel.shipped();
            }
            try {
                return AtomNetModel.load(Path.of(k));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
