import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import javax.imageio.ImageIO;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import tessera.eels.sim.EelsSimulator;
import tessera.eels.sim.SimulatedSpectrum;
import tessera.eels.sim.SimulationRanges;

/**
 * Throughput of tessera.eels.sim.EelsSimulator (all cores, parallel stream) with streaming HDF5 output: jhdf 0.13
 * writes whole datasets at close, so each chunk of spectra goes to its own file OUT/part-NNNNN.h5 with datasets
 * "spectra" float32 [n, 3072], "labels" int8 [n, 80] and attributes "elements", "seed", "first_index"; memory is
 * bounded by one chunk. Also writes a 12-spectrum gallery PNG.
 * Usage: java -cp ... EelsSimBench N CHUNK OUTDIR GALLERY.png
 */
public final class EelsSimBench {
    public static void main(String[] a) throws Exception {
        int n = Integer.parseInt(a[0]);
        int chunk = Integer.parseInt(a[1]);
        Path out = Path.of(a[2]);
        Files.createDirectories(out);
        EelsSimulator sim = new EelsSimulator(SimulationRanges.ANNYS_2023, 2023);
        sim.simulate(0);
        long t0 = System.nanoTime();
        for (int first = 0, part = 0; first < n; first += chunk, part++) {
            int m = Math.min(chunk, n - first);
            SimulatedSpectrum[] s = LongStream.range(first, first + m).parallel().mapToObj(sim::simulate)
                    .toArray(SimulatedSpectrum[]::new);
            float[][] x = new float[m][];
            byte[][] y = new byte[m][];
            for (int i = 0; i < m; i++) {
                x[i] = s[i].spectrum();
                y[i] = s[i].labels();
            }
            try (WritableHdfFile f = HdfFile.write(out.resolve(String.format("part-%05d.h5", part)))) {
                f.putDataset("spectra", x);
                f.putDataset("labels", y);
                f.putAttribute("elements", String.join(",", EelsSimulator.ELEMENTS));
                f.putAttribute("seed", 2023L);
                f.putAttribute("first_index", (long) first);
            }
        }
        double dt = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%d spectra (simulate + HDF5) in %.1f s on %d cores: %.0f spectra/s; 100 000 would take %.0f s%n",
                n, dt, Runtime.getRuntime().availableProcessors(), n / dt, 1e5 / (n / dt));
        try (HdfFile f = new HdfFile(out.resolve("part-00000.h5"))) {
            float[][] back = (float[][]) f.getDatasetByPath("spectra").getData();
            System.out.println("read back part-00000.h5: " + back.length + " x " + back[0].length);
        }
        // gallery
        int w = 600, h = 300;
        BufferedImage img = new BufferedImage(3 * w, 4 * h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        for (int i = 0; i < 12; i++) {
            SimulatedSpectrum s = sim.simulate(i);
            XYSeries ser = new XYSeries("spectrum");
            for (int k = 0; k < 3072; k++) {
                ser.add(k, s.spectrum()[k]);
            }
            List<String> lab = new ArrayList<>();
            for (int l = 0; l < 80; l++) {
                if (s.labels()[l] == 1) {
                    lab.add(EelsSimulator.ELEMENTS.get(l));
                }
            }
            String edges = String.join(" ", s.edges().stream().map(e -> e.element() + "-" + e.subshell() + "@" + (int) e.onsetEv()).toList());
            JFreeChart c = ChartFactory.createXYLineChart("#" + i + " " + lab + "  " + s.beamKv() + " kV, t/λ "
                    + String.format("%.2f", s.tOverLambda()), "energy loss (eV)", "normalised counts",
                    new XYSeriesCollection(ser));
            c.removeLegend();
            c.getTitle().setFont(c.getTitle().getFont().deriveFont(12f));
            c.addSubtitle(new org.jfree.chart.title.TextTitle(edges.length() > 110 ? edges.substring(0, 110) + "…" : edges,
                    new java.awt.Font("SansSerif", java.awt.Font.PLAIN, 9)));
            c.getXYPlot().getRenderer().setSeriesStroke(0, new BasicStroke(0.8f));
            c.getXYPlot().getRenderer().setSeriesPaint(0, Color.BLUE.darker());
            c.draw(g, new java.awt.geom.Rectangle2D.Double((i % 3) * w, (i / 3) * h, w, h));
        }
        g.dispose();
        ImageIO.write(img, "png", Path.of(a[3]).toFile());
    }
}
