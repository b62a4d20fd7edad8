package io.github.dlfmaven.draw;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dlfmaven.snapshot.JobReferences;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The node graph of one job, as its definition states it: nodes (name, type, the position the DataArts editor gave
 * it, when it did) and edges from each {@code preNodeName} and {@code conditions[].preNodeName} to the node that waits
 * for it. Names that do not name a node of the job are left out (validate reports them); a second node of the same
 * name too.
 *
 * @param nodes by name, in the definition's order
 * @param edges each from a node to one that waits for it
 */
public record JobGraph(Map<String, Node> nodes, List<Edge> edges) {

    /** @param x,y where the editor placed the node, or null when the definition says nothing usable */
    public record Node(String name, String type, Double x, Double y) {}

    /** @param conditional whether the edge comes from a condition ({@code conditions}) rather than a plain order */
    public record Edge(String from, String to, boolean conditional) {}

    public static JobGraph of(JsonNode job) {
        Map<String, Node> nodes = new LinkedHashMap<>();
        for (JsonNode node : job.path("nodes")) {
            String name = node.path("name").asText("");
            if (!name.isEmpty() && !nodes.containsKey(name)) {
                JsonNode location = node.path("location");
                nodes.put(
                        name,
                        new Node(
                                name,
                                node.path("type").asText(""),
                                number(location.path("x")),
                                number(location.path("y"))));
            }
        }
        List<Edge> edges = new ArrayList<>();
        Set<List<String>> linked = new HashSet<>();
        for (JsonNode node : job.path("nodes")) {
            String name = node.path("name").asText("");
            if (!nodes.containsKey(name)) {
                continue;
            }
            for (String pre : JobReferences.waitsFor(node)) {
                add(edges, linked, nodes, pre, name, false);
            }
            for (String pre : JobReferences.waitsOnConditionFor(node)) {
                add(edges, linked, nodes, pre, name, true);
            }
        }
        return new JobGraph(nodes, edges);
    }

    /** Adds the edge unless one between the two nodes is there already: one arrow per pair, in constant time. */
    private static void add(
            List<Edge> edges,
            Set<List<String>> linked,
            Map<String, Node> nodes,
            String from,
            String to,
            boolean conditional) {
        if (nodes.containsKey(from) && !from.equals(to) && linked.add(List.of(from, to))) {
            edges.add(new Edge(from, to, conditional));
        }
    }

    /** The editor writes coordinates as numbers or as strings of numbers ({@code "-45.5"}). */
    private static Double number(JsonNode value) {
        if (value.isNumber()) {
            return Double.isFinite(value.asDouble()) ? value.asDouble() : null;
        }
        if (value.isTextual()) {
            try {
                double parsed = Double.parseDouble(value.asText().trim());
                return Double.isFinite(parsed) ? parsed : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
