package tessera.provenance.tests;

import java.util.Date;

import tessera.provenance.model.Activity;
import tessera.provenance.model.ActivityStatus;
import tessera.provenance.model.Agent;
import tessera.provenance.model.AgentKind;
import tessera.provenance.model.Association;
import tessera.provenance.model.Communication;
import tessera.provenance.model.Derivation;
import tessera.provenance.model.Entity;
import tessera.provenance.model.EntityKind;
import tessera.provenance.model.Generation;
import tessera.provenance.model.ParameterValue;
import tessera.provenance.model.Plan;
import tessera.provenance.model.ProvenanceFactory;
import tessera.provenance.model.Record;
import tessera.provenance.model.Usage;

/** Records used by the tests: a realistic 4-step run and a large one for the crash test. */
public final class TestRecords {
    static final ProvenanceFactory F = ProvenanceFactory.eINSTANCE;
    /** 2026-11-26T12:00:00Z */
    static final long T0 = 1795694400000L;
    static final String PLAN_TEXT = "{\n  \"format\": \"tessera-pipeline\", \"version\": 1,\n  \"steps\": [\"load\", \"decompose\", \"cluster\", \"report\"],\n"
            + "  \"note\": \"quotes \\\" backslash \\\\ tab \\t and µ (micro) and ≥ symbols\"\n}\n";
    static final String SHA_IN = "3f2a9c1e5b7d4a6f8e0c1b2a3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6a";
    static final String SHA_FACTORS = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    static final String ERROR = "k-means: k=12 exceeds the number of pixels (8)";

    private TestRecords() {
    }

    /**
     * A run of four steps: load (succeeded), decompose (succeeded, parameters with units, seed), cluster (failed
     * with an error) and report (not run); five entities including a plan and a value; four agents.
     */
    public static Record realistic() {
        Record r = F.createRecord();
        r.setId("run-20261126T120000Z-ab12");
        r.setLabel("analyze core_shell");
        r.setCreated(new Date(T0));
        r.setTesseraVersion("0.1.0.test");

        Agent user = agent(r, "agent-user", AgentKind.PERSON, "alice", null);
        Agent tessera = agent(r, "agent-tessera", AgentKind.SOFTWARE, "Tessera", "0.1.0.test");
        agent(r, "agent-jvm", AgentKind.SOFTWARE, "OpenJDK 64-Bit Server VM", "25.0.3+9");
        Agent script = agent(r, "agent-script", AgentKind.SCRIPT, "decompose.py", null);

        Plan plan = F.createPlan();
        plan.setId("plan");
        plan.setKind(EntityKind.PLAN);
        plan.setLabel("pipeline.json");
        plan.setUri("file:/work/runs/pipeline.json");
        plan.setFormat("tessera-pipeline+json;version=1");
        plan.setText(PLAN_TEXT);
        r.getEntities().add(plan);

        Entity inFile = entity(r, "in-file", EntityKind.FILE, "core_shell.hspy");
        inFile.setUri("file:/data/core_shell.hspy");
        inFile.setSha256(SHA_IN);
        Entity inDs = entity(r, "in-ds", EntityKind.DATASET, "core_shell SI");
        inDs.setUri("file:/data/core_shell.hspy");
        inDs.setPathInFile("/Experiments/core_shell");
        inDs.getShape().addAll(java.util.List.of(64L, 64L, 1024L));
        inDs.setDtype("float32");
        Entity factors = entity(r, "factors", EntityKind.DATASET, "factors");
        factors.setUri("file:/work/runs/out/factors.hspy");
        factors.setPathInFile("/Experiments/factors");
        factors.getShape().addAll(java.util.List.of(5L, 1024L));
        factors.setDtype("float64");
        factors.setSha256(SHA_FACTORS);
        Entity nComp = entity(r, "n-components", EntityKind.VALUE, "number of components");
        nComp.setValue("5");

        Activity load = activity(r, "act-load", "load", "tessera.io.hspy.reader", "tessera.io.hspy", ActivityStatus.SUCCEEDED, 0, 420);
        Activity dec = activity(r, "act-decompose", "decompose", "tessera.decompose.pca", "tessera.decompose", ActivityStatus.SUCCEEDED, 500,
                3_250);
        dec.getParameters().add(param("components", "int", "5", null));
        dec.getParameters().add(param("algorithm", "enum", "SVD", null));
        dec.getParameters().add(param("normalizePoisson", "boolean", "true", null));
        dec.getParameters().add(param("energyMin", "double", "400.5", "eV"));
        dec.setSeed(42L);
        Activity cluster = activity(r, "act-cluster", "cluster", "tessera.cluster.kmeans", "tessera.cluster", ActivityStatus.FAILED, 3_300,
                3_310);
        cluster.getParameters().add(param("k", "int", "12", null));
        cluster.setSeed(7L);
        cluster.setErrorMessage(ERROR);
        Activity report = activity(r, "act-report", "report", "tessera.report.html", "tessera.report", ActivityStatus.NOT_RUN, -1, -1);

        used(r, load, inFile, "input", T0 + 10);
        used(r, dec, inDs, "dataset", T0 + 510);
        used(r, cluster, factors, "factors", T0 + 3_300);
        generated(r, inDs, load, "dataset", T0 + 400);
        generated(r, factors, dec, "factors", T0 + 3_200);
        generated(r, nComp, dec, "components", T0 + 3_200);
        for (Activity a : java.util.List.of(load, dec, cluster, report)) {
            associate(r, a, tessera, plan, "engine");
        }
        associate(r, load, user, null, "operator");
        associate(r, dec, script, null, "driver");
        derived(r, inDs, inFile, load);
        derived(r, factors, inDs, dec);
        informed(r, dec, load);
        informed(r, cluster, dec);
        return r;
    }

    /**
     * A large record for the crash-safety test: {@code n} dataset entities, distinguishable by {@code variant}
     * (label, and every entity's hash and value).
     */
    public static Record large(String variant, int n) {
        Record r = F.createRecord();
        r.setId("large");
        r.setLabel(variant);
        r.setCreated(new Date(T0));
        r.setTesseraVersion("0.1.0.test");
        Activity a = activity(r, "act", "bulk", "tessera.test.bulk", "tessera.provenance.tests", ActivityStatus.SUCCEEDED, 0, 1000);
        a.setSeed(variant.hashCode() & 0xffffL);
        for (int i = 0; i < n; i++) {
            Entity e = entity(r, "e" + i, EntityKind.DATASET, "dataset " + i + " of " + variant);
            e.setUri("file:/data/big/" + (i / 1000) + ".hspy");
            e.setPathInFile("/Experiments/d" + i);
            e.getShape().addAll(java.util.List.of(128L, 128L, 2048L + i));
            e.setDtype("float32");
            e.setSha256(String.format("%064x", (long) i * 2654435761L + variant.hashCode()));
            if (i % 2 == 0) {
                generated(r, e, a, "out", T0 + i);
            }
        }
        return r;
    }

    static Agent agent(Record r, String id, AgentKind kind, String name, String version) {
        Agent a = F.createAgent();
        a.setId(id);
        a.setKind(kind);
        a.setName(name);
        a.setVersion(version);
        r.getAgents().add(a);
        return a;
    }

    static Entity entity(Record r, String id, EntityKind kind, String label) {
        Entity e = F.createEntity();
        e.setId(id);
        e.setKind(kind);
        e.setLabel(label);
        r.getEntities().add(e);
        return e;
    }

    static Activity activity(Record r, String id, String name, String stepId, String bundle, ActivityStatus status, long startMs, long endMs) {
        Activity a = F.createActivity();
        a.setId(id);
        a.setStepName(name);
        a.setStepId(stepId);
        a.setBundleSymbolicName(bundle);
        a.setBundleVersion("0.1.0.202611261200");
        a.setStatus(status);
        if (startMs >= 0) {
            a.setStartTime(new Date(T0 + startMs));
        }
        if (endMs >= 0) {
            a.setEndTime(new Date(T0 + endMs));
        }
        r.getActivities().add(a);
        return a;
    }

    static ParameterValue param(String name, String type, String value, String units) {
        ParameterValue p = F.createParameterValue();
        p.setName(name);
        p.setType(type);
        p.setValue(value);
        p.setUnits(units);
        return p;
    }

    static void used(Record r, Activity a, Entity e, String role, long t) {
        Usage u = F.createUsage();
        u.setActivity(a);
        u.setEntity(e);
        u.setRole(role);
        u.setTime(new Date(t));
        r.getUsages().add(u);
    }

    static void generated(Record r, Entity e, Activity a, String role, long t) {
        Generation g = F.createGeneration();
        g.setEntity(e);
        g.setActivity(a);
        g.setRole(role);
        g.setTime(new Date(t));
        r.getGenerations().add(g);
    }

    static void associate(Record r, Activity a, Agent ag, Plan p, String role) {
        Association s = F.createAssociation();
        s.setActivity(a);
        s.setAgent(ag);
        s.setPlan(p);
        s.setRole(role);
        r.getAssociations().add(s);
    }

    static void derived(Record r, Entity gen, Entity used, Activity a) {
        Derivation d = F.createDerivation();
        d.setGeneratedEntity(gen);
        d.setUsedEntity(used);
        d.setActivity(a);
        r.getDerivations().add(d);
    }

    static void informed(Record r, Activity informed, Activity informant) {
        Communication c = F.createCommunication();
        c.setInformed(informed);
        c.setInformant(informant);
        r.getCommunications().add(c);
    }
}
