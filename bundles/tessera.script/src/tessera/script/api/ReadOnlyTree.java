package tessera.script.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * A read-only view of a tree of names and values (metadata, plug-in listings) that scripts
 * read with attribute syntax in both languages: {@code s.metadata.Acquisition_instrument.TEM.beam_energy}.
 * Writing a member throws {@link UnsupportedOperationException}.
 */
public final class ReadOnlyTree implements ProxyObject {
    private final Map<String, Object> members;
    private final String what;

    /**
     * @param members names to values (nested maps become trees, lists become arrays)
     * @param what    what the tree is, for the read-only message
     */
    public ReadOnlyTree(Map<String, ?> members, String what) {
        this.members = new LinkedHashMap<>(members);
        this.what = what;
    }

    @Override
    public Object getMember(String key) {
        return wrap(members.get(key), what);
    }

    @Override
    public Object getMemberKeys() {
        return ProxyArray.fromList(new ArrayList<>(members.keySet()));
    }

    @Override
    public boolean hasMember(String key) {
        return members.containsKey(key);
    }

    @Override
    public void putMember(String key, Value value) {
        throw new UnsupportedOperationException(what + " is read-only (cannot set '" + key + "')");
    }

    @Override
    public boolean removeMember(String key) {
        throw new UnsupportedOperationException(what + " is read-only (cannot remove '" + key + "')");
    }

    @Override
    public String toString() {
        return members.toString();
    }

    @SuppressWarnings("unchecked")
    static Object wrap(Object v, String what) {
        if (v instanceof Map<?, ?> m) {
            return new ReadOnlyTree((Map<String, ?>) m, what);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object o : l) {
                out.add(wrap(o, what));
            }
            return ProxyArray.fromList(java.util.Collections.unmodifiableList(out));
        }
        if (v instanceof double[] d) {
            List<Object> out = new ArrayList<>();
            for (double x : d) {
                out.add(x);
            }
            return ProxyArray.fromList(out);
        }
        if (v instanceof int[] d) {
            List<Object> out = new ArrayList<>();
            for (int x : d) {
                out.add(x);
            }
            return ProxyArray.fromList(out);
        }
        if (v == null || v instanceof Number || v instanceof Boolean || v instanceof String) {
            return v;
        }
        return v.toString();
    }
}
