package tessera.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A pipeline document: named inputs and an ordered list of steps with their parameters and
 * data flow. Stored as JSON (format described in {@code docs/pipelines.md}):
 *
 * <pre>{@code
 * {
 *   "tessera-pipeline": 1,
 *   "name": "pca-kmeans",
 *   "description": "PCA of a spectrum image, then k-means on 3 scores",
 *   "inputs": { "input": "spectrum image (any format Tessera reads)" },
 *   "steps": [
 *     { "name": "read",  "step": "tessera.pipeline.read", "inputs": { "file": "$input" } },
 *     { "name": "pca",   "step": "tessera.decompose.pca", "inputs": { "data": "read.data" },
 *       "parameters": { "normalizePoissonianNoise": true } },
 *     { "name": "kmeans", "step": "tessera.cluster.kmeans", "inputs": { "scores": "pca.result" },
 *       "parameters": { "k": 3, "components": 3, "seed": 42 } }
 *   ]
 * }
 * }</pre>
 *
 * A parameter value is a JSON literal or {@code {"from": "<step>.<output>"}} (a value computed by
 * an earlier step); {@code "when": "<step>.<output>"} makes a step conditional on a Boolean.
 * Steps may only refer to earlier steps, so the list order is an execution order and the data
 * flow has no cycles. The document is a plain serialisable value: it is what provenance keeps
 * as the run's Plan, with drawn seeds filled in.
 *
 * @param name        pipeline name
 * @param description one paragraph, may be empty
 * @param inputs      pipeline input name to its description
 * @param steps       steps in execution order
 */
public record PipelineDocument(String name, String description, Map<String, String> inputs, List<StepSpec> steps) {
    /** value of the {@code "tessera-pipeline"} key this version reads and writes */
    public static final int FORMAT_VERSION = 1;
    /** the format name recorded in provenance for a plan in this format */
    public static final String MEDIA_TYPE = "application/vnd.tessera.pipeline+json;version=1";

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** Copies the collections. @throws NullPointerException if name is null */
    public PipelineDocument {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        inputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inputs == null ? Map.of() : inputs));
        steps = List.copyOf(steps == null ? List.of() : steps);
    }

    /**
     * Reads a pipeline file.
     *
     * @param file a JSON pipeline document
     * @return the document (not yet validated against the installed steps; see {@link PipelineEngine#validate})
     * @throws InvalidPipelineException if the file is not valid JSON or not a pipeline document, naming the file
     * @throws IOException if the file cannot be read
     */
    public static PipelineDocument read(Path file) throws IOException, InvalidPipelineException {
        if (!Files.isRegularFile(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString(), null, "no such pipeline file");
        }
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /**
     * Parses a pipeline document.
     *
     * @param json   the JSON text
     * @param source file name or label for error messages
     * @return the document
     * @throws InvalidPipelineException if the text is not valid JSON or not a pipeline document
     */
    public static PipelineDocument parse(String json, String source) throws InvalidPipelineException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new InvalidPipelineException(source, List.of("not valid JSON: " + e.getOriginalMessage()));
        }
        List<String> problems = new ArrayList<>();
        if (root == null || !root.isObject()) {
            throw new InvalidPipelineException(source, List.of("not a pipeline document (a JSON object is expected)"));
        }
        JsonNode version = root.get("tessera-pipeline");
        if (version == null || !version.canConvertToInt() || version.asInt() != FORMAT_VERSION) {
            problems.add("\"tessera-pipeline\": " + FORMAT_VERSION + " is missing or has another version (" + version + ")");
        }
        for (String key : root.propertyNames()) {
            if (!List.of("tessera-pipeline", "name", "description", "inputs", "steps").contains(key)) {
                problems.add("unknown key \"" + key + "\"");
            }
        }
        String name = root.path("name").isString() ? root.get("name").stringValue() : null;
        if (name == null || name.isBlank()) {
            problems.add("\"name\" (a string) is missing");
        }
        Map<String, String> inputs = new LinkedHashMap<>();
        JsonNode in = root.path("inputs");
        if (!in.isMissingNode()) {
            if (!in.isObject()) {
                problems.add("\"inputs\" must be an object of name: description");
            } else {
                for (String k : in.propertyNames()) {
                    inputs.put(k, in.get(k).asString(""));
                }
            }
        }
        List<StepSpec> steps = new ArrayList<>();
        JsonNode st = root.path("steps");
        if (!st.isArray() || st.isEmpty()) {
            problems.add("\"steps\" (a non-empty array) is missing");
        } else {
            for (int i = 0; i < st.size(); i++) {
                StepSpec s = parseStep(st.get(i), i, problems);
                if (s != null) {
                    steps.add(s);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidPipelineException(source, problems);
        }
        return new PipelineDocument(name, root.path("description").asString(""), inputs, steps);
    }

    private static StepSpec parseStep(JsonNode n, int index, List<String> problems) {
        String where = "steps[" + index + "]";
        if (!n.isObject()) {
            problems.add(where + " is not an object");
            return null;
        }
        for (String key : n.propertyNames()) {
            if (!List.of("name", "step", "inputs", "parameters", "when").contains(key)) {
                problems.add(where + ": unknown key \"" + key + "\"");
            }
        }
        String name = n.path("name").isString() ? n.get("name").stringValue() : null;
        String step = n.path("step").isString() ? n.get("step").stringValue() : null;
        if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_-]*")) {
            problems.add(where + ": \"name\" must be an identifier (letters, digits, _ and -), got " + n.get("name"));
            return null;
        }
        where = "step '" + name + "'";
        if (step == null || step.isBlank()) {
            problems.add(where + ": \"step\" (an extension id) is missing");
            return null;
        }
        Map<String, Ref> inputs = new LinkedHashMap<>();
        JsonNode in = n.path("inputs");
        if (!in.isMissingNode()) {
            if (!in.isObject()) {
                problems.add(where + ": \"inputs\" must be an object of port: \"<step>.<output>\"");
            } else {
                for (String k : in.propertyNames()) {
                    try {
                        inputs.put(k, Ref.parse(in.get(k).isString() ? in.get(k).stringValue() : in.get(k).toString()));
                    } catch (IllegalArgumentException e) {
                        problems.add(where + ": input '" + k + "': " + e.getMessage());
                    }
                }
            }
        }
        Map<String, Object> params = new LinkedHashMap<>();
        JsonNode pn = n.path("parameters");
        if (!pn.isMissingNode()) {
            if (!pn.isObject()) {
                problems.add(where + ": \"parameters\" must be an object");
            } else {
                for (String k : pn.propertyNames()) {
                    JsonNode v = pn.get(k);
                    try {
                        params.put(k, literal(v));
                    } catch (IllegalArgumentException e) {
                        problems.add(where + ": parameter '" + k + "': " + e.getMessage());
                    }
                }
            }
        }
        Ref when = null;
        if (n.has("when")) {
            try {
                when = Ref.parse(n.get("when").asString(""));
            } catch (IllegalArgumentException e) {
                problems.add(where + ": \"when\": " + e.getMessage());
            }
        }
        return new StepSpec(name, step, inputs, params, when);
    }

    private static Object literal(JsonNode v) {
        if (v.isObject()) {
            if (v.size() == 1 && v.path("from").isString()) {
                return Ref.parse(v.get("from").stringValue());
            }
            throw new IllegalArgumentException("an object value must be {\"from\": \"<step>.<output>\"}");
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isIntegralNumber()) {
            return v.canConvertToInt() ? (Object) v.intValue() : (Object) v.longValue();
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isString()) {
            return v.stringValue();
        }
        throw new IllegalArgumentException("must be a number, a boolean, a string or {\"from\": ...}, got " + v);
    }

    /** @return the step with this name, or null */
    public StepSpec step(String stepName) {
        return steps.stream().filter(s -> s.name().equals(stepName)).findFirst().orElse(null);
    }

    /**
     * @param stepName a step of this document
     * @param spec     its replacement
     * @return a copy of this document with the step replaced
     */
    public PipelineDocument withStep(String stepName, StepSpec spec) {
        List<StepSpec> l = new ArrayList<>(steps);
        l.replaceAll(s -> s.name().equals(stepName) ? spec : s);
        return new PipelineDocument(name, description, inputs, l);
    }

    /**
     * The document with a dataset chosen for one of its file inputs: every read step ({@code tessera.pipeline.read})
     * fed by that input gets the selector's {@code dataset} index or {@code path} parameter, so the choice is part of the
     * plan, recorded in the provenance and repeated by a re-run.
     *
     * @param input    the pipeline input's name
     * @param selector the selection ({@link FileSelector#selects()} true)
     * @return a copy of this document
     */
    public PipelineDocument withSelection(String input, tessera.core.io.FileSelector selector) {
        List<StepSpec> l = new ArrayList<>(steps);
        l.replaceAll(s -> {
            Ref f = s.inputs().get("file");
            if (!"tessera.pipeline.read".equals(s.step()) || f == null || f.step() != null || !input.equals(f.port())) {
                return s;
            }
            java.util.Map<String, Object> p = new java.util.LinkedHashMap<>(s.parameters());
            p.remove("dataset");
            p.remove("path");
            if (selector.index() >= 0) {
                p.put("dataset", (long) selector.index());
            } else {
                p.put("path", selector.path());
            }
            return new StepSpec(s.name(), s.step(), s.inputs(), p, s.when());
        });
        return new PipelineDocument(name, description, inputs, l);
    }

    /** @return the document as indented JSON, in the format {@link #parse} reads (stable key order) */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("tessera-pipeline", FORMAT_VERSION);
        root.put("name", name);
        if (!description.isEmpty()) {
            root.put("description", description);
        }
        ObjectNode in = root.putObject("inputs");
        inputs.forEach(in::put);
        var arr = root.putArray("steps");
        for (StepSpec s : steps) {
            ObjectNode o = arr.addObject();
            o.put("name", s.name());
            o.put("step", s.step());
            if (!s.inputs().isEmpty()) {
                ObjectNode i = o.putObject("inputs");
                s.inputs().forEach((k, v) -> i.put(k, v.toString()));
            }
            if (!s.parameters().isEmpty()) {
                ObjectNode p = o.putObject("parameters");
                s.parameters().forEach((k, v) -> {
                    switch (v) {
                        case Ref r -> p.putObject(k).put("from", r.toString());
                        case Integer x -> p.put(k, x);
                        case Long x -> p.put(k, x);
                        case Double x -> p.put(k, x);
                        case Boolean x -> p.put(k, x);
                        case null -> p.putNull(k);
                        default -> p.put(k, v.toString());
                    }
                });
            }
            if (s.when() != null) {
                o.put("when", s.when().toString());
            }
        }
        return JSON.writeValueAsString(root) + "\n";
    }
}
