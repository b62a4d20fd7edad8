package io.github.dlfmaven.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a job definition names, read in one place for the goals that follow the names (validate, report): the nodes
 * a node waits for, plainly ({@code preNodeName}) or on a condition ({@code conditions[].preNodeName}), the scripts
 * its nodes run (node property {@code scriptName}), the resources they use ({@code resourcePath}), and the jobs it depends on ({@code schedule.cron.dependJobs.jobs}).
 * Field names as section 6.1 of the API notes gives them.
 */
public final class JobReferences {

    private JobReferences() {}

    /** The nodes {@code node} waits for without a condition. */
    public static List<String> waitsFor(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.path("preNodeName").forEach(name -> names.add(name.asText()));
        return names;
    }

    /** The nodes {@code node} waits for on a condition. */
    public static List<String> waitsOnConditionFor(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (JsonNode condition : node.path("conditions")) {
            if (condition.path("preNodeName").isTextual()) {
                names.add(condition.get("preNodeName").asText());
            }
        }
        return names;
    }

    /** The scripts {@code node} runs. */
    public static List<String> scriptsOf(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (JsonNode property : node.path("properties")) {
            if (property.path("name").asText("").equals("scriptName")
                    && !property.path("value").asText("").isEmpty()) {
                names.add(property.path("value").asText());
            }
        }
        return names;
    }

    /** The scripts the nodes of {@code job} run, each once, in the order the nodes name them. */
    public static List<String> scriptsOfJob(JsonNode job) {
        Set<String> names = new LinkedHashSet<>();
        job.path("nodes").forEach(node -> names.addAll(scriptsOf(node)));
        return List.copyOf(names);
    }

    /**
     * The {@code resourcePath} values of the nodes of {@code job}, each once: a DLF resource's name or its OBS
     * location (not confirmed which).
     */
    public static List<String> resourcePathsOfJob(JsonNode job) {
        Set<String> paths = new LinkedHashSet<>();
        for (JsonNode node : job.path("nodes")) {
            for (JsonNode property : node.path("properties")) {
                if (property.path("name").asText("").equals("resourcePath")
                        && !property.path("value").asText("").isEmpty()) {
                    paths.add(property.path("value").asText());
                }
            }
        }
        return List.copyOf(paths);
    }

    /** The jobs {@code job} depends on. */
    public static List<String> dependJobs(JsonNode job) {
        List<String> names = new ArrayList<>();
        job.path("schedule").path("cron").path("dependJobs").path("jobs").forEach(name -> names.add(name.asText()));
        return names;
    }
}
