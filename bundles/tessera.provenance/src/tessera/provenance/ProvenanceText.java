package tessera.provenance;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import tessera.provenance.model.Activity;
import tessera.provenance.model.ActivityStatus;
import tessera.provenance.model.Agent;
import tessera.provenance.model.Association;
import tessera.provenance.model.Communication;
import tessera.provenance.model.Derivation;
import tessera.provenance.model.Entity;
import tessera.provenance.model.EntityKind;
import tessera.provenance.model.Generation;
import tessera.provenance.model.ParameterValue;
import tessera.provenance.model.Plan;
import tessera.provenance.model.Record;
import tessera.provenance.model.Usage;

/**
 * Readable terminal rendering of a record's step graph: the record header, agents and plan, then each activity
 * in record order with its status, step id, contributing bundle@version, duration, parameters with units,
 * seed, the entities it used and generated (kind, location, shape, dtype, value, 12-character SHA-256 prefix),
 * the activities that informed it and, for failures, the error message. Plain ASCII, lines of at most about
 * 100 characters except for long paths and error messages, which are never cut.
 */
public final class ProvenanceText {
    /** Number of hexadecimal characters of a SHA-256 shown. */
    public static final int SHORT_HASH = 12;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private ProvenanceText() {
    }

    /**
     * @param record the record
     * @return the rendering, lines separated by '\n', ending with '\n'
     */
    public static String show(Record record) {
        StringBuilder sb = new StringBuilder();
        sb.append("Provenance record ").append(nz(record.getId()));
        if (record.getLabel() != null) {
            sb.append(" \"").append(record.getLabel()).append('"');
        }
        sb.append('\n');
        List<String> head = new ArrayList<>();
        if (record.getCreated() != null) {
            head.add("created " + TIME.format(record.getCreated().toInstant()));
        }
        if (record.getTesseraVersion() != null) {
            head.add("Tessera " + record.getTesseraVersion());
        }
        if (!head.isEmpty()) {
            sb.append("  ").append(String.join(", ", head)).append('\n');
        }
        for (Agent a : record.getAgents()) {
            sb.append("  agent ").append(a.getKind() == null ? "?" : a.getKind().getLiteral().toLowerCase(java.util.Locale.ROOT)).append(": ")
                    .append(nz(a.getName()));
            if (a.getVersion() != null && !a.getVersion().isBlank()) {
                sb.append(' ').append(a.getVersion());
            }
            sb.append('\n');
        }
        for (Entity e : record.getEntities()) {
            if (e instanceof Plan p) {
                sb.append("  plan ").append(nz(p.getId()));
                if (p.getUri() != null) {
                    sb.append(' ').append(p.getUri());
                }
                sb.append(" (").append(nz(p.getFormat())).append(", ").append(p.getText() == null ? 0 : p.getText().length()).append(" characters");
                if (p.getSha256() != null) {
                    sb.append(", sha256 ").append(shortHash(p.getSha256()));
                }
                sb.append(")\n");
            }
        }

        Map<Activity, List<Usage>> used = new HashMap<>();
        for (Usage u : record.getUsages()) {
            used.computeIfAbsent(u.getActivity(), k -> new ArrayList<>()).add(u);
        }
        Map<Activity, List<Generation>> generated = new HashMap<>();
        for (Generation g : record.getGenerations()) {
            generated.computeIfAbsent(g.getActivity(), k -> new ArrayList<>()).add(g);
        }
        Map<Activity, List<Activity>> informants = new HashMap<>();
        for (Communication c : record.getCommunications()) {
            informants.computeIfAbsent(c.getInformed(), k -> new ArrayList<>()).add(c.getInformant());
        }
        Map<Activity, List<Agent>> agents = new HashMap<>();
        for (Association a : record.getAssociations()) {
            if (a.getAgent() != null && a.getAgent().getKind() == tessera.provenance.model.AgentKind.SCRIPT) {
                agents.computeIfAbsent(a.getActivity(), k -> new ArrayList<>()).add(a.getAgent());
            }
        }
        List<Activity> acts = record.getActivities();
        int width = String.valueOf(acts.size()).length();
        for (int i = 0; i < acts.size(); i++) {
            Activity a = acts.get(i);
            sb.append('\n');
            sb.append(String.format("[%" + width + "d] %s  %s", i + 1, nz(a.getStepName() != null ? a.getStepName() : a.getId()),
                    a.getStatus() == null ? "?" : a.getStatus().getLiteral()));
            String d = duration(a.getStartTime(), a.getEndTime());
            if (d != null) {
                sb.append("  ").append(d);
            }
            sb.append('\n');
            String indent = " ".repeat(width + 3);
            sb.append(indent).append("step ").append(nz(a.getStepId()));
            if (a.getBundleSymbolicName() != null) {
                sb.append("  (").append(a.getBundleSymbolicName());
                if (a.getBundleVersion() != null) {
                    sb.append('@').append(a.getBundleVersion());
                }
                sb.append(')');
            }
            sb.append('\n');
            if (a.getStartTime() != null) {
                sb.append(indent).append("started ").append(TIME.format(a.getStartTime().toInstant())).append('\n');
            }
            if (!a.getParameters().isEmpty()) {
                sb.append(indent).append("parameters: ")
                        .append(a.getParameters().stream().map(ProvenanceText::parameter).collect(Collectors.joining(", "))).append('\n');
            }
            if (a.getSeed() != null) {
                sb.append(indent).append("seed: ").append(a.getSeed()).append('\n');
            }
            for (Agent s : agents.getOrDefault(a, List.of())) {
                sb.append(indent).append("script: ").append(nz(s.getName())).append('\n');
            }
            for (Activity inf : informants.getOrDefault(a, List.of())) {
                int j = acts.indexOf(inf);
                sb.append(indent).append("after: ").append(j >= 0 ? "[" + (j + 1) + "] " : "").append(nz(inf.getStepName() != null ? inf.getStepName() : inf.getId()))
                        .append('\n');
            }
            for (Usage u : used.getOrDefault(a, List.of())) {
                sb.append(indent).append("used      ").append(entity(u.getEntity(), u.getRole())).append('\n');
            }
            for (Generation g : generated.getOrDefault(a, List.of())) {
                sb.append(indent).append("generated ").append(entity(g.getEntity(), g.getRole())).append('\n');
            }
            if (a.getStatus() == ActivityStatus.FAILED || a.getErrorMessage() != null) {
                sb.append(indent).append("error: ").append(a.getErrorMessage() == null ? "(no message)" : a.getErrorMessage().replace('\n', ' '))
                        .append('\n');
            }
        }
        if (!record.getDerivations().isEmpty()) {
            sb.append("\nderivations:\n");
            for (Derivation d : record.getDerivations()) {
                sb.append("  ").append(name(d.getGeneratedEntity())).append(" <- ").append(name(d.getUsedEntity()));
                if (d.getActivity() != null) {
                    sb.append("  by ").append(nz(d.getActivity().getStepName() != null ? d.getActivity().getStepName() : d.getActivity().getId()));
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /**
     * @param sha256 hexadecimal digest or null
     * @return its first {@value #SHORT_HASH} characters, or "-" for null
     */
    public static String shortHash(String sha256) {
        if (sha256 == null) {
            return "-";
        }
        return sha256.length() <= SHORT_HASH ? sha256 : sha256.substring(0, SHORT_HASH);
    }

    private static String parameter(ParameterValue p) {
        return nz(p.getName()) + "=" + nz(p.getValue()) + (p.getUnits() == null || p.getUnits().isEmpty() ? "" : " " + p.getUnits());
    }

    private static String entity(Entity e, String role) {
        if (e == null) {
            return "?";
        }
        StringBuilder sb = new StringBuilder();
        if (role != null) {
            sb.append(role).append(": ");
        }
        EntityKind k = e.getKind() == null ? EntityKind.FILE : e.getKind();
        sb.append(k.getLiteral().toLowerCase(java.util.Locale.ROOT)).append(' ');
        if (k == EntityKind.VALUE) {
            sb.append(e.getLabel() != null ? e.getLabel() : nz(e.getId())).append(" = ").append(nz(e.getValue()));
        } else {
            sb.append(e.getUri() != null ? e.getUri() : nz(e.getLabel() != null ? e.getLabel() : e.getId()));
            if (e.getPathInFile() != null) {
                sb.append(" ").append(e.getPathInFile());
            }
            if (!e.getShape().isEmpty()) {
                sb.append(' ').append(e.getShape().stream().map(String::valueOf).collect(Collectors.joining("x")));
            }
            if (e.getDtype() != null) {
                sb.append(' ').append(e.getDtype());
            }
            if (e.getSha256() != null) {
                sb.append("  sha256 ").append(shortHash(e.getSha256()));
            }
        }
        return sb.toString();
    }

    private static String name(Entity e) {
        if (e == null) {
            return "?";
        }
        return e.getLabel() != null ? e.getLabel() : nz(e.getId());
    }

    /** @return "1.234 s", "2 min 3.4 s", "1 h 2 min" or null when a time is missing */
    private static String duration(Date start, Date end) {
        if (start == null || end == null) {
            return null;
        }
        Duration d = Duration.between(Instant.ofEpochMilli(start.getTime()), Instant.ofEpochMilli(end.getTime()));
        long ms = d.toMillis();
        if (ms < 60_000) {
            return String.format(java.util.Locale.ROOT, "%.3f s", ms / 1000.0);
        }
        if (ms < 3_600_000) {
            return String.format(java.util.Locale.ROOT, "%d min %.1f s", ms / 60_000, (ms % 60_000) / 1000.0);
        }
        return String.format(java.util.Locale.ROOT, "%d h %d min", ms / 3_600_000, (ms % 3_600_000) / 60_000);
    }

    private static String nz(String s) {
        return s == null ? "-" : s;
    }
}
