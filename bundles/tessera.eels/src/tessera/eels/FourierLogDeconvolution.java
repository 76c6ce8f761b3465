package tessera.eels;

import java.util.List;
import java.util.Map;

import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.Preprocessor;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.math.Fft;
import tessera.eels.internal.Spectra;

/**
 * {@code tessera.eels.fourier-log}: Fourier-log deconvolution (Egerton 2011, §4.2.1): the single-scattering
 * distribution {@code S = F⁻¹[ Z · ln(J / Z) ]}, where {@code J} is the Fourier transform of the measured spectrum
 * (zero-loss peak included) and {@code Z} that of its zero-loss peak (auxiliary input {@code zlp}), so the result
 * keeps the ZLP's resolution broadening and its energy axis. As HyperSpy 1.7.3's
 * {@code fourier_log_deconvolution(zlp, add_zlp=False)}: the last 2 % of the channels of the spectrum are tapered
 * with a half Hann window, both are zero padded to a power of two ≥ {@code nJ + nZ - 1} against wrap-around, and
 * non-finite logarithms are set to 0.
 *
 * <p>The {@code zlp} dataset is either one spectrum used for every pixel or one spectrum per pixel (same navigation
 * shape); its channels must have the data's energy scale and start at the data's first energy.
 */
public final class FourierLogDeconvolution implements Preprocessor {

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(ParameterSpec.ofBoolean("addZlp", false, "add the zero-loss peak back to the result"));
    }

    @Override
    public List<LiteratureReference> references() {
        return List.of(References.egerton("§4.2.1 (Fourier-log deconvolution)"), References.hyperspy("EELSSpectrum.fourier_log_deconvolution"));
    }

    @Override
    public List<String> auxiliaryInputs() {
        return List.of("zlp");
    }

    @Override
    public List<String> requiredAuxiliaryInputs() {
        return List.of("zlp");
    }

    @Override
    public Result apply(Dataset data, Map<String, Dataset> auxiliary, Parameters p, ProgressMonitor monitor) {
        Axis e = Spectra.signalAxis(data, "Fourier-log input");
        Dataset zlp = auxiliary.get("zlp");
        Axis ez = Spectra.signalAxis(zlp, "zero-loss peak 'zlp'");
        if (Math.abs(ez.scale() - e.scale()) > 1e-6 * Math.abs(e.scale()) || Math.abs(ez.offset() - e.offset()) > 0.5 * Math.abs(e.scale())) {
            throw new IllegalArgumentException("zero-loss peak axis (offset " + ez.offset() + ", scale " + ez.scale() + ") does not match the data's (offset "
                    + e.offset() + ", scale " + e.scale() + ")");
        }
        int n = e.size();
        int nz = ez.size();
        int pixels = (int) data.navigationSize();
        long zPixels = zlp.navigationSize();
        if (zPixels != 1 && zPixels != pixels) {
            throw new IllegalArgumentException("zero-loss peak has " + zPixels + " spectra; need 1 or one per pixel (" + pixels + ")");
        }
        double[] y = Spectra.values(data);
        double[] z = Spectra.values(zlp);
        int size = Fft.nextPow2(n + nz - 1);
        int taper = (int) Math.round(0.02 * n);
        double[] out = new double[pixels * n];
        boolean addZlp = p.getBoolean("addZlp");
        monitor.begin("Fourier-log deconvolution", pixels);
        for (int q = 0; q < pixels; q++) {
            double[] jr = new double[size];
            double[] ji = new double[size];
            System.arraycopy(y, q * n, jr, 0, n);
            for (int i = 0; i < taper; i++) {
                // numpy.hanning(2c)[c:] applied to the last c channels
                double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * (taper + i) / (2 * taper - 1));
                jr[n - taper + i] *= w;
            }
            double[] zr = new double[size];
            double[] zi = new double[size];
            int zo = zPixels == 1 ? 0 : q * nz;
            System.arraycopy(z, zo, zr, 0, nz);
            Fft.transform(jr, ji, false);
            Fft.transform(zr, zi, false);
            for (int k = 0; k < size; k++) {
                // ln(J/Z) = ln|J/Z| + i arg(J/Z)
                double den = zr[k] * zr[k] + zi[k] * zi[k];
                double qr = (jr[k] * zr[k] + ji[k] * zi[k]) / den;
                double qi = (ji[k] * zr[k] - jr[k] * zi[k]) / den;
                double lr = 0.5 * Math.log(qr * qr + qi * qi);
                double li = Math.atan2(qi, qr);
                if (!Double.isFinite(lr) || !Double.isFinite(li)) {
                    lr = Double.isFinite(lr) ? lr : 0;
                    li = Double.isFinite(li) ? li : 0;
                }
                jr[k] = zr[k] * lr - zi[k] * li;
                ji[k] = zr[k] * li + zi[k] * lr;
            }
            Fft.transform(jr, ji, true);
            for (int i = 0; i < n; i++) {
                out[q * n + i] = jr[i] + (addZlp && i < nz ? z[zo + i] : 0);
            }
            monitor.worked(1);
        }
        monitor.done();
        return new Result(Spectra.withSignal(data, e, out), Map.of());
    }
}
