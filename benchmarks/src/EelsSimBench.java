import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import tessera.core.analysis.ProgressMonitor;
import tessera.eels.sim.EelsSimulator;
import tessera.eels.sim.SimulatedShard;
import tessera.eels.sim.SimulatedSpectrum;
import tessera.eels.sim.SimulationRanges;
import tessera.eels.sim.SimulationWriter;

/**
 * Throughput of tessera.eels.sim.EelsSimulator written through tessera.eels.sim.SimulationWriter (the bundle's
 * streaming HDF5 shard writer, as `tessera simulate eels` uses it): N spectra, CHUNK per shard, all processors; then
 * the same first 1000 spectra simulated on one thread without writing, for reference. Also writes a 12-spectrum
 * gallery PNG. Usage: java -cp ... EelsSimBench N CHUNK OUTDIR GALLERY.png
 */
public final class EelsSimBench {
    public static void main(String[] a) throws Exception {
        int n = Integer.parseInt(a[0]);
        int chunk = Integer.parseInt(a[1]);
        Path out = Path.of(a[2]);
        int threads = Runtime.getRuntime().availableProcessors();
        EelsSimulator sim = new EelsSimulator(SimulationRanges.ANNYS_2023, 2023);
        for (int i = 0; i < 200; i++) {
            sim.simulate(i);
        }
        System.out.println("load average before: " + Files.readString(Path.of("/proc/loadavg")).trim());
        SimulationWriter.Summary sum = SimulationWriter.write(sim, n, new SimulationWriter.Options(chunk, threads, true), out,
                ProgressMonitor.NULL);
        System.out.printf("%d spectra (simulate + HDF5 shards of %d) in %.1f s on %d threads: %.0f spectra/s; 100 000 would take %.0f s%n",
                n, chunk, sum.seconds(), threads, sum.spectraPerSecond(), 1e5 / sum.spectraPerSecond());
        System.out.println("load average after: " + Files.readString(Path.of("/proc/loadavg")).trim());
        long t0 = System.nanoTime();
        int m = Math.min(n, 1000);
        for (int i = 0; i < m; i++) {
            sim.simulate(i);
        }
        double dt = (System.nanoTime() - t0) / 1e9;
        System.out.printf("one thread, no writing: %d spectra in %.1f s: %.0f spectra/s%n", m, dt, m / dt);
        SimulatedShard back = SimulatedShard.read(sum.shards().get(0));
        System.out.println("read back " + sum.shards().get(0).getFileName() + ": " + back.spectra().length + " x "
                + back.spectra()[0].length + ", spectrum 0 equal: "
                + java.util.Arrays.equals(back.spectra()[0], sim.simulate(0).spectrum()));
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
