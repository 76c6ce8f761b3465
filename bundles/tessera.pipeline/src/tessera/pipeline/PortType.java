package tessera.pipeline;

import java.nio.file.Path;

import tessera.core.analysis.ClusterResult;
import tessera.core.analysis.DecompositionResult;
import tessera.core.model.Dataset;

/**
 * The kinds of value that flow between pipeline steps, with the Java type a step receives or
 * returns for each. Provenance records every value as an entity of the matching kind.
 */
public enum PortType {
    /** a file on disk: {@link Path} as an input; {@link WrittenFile} as an output */
    FILE(Object.class),
    /** a calibrated {@link Dataset} (spectrum image, line scan, spectrum, image stack) */
    DATASET(Dataset.class),
    /** a {@link DecompositionResult}: factors, loadings and, for PCA, the explained variances */
    DECOMPOSITION(DecompositionResult.class),
    /** a {@link ClusterResult}: labels per navigation position and centres */
    CLUSTERING(ClusterResult.class),
    /** a scalar: {@link Integer}, {@link Long}, {@link Double}, {@link Boolean} or {@link String} */
    VALUE(Object.class);

    private final Class<?> javaType;

    PortType(Class<?> javaType) {
        this.javaType = javaType;
    }

    /** @return the Java type of values of this kind ({@code Object} for FILE and VALUE, which accept several) */
    public Class<?> javaType() {
        return javaType;
    }
}
