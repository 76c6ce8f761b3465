package tessera.pipeline.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tessera.core.analysis.ClusterResult;
import tessera.core.analysis.DecompositionResult;
import tessera.core.analysis.ParameterSpec;
import tessera.core.model.Dataset;
import tessera.core.registry.Registry;
import tessera.pipeline.Port;
import tessera.pipeline.StepDescriptor;
import tessera.pipeline.WrittenFile;
import tessera.provenance.ContentHash;
import tessera.provenance.model.Activity;
import tessera.provenance.model.ActivityStatus;
import tessera.provenance.model.Agent;
import tessera.provenance.model.AgentKind;
import tessera.provenance.model.Entity;
import tessera.provenance.model.EntityKind;
import tessera.provenance.model.ParameterValue;
import tessera.provenance.model.Plan;
import tessera.provenance.model.ProvenanceFactory;
import tessera.provenance.model.Record;

/**
 * Builds the provenance {@link Record} of one pipeline run after the W3C PROV data model
 * (PROV-DM, W3C Recommendation 30 April 2013, https://www.w3.org/TR/prov-dm/): one Activity per
 * step, an Entity per value that flows (keyed by its reference {@code step.port} or
 * {@code $input}), and the relations used, wasGeneratedBy, wasAssociatedWith, wasDerivedFrom and
 * wasInformedBy.
 * Values that flow are not changed after the step that made them (the steps' contract), so each distinct value
 * (by identity) is hashed once however many entities it becomes.
 * Not thread-safe; the engine runs steps one at a time.
 */
public final class Recorder {
    /** role of a pipeline-input entity's id prefix */
    public static final String INPUT_ID_PREFIX = "input-";
    private static final ProvenanceFactory F = ProvenanceFactory.eINSTANCE;

    private final Record record;
    private final Agent person;
    private final Agent software;
    private final Agent jvm;
    private final Agent script;
    private final Plan plan;
    private final Map<String, Entity> entityOf = new LinkedHashMap<>();
    private final Map<Entity, Activity> producer = new LinkedHashMap<>();
    /** content hash of every dataset, decomposition and clustering recorded so far, by identity: a value that flows on
     *  unchanged (e.g. the data through a crop that keeps every channel) is hashed once */
    private final Map<Object, String> digests = new IdentityHashMap<>();
    private int next;

    /**
     * Starts a record.
     *
     * @param label     pipeline name
     * @param planJson  the resolved pipeline document (seeds filled in)
     * @param planFormat media type of the plan
     * @param scriptAgent name and version of a script engine that drove the run, or null
     */
    public Recorder(String label, String planJson, String planFormat, String[] scriptAgent) {
        record = F.createRecord();
        record.setId("record-" + UUID.randomUUID());
        record.setLabel(label);
        record.setCreated(new Date());
        String version = Registry.bundleVersion("tessera.pipeline");
        record.setTesseraVersion(version);
        person = agent("agent-person", AgentKind.PERSON, System.getProperty("user.name", "unknown"), "");
        software = agent("agent-tessera", AgentKind.SOFTWARE, "Tessera", version);
        jvm = agent("agent-jvm", AgentKind.SOFTWARE, System.getProperty("java.vm.name", "Java VM") + " (" + System.getProperty("java.vendor", "") + ")",
                System.getProperty("java.runtime.version", System.getProperty("java.version", "")));
        script = scriptAgent == null ? null : agent("agent-script", AgentKind.SCRIPT, scriptAgent[0], scriptAgent[1]);
        plan = F.createPlan();
        plan.setId("plan");
        plan.setKind(EntityKind.PLAN);
        plan.setLabel(label);
        plan.setFormat(planFormat);
        plan.setText(planJson);
        plan.setSha256(Hashes.of(planJson));
        record.getEntities().add(plan);
    }

    private Agent agent(String id, AgentKind kind, String name, String version) {
        Agent a = F.createAgent();
        a.setId(id);
        a.setKind(kind);
        a.setName(name);
        a.setLabel(name);
        a.setVersion(version);
        record.getAgents().add(a);
        return a;
    }

    /** @return the record built so far */
    public Record record() {
        return record;
    }

    /** @return the record's plan entity */
    public Plan plan() {
        return plan;
    }

    /**
     * Adds the activity of a whole script run (or shell session), which drives the step activities
     * added after it ({@link #informedBy}); associated with the plan, the person, Tessera, the JVM and the
     * script agent.
     *
     * @param stepId        activity kind, e.g. {@code tessera.script}
     * @param stepName      its name in the record
     * @param label         human label (the script's file name)
     * @param bundle        bundle that ran it
     * @param bundleVersion that bundle's version
     * @param parameters    string parameters in order (language, versions, arguments, working directory)
     * @return the activity, status RUNNING, start time now
     */
    public Activity script(String stepId, String stepName, String label, String bundle, String bundleVersion, List<String[]> parameters) {
        return activity(stepId, stepName, label, bundle, bundleVersion, parameters);
    }

    /**
     * Adds an activity that is not a catalogue step (a script run, a nested pipeline run), associated
     * with the plan, the person, Tessera, the JVM and the script agent.
     *
     * @param stepId        activity kind
     * @param stepName      its name in the record (unique)
     * @param label         human label
     * @param bundle        bundle that ran it
     * @param bundleVersion that bundle's version
     * @param parameters    {@code {name, value}} string parameters in order
     * @return the activity, status RUNNING, start time now
     */
    public Activity activity(String stepId, String stepName, String label, String bundle, String bundleVersion, List<String[]> parameters) {
        Activity a = F.createActivity();
        a.setId("activity-" + stepName);
        a.setLabel(label);
        a.setStepId(stepId);
        a.setStepName(stepName);
        a.setBundleSymbolicName(bundle);
        a.setBundleVersion(bundleVersion);
        a.setStatus(ActivityStatus.RUNNING);
        a.setStartTime(new Date());
        for (String[] kv : parameters) {
            ParameterValue p = F.createParameterValue();
            p.setName(kv[0]);
            p.setType("string");
            p.setValue(kv[1]);
            p.setUnits("");
            a.getParameters().add(p);
        }
        record.getActivities().add(a);
        association(a, software, plan, "engine");
        association(a, person, null, "operator");
        association(a, jvm, null, "runtime");
        if (script != null) {
            association(a, script, plan, "script");
        }
        return a;
    }

    /**
     * Records that one activity was driven by another (PROV wasInformedBy), e.g. a step called by a script.
     *
     * @param informed  the later activity
     * @param informant the activity that drove it
     */
    public void informedBy(Activity informed, Activity informant) {
        var c = F.createCommunication();
        c.setInformed(informed);
        c.setInformant(informant);
        record.getCommunications().add(c);
    }

    /**
     * Records an input file under a label of the caller's choice (e.g. the path as a script wrote it).
     *
     * @param name  the input's name (entity id {@value #INPUT_ID_PREFIX}{@code name}); its reference is {@code $name}
     * @param file  the file
     * @param label the label
     * @throws IOException if the file cannot be read for hashing
     */
    public void input(String name, Path file, String label) throws IOException {
        input(name, file);
        entityOf.get("$" + name).setLabel(label);
    }

    /**
     * Records a file an activity generated outside the step mechanism (e.g. a file a nested pipeline run
     * published), derived from everything the activity used.
     *
     * @param a      the activity
     * @param role   role of the generation; outputs are compared by {@code stepName.role}
     * @param idBase entity id base
     * @param uri    the file's URI
     * @param sha256 SHA-256 of its bytes
     */
    public void generatedFile(Activity a, String role, String idBase, String uri, String sha256) {
        Entity e = F.createEntity();
        e.setId("entity-" + idBase.replaceAll("[^A-Za-z0-9_.-]", "_"));
        e.setLabel(idBase);
        e.setKind(EntityKind.FILE);
        e.setUri(uri);
        e.setSha256(sha256);
        record.getEntities().add(e);
        var g = F.createGeneration();
        g.setActivity(a);
        g.setEntity(e);
        g.setRole(role);
        g.setTime(new Date());
        record.getGenerations().add(g);
        producer.put(e, a);
        for (Entity u : record.getUsages().stream().filter(x -> x.getActivity() == a).map(x -> x.getEntity()).toList()) {
            var d = F.createDerivation();
            d.setGeneratedEntity(e);
            d.setUsedEntity(u);
            d.setActivity(a);
            record.getDerivations().add(d);
        }
    }

    /**
     * Records a pipeline input file.
     *
     * @param name  the pipeline input's name
     * @param file  the file
     * @throws IOException if the file cannot be read for hashing
     */
    public void input(String name, Path file) throws IOException {
        Entity e = F.createEntity();
        e.setId(INPUT_ID_PREFIX + name);
        e.setLabel("$" + name);
        e.setKind(EntityKind.FILE);
        e.setUri(file.toAbsolutePath().normalize().toUri().toString());
        e.setSha256(ContentHash.sha256(file));
        record.getEntities().add(e);
        entityOf.put("$" + name, e);
    }

    /**
     * Records that this run re-executes an earlier record: an activity {@code tessera.rerun} that used the
     * earlier record file, with the version drift that was allowed (one parameter {@code drift} per bundle).
     *
     * @param recordFile the earlier record
     * @param drift      lines {@code "bundle: recorded -> installed"}; empty when the versions are the same
     * @throws IOException if the record file cannot be hashed
     */
    public void rerun(Path recordFile, List<String> drift) throws IOException {
        Entity old = F.createEntity();
        old.setId("rerun-of");
        old.setLabel("re-executed record");
        old.setKind(EntityKind.FILE);
        old.setUri(recordFile.toAbsolutePath().normalize().toUri().toString());
        old.setSha256(ContentHash.sha256(recordFile));
        record.getEntities().add(old);
        Activity a = F.createActivity();
        a.setId("activity-rerun");
        a.setStepId("tessera.rerun");
        a.setStepName("rerun");
        a.setLabel("re-run of a recorded plan");
        a.setBundleSymbolicName("tessera.pipeline");
        a.setBundleVersion(Registry.bundleVersion("tessera.pipeline"));
        a.setStartTime(new Date());
        a.setEndTime(a.getStartTime());
        a.setStatus(ActivityStatus.SUCCEEDED);
        ParameterValue allow = F.createParameterValue();
        allow.setName("allowVersionDrift");
        allow.setType("boolean");
        allow.setValue(Boolean.toString(!drift.isEmpty()));
        allow.setUnits("");
        a.getParameters().add(allow);
        for (String d : drift) {
            ParameterValue p = F.createParameterValue();
            p.setName("drift");
            p.setType("string");
            p.setValue(d);
            p.setUnits("");
            a.getParameters().add(p);
        }
        record.getActivities().add(a);
        association(a, software, plan, "engine");
        association(a, person, null, "operator");
        var u = F.createUsage();
        u.setActivity(a);
        u.setEntity(old);
        u.setRole("record");
        u.setTime(a.getStartTime());
        record.getUsages().add(u);
        var from = F.createDerivation();
        from.setGeneratedEntity(plan);
        from.setUsedEntity(old);
        from.setActivity(a);
        record.getDerivations().add(from);
    }

    /**
     * Adds an activity for a step, before it runs.
     *
     * @param stepName   name in the pipeline
     * @param d          the installed step
     * @return the activity, status RUNNING
     */
    public Activity begin(String stepName, StepDescriptor d) {
        Activity a = F.createActivity();
        a.setId("activity-" + stepName);
        a.setLabel(d.name() == null ? d.id() : d.name());
        a.setStepId(d.id());
        a.setStepName(stepName);
        a.setBundleSymbolicName(d.bundle());
        a.setBundleVersion(d.bundleVersion());
        a.setStatus(ActivityStatus.RUNNING);
        record.getActivities().add(a);
        association(a, software, plan, "engine");
        association(a, person, null, "operator");
        association(a, jvm, null, "runtime");
        if (script != null) {
            association(a, script, null, "script");
        }
        return a;
    }

    /**
     * Adds an activity for a step that did not run.
     *
     * @param stepName name in the pipeline
     * @param stepId   extension id
     * @param d        the installed step, or null if unknown
     * @param reason   why it did not run
     */
    public void notRun(String stepName, String stepId, StepDescriptor d, String reason) {
        Activity a = F.createActivity();
        a.setId("activity-" + stepName);
        a.setStepId(stepId);
        a.setStepName(stepName);
        a.setLabel(d == null || d.name() == null ? stepId : d.name());
        if (d != null) {
            a.setBundleSymbolicName(d.bundle());
            a.setBundleVersion(d.bundleVersion());
        }
        a.setStatus(ActivityStatus.NOT_RUN);
        a.setErrorMessage(reason);
        record.getActivities().add(a);
        association(a, software, plan, "engine");
    }

    /**
     * Records the resolved parameters of a running step.
     *
     * @param a      the activity
     * @param specs  the step's parameter descriptions
     * @param values resolved values by name (null = unset)
     */
    public void parameters(Activity a, List<ParameterSpec> specs, Map<String, Object> values) {
        for (ParameterSpec s : specs) {
            Object v = values.get(s.name());
            if (v == null) {
                continue;
            }
            ParameterValue p = F.createParameterValue();
            p.setName(s.name());
            p.setType(typeName(s.type()));
            p.setValue(v.toString());
            p.setUnits(s.units());
            a.getParameters().add(p);
            if (s.name().equals(tessera.pipeline.Step.SEED) && v instanceof Long seed) {
                a.setSeed(seed);
            }
        }
    }

    /**
     * Records that a running step used a value.
     *
     * @param a     the activity
     * @param role input port name
     * @param ref  the value's reference, {@code step.port} or {@code $input} (already recorded)
     */
    public void used(Activity a, String role, String ref) {
        Entity e = entityOf.get(ref);
        if (e == null) {
            return;
        }
        var u = F.createUsage();
        u.setActivity(a);
        u.setEntity(e);
        u.setRole(role);
        u.setTime(new Date());
        record.getUsages().add(u);
        Activity informant = producer.get(e);
        if (informant != null && record.getCommunications().stream().noneMatch(c -> c.getInformed() == a && c.getInformant() == informant)) {
            var c = F.createCommunication();
            c.setInformed(a);
            c.setInformant(informant);
            record.getCommunications().add(c);
        }
    }

    /**
     * Records the outputs of a step that succeeded, with wasDerivedFrom from every entity it used.
     *
     * @param a        the activity
     * @param stepName step name (for ids)
     * @param ports    the step's output ports
     * @param outputs  output values by port
     * @param fileUri  maps a written file (in the staging folder) to the URI it will have once published
     * @throws IOException if a written file cannot be hashed
     */
    public void generated(Activity a, String stepName, List<Port> ports, Map<String, Object> outputs, java.util.function.Function<Path, String> fileUri)
            throws IOException {
        List<Entity> used = record.getUsages().stream().filter(u -> u.getActivity() == a).map(u -> u.getEntity()).toList();
        Date now = new Date();
        for (Port p : ports) {
            Object v = outputs.get(p.name());
            if (v == null) {
                continue;
            }
            List<Entity> made = new ArrayList<>();
            Entity e = entity(stepName + "-" + p.name(), v, fileUri);
            made.add(e);
            if (v instanceof WrittenFile wf) {
                for (Map.Entry<String, Dataset> c : wf.contents().entrySet()) {
                    Entity ce = entity(stepName + "-" + p.name() + "-" + (++next), c.getValue(), fileUri);
                    ce.setUri(e.getUri());
                    ce.setPathInFile(c.getKey());
                    made.add(ce);
                }
            }
            for (Entity m : made) {
                var g = F.createGeneration();
                g.setActivity(a);
                g.setEntity(m);
                g.setRole(p.name());
                g.setTime(now);
                record.getGenerations().add(g);
                producer.put(m, a);
                for (Entity u : used) {
                    var d = F.createDerivation();
                    d.setGeneratedEntity(m);
                    d.setUsedEntity(u);
                    d.setActivity(a);
                    record.getDerivations().add(d);
                }
            }
            entityOf.put(stepName + "." + p.name(), e);
        }
    }

    private Entity entity(String idBase, Object v, java.util.function.Function<Path, String> fileUri) throws IOException {
        Entity e = F.createEntity();
        e.setId("entity-" + idBase.replaceAll("[^A-Za-z0-9_.-]", "_"));
        e.setLabel(idBase);
        switch (v) {
            case Dataset d -> {
                e.setKind(EntityKind.DATASET);
                e.setLabel(d.metadata().title() == null || d.metadata().title().isEmpty() ? idBase : d.metadata().title());
                e.setDtype(d.dtype().numpyName());
                for (int s : d.shape()) {
                    e.getShape().add((long) s);
                }
                e.setSha256(digests.computeIfAbsent(d, x -> Hashes.of(d)));
            }
            case DecompositionResult r -> {
                e.setKind(EntityKind.DATASET);
                e.setDtype("decomposition");
                for (int s : r.factors().shape()) {
                    e.getShape().add((long) s);
                }
                e.setSha256(digests.computeIfAbsent(r, x -> Hashes.of(r)));
                e.setValue(r.algorithmId() + ", " + r.components() + " components");
            }
            case ClusterResult r -> {
                e.setKind(EntityKind.DATASET);
                e.setDtype("clustering");
                e.getShape().add((long) r.labels().length);
                e.setSha256(digests.computeIfAbsent(r, x -> Hashes.of(r)));
                e.setValue(r.k() + " clusters");
            }
            case WrittenFile f -> {
                e.setKind(EntityKind.FILE);
                e.setUri(fileUri.apply(f.path()));
                e.setSha256(ContentHash.sha256(f.path()));
            }
            default -> {
                e.setKind(EntityKind.VALUE);
                e.setValue(v.toString());
                e.setDtype(v.getClass().getSimpleName());
                e.setSha256(Hashes.of(v.getClass().getSimpleName() + ":" + v));
            }
        }
        record.getEntities().add(e);
        return e;
    }

    private void association(Activity a, Agent agent, Plan p, String role) {
        var as = F.createAssociation();
        as.setActivity(a);
        as.setAgent(agent);
        as.setPlan(p);
        as.setRole(role);
        record.getAssociations().add(as);
    }

    /**
     * @param type a parameter's Java type
     * @return its name in records: int, long, double, boolean or string
     */
    public static String typeName(Class<?> type) {
        if (type == Integer.class) {
            return "int";
        }
        if (type == Long.class) {
            return "long";
        }
        if (type == Double.class) {
            return "double";
        }
        if (type == Boolean.class) {
            return "boolean";
        }
        return "string";
    }
}
