package tessera.pipeline.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.eels.Edge;
import tessera.eels.EdgeTable;
import tessera.edx.XrayLine;
import tessera.edx.XrayLines;

/**
 * The energy markers of a spectrum's elements ({@code Sample.elements}) for report charts: on an EDX spectrum (keV)
 * each element's α lines (Kα, Lα, Mα; {@link XrayLines}) inside the axis and below the beam energy, on an EELS
 * spectrum (eV) its major edges ({@link EdgeTable}).
 */
final class SpectrumMarkers {

    private SpectrumMarkers() {
    }

    /**
     * @param data a spectrum dataset, signal axis last
     * @return label → position in the axis' units; empty without elements, for other units, or an unknown element
     */
    static Map<String, Double> of(Dataset data) {
        Map<String, Double> out = new LinkedHashMap<>();
        List<String> elements = data.metadata().elements();
        if (elements.isEmpty() || data.signalAxes().size() != 1) {
            return out;
        }
        Axis e = data.axis(data.rank() - 1);
        double lo = Math.min(e.value(0), e.high());
        double hi = Math.max(e.value(0), e.high());
        String units = e.units().trim();
        if (units.equalsIgnoreCase("keV")) {
            double beam = data.metadata().beamEnergyKv().orElse(Double.POSITIVE_INFINITY);
            for (String el : elements) {
                for (XrayLine l : XrayLines.standard().of(el, lo, hi)) {
                    if (l.alpha() && l.energyKev() < beam) {
                        out.put(l.label(), l.energyKev());
                    }
                }
            }
        } else if (units.equalsIgnoreCase("eV")) {
            for (String el : elements) {
                try {
                    for (Edge ed : EdgeTable.standard().of(el, lo, hi)) {
                        if (ed.major()) {
                            out.put(ed.element() + "-" + ed.subshell(), ed.onsetEv());
                        }
                    }
                } catch (IllegalArgumentException unknown) {
                    // an element symbol the edge table does not know: no marker
                }
            }
        }
        return out;
    }

    /** @return a caption for the markers of {@code data}, e.g. "X-ray lines (Kα, Lα, Mα) of Fe, Pt" */
    static String caption(Dataset data) {
        boolean kev = data.axis(data.rank() - 1).units().trim().equalsIgnoreCase("keV");
        return (kev ? "X-ray lines (Kα, Lα, Mα) of " : "major edges of ") + String.join(", ", data.metadata().elements());
    }
}
