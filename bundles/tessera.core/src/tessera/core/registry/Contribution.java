package tessera.core.registry;

import java.util.Map;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IConfigurationElement;

/**
 * One contribution to a Tessera extension point, as read from the Eclipse extension
 * registry: its stable id, human name, contributing bundle and version, and all its XML
 * attributes.
 *
 * @param point         extension point simple id, e.g. {@code "readers"}
 * @param id            stable contribution id, e.g. {@code "tessera.io.gatan.dm"}
 * @param name          human name
 * @param bundle        symbolic name of the contributing bundle
 * @param bundleVersion version of the contributing bundle, e.g. {@code 0.1.0.202611241200}
 * @param attributes    all attributes of the contribution element
 * @param element       the registry element (used to instantiate the class)
 */
public record Contribution(String point, String id, String name, String bundle, String bundleVersion, Map<String, String> attributes,
        IConfigurationElement element) {

    /** @return attribute value or null */
    public String attribute(String key) {
        return attributes.get(key);
    }

    /**
     * Creates a new instance of the contributed class.
     *
     * @param <T>  service interface
     * @param type the service interface
     * @return the instance
     * @throws IllegalStateException if the class cannot be loaded or does not implement {@code type}
     */
    public <T> T create(Class<T> type) {
        try {
            Object o = element.createExecutableExtension("class");
            if (!type.isInstance(o)) {
                throw new IllegalStateException("contribution " + id + " from " + bundle + ": " + o.getClass().getName() + " is not a " + type.getName());
            }
            return type.cast(o);
        } catch (CoreException e) {
            throw new IllegalStateException("contribution " + id + " from " + bundle + " cannot be instantiated: " + e.getMessage(), e);
        }
    }
}
