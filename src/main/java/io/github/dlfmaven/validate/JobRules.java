package io.github.dlfmaven.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dlfmaven.snapshot.JobReferences;
import io.github.dlfmaven.text.LogText;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.quartz.CronExpression;

/**
 * The rules about one job: its required fields, its node graph (unique names, known predecessors, no cycle), what its
 * nodes name (scripts, resources), the jobs it depends on, and its cron expressions. Field names follow the API
 * notes (section 6.1): nodes reference scripts by the property {@code scriptName} and resources by {@code
 * resourcePath}; whether a {@code resourcePath} holds a resource's name or its OBS location is not confirmed, so
 * only a value that is no {@code obs://} location is taken for a name.
 */
final class JobRules {

    private static final List<String> REQUIRED = List.of("name", "nodes", "schedule", "processType");

    private final Set<String> scripts;
    private final Set<String> resources;
    private final Set<String> resourceLocations;
    private final Set<String> jobs;
    private final boolean withDependencies;
    private final SnapshotValidator.Findings findings;

    JobRules(
            Set<String> scripts,
            Set<String> resources,
            Set<String> resourceLocations,
            Set<String> jobs,
            boolean withDependencies,
            SnapshotValidator.Findings findings) {
        this.scripts = scripts;
        this.resources = resources;
        this.resourceLocations = resourceLocations;
        this.jobs = jobs;
        this.withDependencies = withDependencies;
        this.findings = findings;
    }

    void check(String path, JsonNode job) {
        for (String field : REQUIRED) {
            if (!job.hasNonNull(field)) {
                findings.add(path, Rule.JOB_FIELDS, "has no " + field);
            }
        }
        Map<String, JsonNode> nodes = nodes(path, job.path("nodes"));
        for (Map.Entry<String, JsonNode> node : nodes.entrySet()) {
            predecessors(path, node.getKey(), node.getValue(), nodes.keySet());
            references(path, node.getKey(), node.getValue());
            cron(path, "node '" + quote(node.getKey()) + "'", node.getValue().path("cronTrigger"));
        }
        cycle(path, nodes);
        cron(path, "the schedule", job.path("schedule").path("cron"));
        dependJobs(path, JobReferences.dependJobs(job));
    }

    private Map<String, JsonNode> nodes(String path, JsonNode list) {
        Map<String, JsonNode> nodes = new LinkedHashMap<>();
        Set<String> reported = new HashSet<>();
        for (JsonNode node : list) {
            String name = node.path("name").asText("");
            if (nodes.putIfAbsent(name, node) != null && reported.add(name)) {
                findings.add(path, Rule.UNIQUE_NODES, "has more than one node named '" + quote(name) + "'");
            }
        }
        return nodes;
    }

    /** The names of the nodes a node waits for, plainly or on a condition. */
    private static List<String> predecessorNames(JsonNode node) {
        List<String> names = new ArrayList<>(JobReferences.waitsFor(node));
        names.addAll(JobReferences.waitsOnConditionFor(node));
        return names;
    }

    private void predecessors(String path, String name, JsonNode node, Set<String> names) {
        for (String predecessor : predecessorNames(node)) {
            if (!names.contains(predecessor)) {
                findings.add(
                        path,
                        Rule.KNOWN_PREDECESSORS,
                        "node '" + quote(name) + "' waits for node '" + quote(predecessor)
                                + "', which is not in this job");
            }
        }
    }

    private void references(String path, String name, JsonNode node) {
        if (!withDependencies) {
            return;
        }
        for (JsonNode property : node.path("properties")) {
            String key = property.path("name").asText("");
            String value = property.path("value").asText("");
            if (value.isEmpty()) {
                continue;
            }
            if (key.equals("scriptName") && !scripts.contains(value)) {
                findings.add(
                        path,
                        Rule.KNOWN_SCRIPTS,
                        "node '" + quote(name) + "' names script '" + quote(value) + "', which is not in scripts/");
            } else if (key.equals("resourcePath") && namesDlfResource(node, value) && !resources.contains(value)) {
                findings.add(
                        path,
                        Rule.KNOWN_RESOURCES,
                        "node '" + quote(name) + "' names resource '" + quote(value) + "', which is not in resources/");
            }
        }
    }

    /**
     * Whether a {@code resourcePath} can only mean a DLF resource's name: not a location ({@code obs://}, {@code
     * hdfs://}, any scheme), and not a DLI package ({@code resourceType} {@code DLIResources}, section 6.1 of the API
     * notes). Unconfirmed beyond that, so anything else is given the benefit of the doubt.
     */
    private boolean namesDlfResource(JsonNode node, String value) {
        if (value.contains("://") || resourceLocations.contains(value)) {
            return false;
        }
        for (JsonNode property : node.path("properties")) {
            if (property.path("name").asText("").equals("resourceType")
                    && !property.path("value").asText("").equalsIgnoreCase("DLF")) {
                return false;
            }
        }
        return true;
    }

    /** Reports one cycle of the node graph, if there is one, naming its nodes in order. */
    private void cycle(String path, Map<String, JsonNode> nodes) {
        Map<String, List<String>> waitsFor = new HashMap<>();
        nodes.forEach((name, node) -> waitsFor.put(
                name, predecessorNames(node).stream().filter(nodes::containsKey).toList()));
        Set<String> done = new HashSet<>();
        for (String start : nodes.keySet()) {
            List<String> cycle = cycleFrom(start, waitsFor, done);
            if (!cycle.isEmpty()) {
                findings.add(
                        path,
                        Rule.NO_CYCLES,
                        "its nodes form a cycle: "
                                + String.join(
                                        " -> ",
                                        cycle.stream().map(JobRules::quote).toList()));
                return;
            }
        }
    }

    /** Depth first without recursion (a job may have thousands of nodes); the cycle closing on its first node. */
    private static List<String> cycleFrom(String start, Map<String, List<String>> waitsFor, Set<String> done) {
        if (done.contains(start)) {
            return List.of();
        }
        LinkedHashSet<String> onPath = new LinkedHashSet<>();
        Deque<Map.Entry<String, Integer>> stack = new ArrayDeque<>();
        stack.push(Map.entry(start, 0));
        onPath.add(start);
        while (!stack.isEmpty()) {
            Map.Entry<String, Integer> top = stack.pop();
            List<String> next = waitsFor.getOrDefault(top.getKey(), List.of());
            if (top.getValue() < next.size()) {
                stack.push(Map.entry(top.getKey(), top.getValue() + 1));
                String child = next.get(top.getValue());
                if (onPath.contains(child)) {
                    List<String> cycle = new ArrayList<>();
                    boolean in = false;
                    for (String name : onPath) {
                        in |= name.equals(child);
                        if (in) {
                            cycle.add(name);
                        }
                    }
                    cycle.add(child);
                    return cycle;
                }
                if (!done.contains(child)) {
                    onPath.add(child);
                    stack.push(Map.entry(child, 0));
                }
            } else {
                onPath.remove(top.getKey());
                done.add(top.getKey());
            }
        }
        return List.of();
    }

    private void cron(String path, String where, JsonNode cron) {
        JsonNode expression = cron.path("expression");
        if (!expression.isTextual() || !findings.checks(Rule.VALID_CRON)) {
            return;
        }
        if (!CronExpression.isValidExpression(expression.asText())) {
            findings.add(
                    path,
                    Rule.VALID_CRON,
                    where + " has the cron expression '" + quote(expression.asText())
                            + "', which is not valid Quartz syntax (seconds minutes hours day-of-month month"
                            + " day-of-week [year], such as 0 0 2 * * ?)");
        }
    }

    private void dependJobs(String path, List<String> dependJobs) {
        for (String name : dependJobs) {
            if (!name.isEmpty() && !jobs.contains(name)) {
                findings.add(
                        path,
                        Rule.KNOWN_DEPEND_JOBS,
                        "depends on job '" + quote(name) + "', which is not in this snapshot (it may live in another"
                                + " workspace)");
            }
        }
    }

    /** Names from a definition are untrusted text: no control characters into the log. */
    private static String quote(String text) {
        return LogText.escape(text);
    }
}
