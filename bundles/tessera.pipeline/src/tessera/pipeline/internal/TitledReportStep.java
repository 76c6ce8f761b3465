package tessera.pipeline.internal;

import java.util.List;

import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.pipeline.Port;
import tessera.pipeline.PortType;
import tessera.pipeline.Step;

/**
 * What the report steps of the command jobs (atoms, lattice, windows, track, dynamics, identify, valence, map) share:
 * one string parameter {@code file} (the input file's name, for the report's title), no literature of their own (the
 * steps they report on cite it), and one output port {@code report}, the file {@value #REPORT}. Subclasses give their
 * inputs and {@code execute}.
 */
abstract class TitledReportStep implements Step {
    /** the report file every such step writes */
    static final String REPORT_FILE = "report.html";
    private final String fileDescription;

    /** @param fileDescription what the {@code file} parameter names, e.g. "the image file's name, for the report title" */
    TitledReportStep(String fileDescription) {
        this.fileDescription = fileDescription;
    }

    @Override
    public final List<ParameterSpec> parameters() {
        return List.of(ParameterSpec.ofString("file", "", fileDescription));
    }

    @Override
    public final List<LiteratureReference> references() {
        return List.of();
    }

    @Override
    public final List<Port> outputs() {
        return List.of(Port.of("report", PortType.FILE, REPORT_FILE));
    }
}
