package tessera.decompose.tests;

import org.junit.jupiter.api.Assumptions;

import tessera.math.Kernels;

/** Runs test code on the OpenBLAS backend or on the Java kernels of {@link Kernels}. */
final class Backends {
    private Backends() {
    }

    /**
     * @param nativeBackend true: OpenBLAS (the test is skipped where it does not load); false: Java kernels
     * @param body          the test code
     */
    static void with(boolean nativeBackend, Runnable body) {
        String old = System.getProperty(Kernels.NATIVE_PROPERTY);
        System.setProperty(Kernels.NATIVE_PROPERTY, Boolean.toString(nativeBackend));
        try {
            if (nativeBackend) {
                Assumptions.assumeTrue(Kernels.backend().startsWith("OpenBLAS"), () -> "no OpenBLAS: " + Kernels.javaBackendReason());
            }
            body.run();
        } finally {
            if (old == null) {
                System.clearProperty(Kernels.NATIVE_PROPERTY);
            } else {
                System.setProperty(Kernels.NATIVE_PROPERTY, old);
            }
        }
    }
}
