package tessera.provenance.tests;

import org.openprovenance.prov.model.ProvFactory;

/**
 * The tests' access to ProvToolbox 0.9.27 (org.openprovenance.prov), used only to read the exports back. ProvToolbox
 * logs through the Log4j 2 API; the test runtime has the API without an implementation, so the API is pointed at its
 * built-in simple logger before the first ProvToolbox class loads (otherwise it prints a "could not find a logging
 * implementation" error).
 */
final class ProvToolbox {
    static {
        if (System.getProperty("log4j2.loggerContextFactory") == null) {
            System.setProperty("log4j2.loggerContextFactory", "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
        }
    }

    private ProvToolbox() {
    }

    /** @return ProvToolbox's PROV-DM factory */
    static ProvFactory factory() {
        return org.openprovenance.prov.vanilla.ProvFactory.getFactory();
    }
}
