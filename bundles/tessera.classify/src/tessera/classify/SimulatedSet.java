package tessera.classify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import tessera.core.io.InvalidFileException;
import tessera.eels.sim.SimulatedShard;
import tessera.eels.sim.SimulationWriter;
import tools.jackson.databind.JsonNode;

/**
 * A directory written by {@code tessera simulate eels} ({@link SimulationWriter}): its manifest and shards, read one
 * shard at a time so that a training or evaluation set never has to fit in memory.
 *
 * @param directory      the directory
 * @param manifestSha256 SHA-256 of its {@value SimulationWriter#MANIFEST}, hex (what the training record cites)
 * @param seed           the simulator's seed
 * @param count          spectra in the set
 * @param shards         shard files in index order
 * @param shardCounts    spectra per shard
 * @param elements       label names, in label order
 */
public record SimulatedSet(Path directory, String manifestSha256, long seed, long count, List<Path> shards, List<Integer> shardCounts,
        List<String> elements) {

    /** Copies the lists. */
    public SimulatedSet {
        shards = List.copyOf(shards);
        shardCounts = List.copyOf(shardCounts);
        elements = List.copyOf(elements);
    }

    /**
     * Opens a simulated set.
     *
     * @param directory a directory written by {@code tessera simulate eels}
     * @return the set
     * @throws NoSuchFileException  if it has no manifest or a listed shard is missing
     * @throws InvalidFileException if the manifest is of another format, incomplete (an interrupted simulation), or
     *                              lists no shard
     * @throws IOException          on a read error
     */
    public static SimulatedSet open(Path directory) throws IOException {
        Path manifest = directory.resolve(SimulationWriter.MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            throw new NoSuchFileException(manifest.toString(), null, "not a simulated set (tessera simulate eels): no " + SimulationWriter.MANIFEST);
        }
        byte[] bytes = Files.readAllBytes(manifest);
        JsonNode n;
        try {
            n = ModelCard.JSON.readTree(bytes);
        } catch (tools.jackson.core.JacksonException e) {
            throw new InvalidFileException(manifest, "not JSON: " + e.getOriginalMessage());
        }
        if (!SimulationWriter.FORMAT.equals(n.path("format").asString(""))) {
            throw new InvalidFileException(manifest, "format is '" + n.path("format").asString("") + "', expected " + SimulationWriter.FORMAT);
        }
        if (!n.path("complete").asBoolean(false)) {
            throw new InvalidFileException(manifest, "the simulation did not complete (resume it with tessera simulate eels)");
        }
        List<Path> shards = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        for (JsonNode s : n.path("shards")) {
            Path f = directory.resolve(s.path("file").asString(""));
            if (!Files.isRegularFile(f)) {
                throw new NoSuchFileException(f.toString(), null, "a shard listed in " + manifest + " is missing");
            }
            shards.add(f);
            counts.add(s.path("count").asInt());
        }
        if (shards.isEmpty()) {
            throw new InvalidFileException(manifest, "lists no shard");
        }
        List<String> elements = new ArrayList<>();
        n.path("elements").forEach(e -> elements.add(e.asString()));
        return new SimulatedSet(directory, HexFormat.of().formatHex(tessera.classify.internal.TrainingSupport.sha256().digest(bytes)), n.path("seed").asLong(),
                n.path("count").asLong(), shards, counts, elements);
    }

    /**
     * Spectra with their labels, held in memory.
     *
     * @param spectra network inputs {@code [n][3072]}
     * @param labels  multi-hot labels {@code [n][80]}
     */
    public record Labelled(float[][] spectra, byte[][] labels) {
    }

    /**
     * Reads up to {@code max} spectra from the first shards on (a validation or test set).
     *
     * @param max spectra at most
     * @return the spectra and labels
     * @throws IOException if a shard cannot be read
     */
    public Labelled first(int max) throws IOException {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < shards.size(); i++) {
            all.add(i);
        }
        return read(all, max);
    }

    /**
     * Reads up to {@code max} spectra from the given shards, in order.
     *
     * @param shardIndices shard indices
     * @param max          spectra at most
     * @return the spectra and labels
     * @throws IOException if a shard cannot be read
     */
    public Labelled read(List<Integer> shardIndices, int max) throws IOException {
        List<float[]> x = new ArrayList<>();
        List<byte[]> y = new ArrayList<>();
        for (int s : shardIndices) {
            if (x.size() >= max) {
                break;
            }
            SimulatedShard sh = shard(s);
            for (int i = 0; i < sh.spectra().length && x.size() < max; i++) {
                x.add(sh.spectra()[i]);
                y.add(sh.labels()[i]);
            }
        }
        return new Labelled(x.toArray(float[][]::new), y.toArray(byte[][]::new));
    }

    /**
     * Reads one shard.
     *
     * @param i shard index
     * @return its spectra and labels
     * @throws IOException if it cannot be read or is malformed
     */
    public SimulatedShard shard(int i) throws IOException {
        return SimulatedShard.read(shards.get(i));
    }
}
