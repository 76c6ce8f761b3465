package tessera.eels.sim;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import tessera.core.io.InvalidFileException;

/**
 * One shard of a simulated set as written by {@link SimulationWriter}, read back whole.
 *
 * @param file the shard file
 * @param seed seed of the sequence
 * @param firstIndex index of the first spectrum
 * @param index spectrum indices, shape [n]
 * @param spectra normalised spectra on 0 … 3071 eV, shape [n, 3072]
 * @param labels multi-hot labels over {@code elements}, shape [n, 80]
 * @param elements label names (Be … Bi)
 * @param edges the {@code edges} strings, shape [n]
 * @param parameters per-spectrum parameters by name ({@link SimulationWriter#PARAMETERS}), each shape [n]
 * @param rangesJson the {@link SimulationRanges} as JSON
 */
public record SimulatedShard(Path file, long seed, long firstIndex, long[] index, float[][] spectra, byte[][] labels,
        List<String> elements, String[] edges, Map<String, double[]> parameters, String rangesJson) {

    /**
     * Reads a shard.
     *
     * @param file a {@code shard-NNNNN.h5}
     * @return its content
     * @throws NoSuchFileException if the file does not exist
     * @throws InvalidFileException if it is not a shard of format {@value SimulationWriter#FORMAT} (names the file and
     *         the missing or malformed item)
     */
    public static SimulatedShard read(Path file) throws NoSuchFileException, InvalidFileException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        try (HdfFile f = new HdfFile(file)) {
            String format = String.valueOf(attribute(file, f.getAttributes().get("format"), "format"));
            if (!SimulationWriter.FORMAT.equals(format)) {
                throw new InvalidFileException(file, "format attribute is '" + format + "', expected "
                        + SimulationWriter.FORMAT);
            }
            long[] index = (long[]) data(file, f.getChild("index"), "index");
            float[][] x = (float[][]) data(file, f.getChild("spectra"), "spectra");
            Object raw = data(file, f.getChild("labels"), "labels");
            byte[][] y = new byte[index.length][];
            if (raw instanceof int[][] wide) { // jhdf widens uint8 to int
                for (int i = 0; i < y.length; i++) {
                    y[i] = new byte[wide[i].length];
                    for (int j = 0; j < wide[i].length; j++) {
                        y[i][j] = (byte) wide[i][j];
                    }
                }
            } else {
                y = (byte[][]) raw;
            }
            String[] edges = (String[]) data(file, f.getChild("edges"), "edges");
            Map<String, double[]> p = new LinkedHashMap<>();
            Node group = f.getChild("parameters");
            if (!(group instanceof io.jhdf.api.Group g)) {
                throw new InvalidFileException(file, "no 'parameters' group");
            }
            for (String name : SimulationWriter.PARAMETERS) {
                p.put(name, (double[]) data(file, g.getChild(name), "parameters/" + name));
            }
            if (x.length != index.length || y.length != index.length || edges.length != index.length) {
                throw new InvalidFileException(file, "spectra, labels, edges and index differ in length");
            }
            return new SimulatedShard(file, (Long) attribute(file, f.getAttributes().get("seed"), "seed"),
                    (Long) attribute(file, f.getAttributes().get("first_index"), "first_index"), index, x, y,
                    List.of((String[]) attribute(file, f.getAttributes().get("elements"), "elements")), edges, p,
                    String.valueOf(attribute(file, f.getAttributes().get("ranges"), "ranges")));
        } catch (ClassCastException e) {
            throw new InvalidFileException(file, "unexpected data type in a simulated shard: " + e.getMessage());
        } catch (io.jhdf.exceptions.HdfException e) {
            throw new InvalidFileException(file, "not a readable HDF5 file: " + e.getMessage());
        }
    }

    private static Object attribute(Path file, Attribute a, String name) throws InvalidFileException {
        if (a == null) {
            throw new InvalidFileException(file, "attribute '" + name + "' missing");
        }
        return a.getData();
    }

    private static Object data(Path file, Node n, String name) throws InvalidFileException {
        if (!(n instanceof Dataset d)) {
            throw new InvalidFileException(file, "dataset '" + name + "' missing");
        }
        return d.getData();
    }
}
