package tessera.eels.quant;

/**
 * Energy windows of background-subtracted edge integration (Egerton, <i>Electron Energy-Loss Spectroscopy in the
 * Electron Microscope</i>, 3rd ed., Springer 2011, doi:10.1007/978-1-4419-9583-4, §4.4–4.5): a power law is fitted
 * in the pre-edge window {@code [backgroundLowEv, backgroundHighEv]} and the signal above it is summed over
 * {@code [signalLowEv, signalHighEv)}.
 * <p>
 * Channel selection on an axis {@code e} (as HyperSpy 1.7.3's {@code remove_background(signal_range)} and
 * {@code isig[lo:hi]}): background channels {@code e.index(backgroundLowEv) .. e.index(backgroundHighEv)},
 * signal channels {@code i} with {@code e.index(signalLowEv) <= i < e.index(signalHighEv)}, where {@code index}
 * rounds to the nearest channel.
 *
 * @param backgroundLowEv start of the pre-edge fit window in eV (&gt; 0)
 * @param backgroundHighEv end of the pre-edge fit window in eV (&gt; backgroundLowEv)
 * @param signalLowEv start of the integration window in eV (usually the edge onset)
 * @param signalHighEv end of the integration window in eV; {@code signalHighEv − signalLowEv} is the Δ of the
 *        partial cross section σ(β, Δ)
 */
public record IntegrationWindow(double backgroundLowEv, double backgroundHighEv, double signalLowEv, double signalHighEv) {

    /**
     * @throws IllegalArgumentException if a window is empty, not finite, or the background window is not positive
     */
    public IntegrationWindow {
        if (!(backgroundLowEv > 0 && backgroundHighEv > backgroundLowEv && Double.isFinite(backgroundHighEv))) {
            throw new IllegalArgumentException("background window " + backgroundLowEv + "–" + backgroundHighEv + " eV must be positive and non-empty");
        }
        if (!(signalHighEv > signalLowEv && Double.isFinite(signalLowEv) && Double.isFinite(signalHighEv))) {
            throw new IllegalArgumentException("integration window " + signalLowEv + "–" + signalHighEv + " eV must be non-empty");
        }
    }

    /**
     * The usual windows of an edge: background {@code [onset − gap − width, onset − gap]}, signal
     * {@code [onset, onset + delta)}.
     *
     * @param onsetEv edge onset in eV
     * @param backgroundWidthEv width of the pre-edge window in eV (&gt; 0)
     * @param gapEv distance of the pre-edge window's end below the onset in eV (&ge; 0)
     * @param deltaEv integration width Δ in eV (&gt; 0)
     * @return the windows
     * @throws IllegalArgumentException if the windows are not valid (e.g. the background window reaches 0 eV)
     */
    public static IntegrationWindow forEdge(double onsetEv, double backgroundWidthEv, double gapEv, double deltaEv) {
        if (!(backgroundWidthEv > 0 && gapEv >= 0 && deltaEv > 0)) {
            throw new IllegalArgumentException("window widths must be positive (background " + backgroundWidthEv + ", gap " + gapEv + ", delta " + deltaEv + " eV)");
        }
        return new IntegrationWindow(onsetEv - gapEv - backgroundWidthEv, onsetEv - gapEv, onsetEv, onsetEv + deltaEv);
    }

    /** @return the integration width Δ = signalHighEv − signalLowEv in eV */
    public double deltaEv() {
        return signalHighEv - signalLowEv;
    }
}
