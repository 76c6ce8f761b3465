package tessera.report.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.awt.GraphicsEnvironment;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

import tessera.report.ReportWriter;

/** The report bundle resolves inside OSGi against the wrapped JFreeChart and renders headless. */
class OsgiTest {

    @Test
    void reportBundleResolvesAgainstWrappedJFreeChart() {
        Bundle report = FrameworkUtil.getBundle(ReportWriter.class);
        assertNotNull(report, "loaded by an OSGi bundle");
        assertEquals("tessera.report", report.getSymbolicName());
        Bundle jfree = FrameworkUtil.getBundle(org.jfree.chart.JFreeChart.class);
        assertNotNull(jfree);
        assertEquals("wrapped.org.jfree.jfreechart", jfree.getSymbolicName());
        assertEquals(true, (report.getState() & (Bundle.RESOLVED | Bundle.ACTIVE | Bundle.STARTING)) != 0);
        assertEquals(true, GraphicsEnvironment.isHeadless());
    }
}
