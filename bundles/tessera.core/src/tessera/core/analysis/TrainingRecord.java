package tessera.core.analysis;

import java.util.Map;

/**
 * How a {@link SpectrumClassifier}'s model was trained, shown by {@code tessera plugins}, in reports and in the
 * provenance of every classification.
 *
 * @param architecture    the network or method (e.g. "vit", "unet", "svm-rbf", or "ensemble 2×vit+3×unet")
 * @param hyperParameters every hyper-parameter by name (learning rate, batch size, epochs, seed, ...)
 * @param data            what it was trained on (simulator and version, seed, number of spectra, SHA-256 of the data
 *                        manifest)
 * @param metrics         validation metrics by name (weighted F1, precision, recall, exact match ratio, RMSE)
 * @param threshold       the decision threshold chosen on validation data
 * @param provenance      the full training record as PROV-JSON text, or "" when the contributor gives none
 */
public record TrainingRecord(String architecture, Map<String, Object> hyperParameters, Map<String, Object> data,
        Map<String, Double> metrics, double threshold, String provenance) {

    /** Copies the maps. */
    public TrainingRecord {
        hyperParameters = Map.copyOf(hyperParameters);
        data = Map.copyOf(data);
        metrics = Map.copyOf(metrics);
        provenance = provenance == null ? "" : provenance;
    }
}
