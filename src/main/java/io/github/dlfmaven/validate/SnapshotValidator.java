package io.github.dlfmaven.validate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dlfmaven.snapshot.DefinitionKind;
import io.github.dlfmaven.snapshot.SnapshotFiles;
import io.github.dlfmaven.text.JsonPosition;
import io.github.dlfmaven.text.LogText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Checks a snapshot folder offline against the {@link Rule}s: each definition on its own, then the references
 * between them (scripts, resources, other jobs). Reads only; sends nothing anywhere.
 */
public final class SnapshotValidator {

    private final ObjectMapper mapper = new ObjectMapper();
    private final Set<Rule> excluded;

    /** @param excluded rules not to check */
    public SnapshotValidator(Set<Rule> excluded) {
        this.excluded = excluded.isEmpty() ? EnumSet.noneOf(Rule.class) : EnumSet.copyOf(excluded);
    }

    public Validation validate(Path root) throws IOException {
        Map<DefinitionKind, Map<String, Definition>> definitions = new LinkedHashMap<>();
        for (DefinitionKind kind : DefinitionKind.values()) {
            definitions.put(kind, new TreeMap<>());
        }
        Findings findings = new Findings(excluded);
        int files = 0;
        for (Map.Entry<String, Path> file : SnapshotFiles.of(root).files().entrySet()) {
            String path = file.getKey();
            String fileName = path.substring(path.lastIndexOf('/') + 1);
            DefinitionKind kind = DefinitionKind.ofSnapshotPath(path).orElse(null);
            if (kind == null) {
                continue; // Not a definition in its kind's folder: nothing these rules know about.
            }
            files++;
            JsonNode json = parse(path, file.getValue(), findings);
            if (json == null) {
                continue;
            }
            String name = kind.nameOf(fileName);
            JsonNode declared = json.get("name");
            if (declared == null || !declared.isTextual() || !declared.asText().equals(name)) {
                findings.add(
                        path,
                        Rule.NAME_MATCHES_FILE,
                        (declared == null || !declared.isTextual()
                                        ? "has no name"
                                        : "is named '" + LogText.escape(declared.asText()) + "'")
                                + ", but its file name says '" + LogText.escape(name) + "'");
            }
            definitions.get(kind).put(name, new Definition(path, json));
        }
        List<String> notes = new ArrayList<>();
        boolean withDependencies = Files.isDirectory(root.resolve(DefinitionKind.SCRIPT.folder()))
                || Files.isDirectory(root.resolve(DefinitionKind.RESOURCE.folder()))
                || definitions.get(DefinitionKind.JOB).isEmpty();
        if (!withDependencies) {
            notes.add("The snapshot has no " + DefinitionKind.SCRIPT.folder() + "/ or "
                    + DefinitionKind.RESOURCE.folder() + "/ folder: it was exported without dependencies, so "
                    + Rule.KNOWN_SCRIPTS.id() + " and " + Rule.KNOWN_RESOURCES.id() + " were not checked.");
        }
        JobRules jobs = new JobRules(
                definitions.get(DefinitionKind.SCRIPT).keySet(),
                definitions.get(DefinitionKind.RESOURCE).keySet(),
                definitions.get(DefinitionKind.RESOURCE).values().stream()
                        .map(resource -> resource.json().path("location").asText(""))
                        .filter(location -> !location.isEmpty())
                        .collect(Collectors.toSet()),
                definitions.get(DefinitionKind.JOB).keySet(),
                withDependencies,
                findings);
        for (Definition job : definitions.get(DefinitionKind.JOB).values()) {
            jobs.check(job.path(), job.json());
        }
        SecretScan secrets = new SecretScan(findings);
        for (Map<String, Definition> ofKind : definitions.values()) {
            for (Definition definition : ofKind.values()) {
                secrets.definition(definition.path(), definition.json());
            }
        }
        List<Problem> problems = new ArrayList<>(findings.problems());
        problems.sort(Comparator.comparing(Problem::path)); // stable: a file's problems stay in the order found
        return new Validation(files, problems, notes);
    }

    private JsonNode parse(String path, Path file, Findings findings) throws IOException {
        try {
            JsonNode json = mapper.readTree(Files.readAllBytes(file));
            if (json == null || !json.isObject()) {
                findings.add(path, Rule.PARSES, "is no JSON object");
                return null;
            }
            return json;
        } catch (StreamConstraintsException e) {
            // Jackson's limits (nesting, number length) say only what was too much, never the text.
            findings.add(path, Rule.PARSES, "cannot be read as JSON: " + e.getOriginalMessage());
            return null;
        } catch (JsonProcessingException e) {
            // Only where: Jackson's message quotes the text around the error, which may be a secret.
            findings.add(path, Rule.PARSES, "is not valid JSON" + JsonPosition.of(e));
            return null;
        }
    }

    private record Definition(String path, JsonNode json) {}

    /** The problems found so far, leaving out those of excluded rules. */
    static final class Findings {
        private final Set<Rule> excluded;
        private final List<Problem> problems = new ArrayList<>();

        Findings(Set<Rule> excluded) {
            this.excluded = excluded;
        }

        void add(String path, Rule rule, String message) {
            if (!excluded.contains(rule)) {
                problems.add(new Problem(path, rule, message));
            }
        }

        boolean checks(Rule rule) {
            return !excluded.contains(rule);
        }

        List<Problem> problems() {
            return problems;
        }
    }
}
