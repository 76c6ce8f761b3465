package tessera.cli.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Installs vendor plug-in jars dropped into the product's {@code dropins/} folder (and any
 * folder named by the {@code TESSERA_DROPINS} environment variable) at start-up, so their
 * extension-point contributions appear in the registry. Jars already installed (same
 * location) are skipped; a jar that fails to install is reported on stderr and ignored.
 */
final class Dropins {
    private Dropins() {
    }

    static void installFromDefaultLocations() {
        List<Path> dirs = new ArrayList<>();
        String install = System.getProperty("eclipse.home.location", System.getProperty("osgi.install.area"));
        if (install != null) {
            try {
                dirs.add(Path.of(new java.net.URI(install.replace(" ", "%20"))).resolve("dropins"));
            } catch (java.net.URISyntaxException | IllegalArgumentException e) {
                System.err.println("tessera: warning: cannot locate the install area " + install + ": " + e.getMessage());
            }
        }
        String env = System.getenv("TESSERA_DROPINS");
        if (env != null && !env.isBlank()) {
            for (String s : env.split(java.io.File.pathSeparator)) {
                dirs.add(Path.of(s));
            }
        }
        install(dirs);
    }

    static void install(List<Path> dirs) {
        Bundle self = FrameworkUtil.getBundle(Dropins.class);
        if (self == null || self.getBundleContext() == null) {
            return;
        }
        BundleContext ctx = self.getBundleContext();
        List<Bundle> installed = new ArrayList<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(dir, "*.jar")) {
                for (Path jar : jars) {
                    String loc = jar.toUri().toString();
                    if (ctx.getBundle(loc) != null) {
                        continue;
                    }
                    try {
                        installed.add(ctx.installBundle(loc));
                    } catch (BundleException e) {
                        System.err.println("tessera: warning: cannot install dropin " + jar + ": " + e.getMessage());
                    }
                }
            } catch (IOException e) {
                System.err.println("tessera: warning: cannot list " + dir + ": " + e.getMessage());
            }
        }
        if (!installed.isEmpty()) {
            ctx.getBundle(0).adapt(FrameworkWiring.class).resolveBundles(installed);
            for (Bundle b : installed) {
                if (b.getState() != Bundle.RESOLVED && b.getState() != Bundle.ACTIVE) {
                    System.err.println("tessera: warning: dropin " + b.getSymbolicName() + " does not resolve (missing imports?)");
                }
            }
        }
    }
}
