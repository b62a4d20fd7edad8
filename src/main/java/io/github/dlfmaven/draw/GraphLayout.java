package io.github.dlfmaven.draw;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each node of a graph is drawn: where the DataArts editor placed it when every node has a position and no
 * two boxes would overlap there, otherwise in layers from left to right, each node one layer after the latest node it
 * waits for (a cycle is broken where it is met), nodes in a layer ordered by the average place of their predecessors
 * so that edges cross less.
 */
public final class GraphLayout {

    public static final double WIDTH = 170;
    public static final double HEIGHT = 44;
    static final double GAP_X = 70;
    static final double GAP_Y = 30;
    static final double MARGIN = 20;

    private GraphLayout() {}

    /** A node's box. */
    public record Box(double x, double y, double width, double height) {
        public double centerX() {
            return x + width / 2;
        }

        public double centerY() {
            return y + height / 2;
        }

        boolean overlaps(Box other) {
            return x < other.x + other.width
                    && other.x < x + width
                    && y < other.y + other.height
                    && other.y < y + height;
        }
    }

    /** The boxes by node name, every box at {@link #MARGIN} or more from the top left. */
    public static Map<String, Box> of(JobGraph graph) {
        Map<String, Box> editor = editor(graph);
        return editor != null ? editor : layered(graph);
    }

    /**
     * The editor's places, spread by the least of a few factors that leaves room between every two boxes for an arrow
     * (the editor draws smaller boxes than these); null when none does.
     */
    private static Map<String, Box> editor(JobGraph graph) {
        if (graph.nodes().isEmpty() || graph.nodes().values().stream().anyMatch(n -> n.x() == null || n.y() == null)) {
            return null;
        }
        double minX = graph.nodes().values().stream()
                .mapToDouble(JobGraph.Node::x)
                .min()
                .orElse(0);
        double minY = graph.nodes().values().stream()
                .mapToDouble(JobGraph.Node::y)
                .min()
                .orElse(0);
        for (double scale : new double[] {1, 1.5, 2, 3}) {
            Map<String, Box> boxes = new LinkedHashMap<>();
            // Boxes filed by grid cell of a room's size: a room can only overlap boxes of its own and the eight
            // neighbouring cells, so a job of many nodes is checked in linear time.
            Map<List<Long>, List<Box>> cells = new HashMap<>();
            for (JobGraph.Node node : graph.nodes().values()) {
                Box box =
                        new Box(MARGIN + (node.x() - minX) * scale, MARGIN + (node.y() - minY) * scale, WIDTH, HEIGHT);
                Box room = new Box(box.x() - GAP_X / 2, box.y() - GAP_Y / 2, WIDTH + GAP_X, HEIGHT + GAP_Y);
                long column = (long) Math.floor(box.x() / (WIDTH + GAP_X));
                long line = (long) Math.floor(box.y() / (HEIGHT + GAP_Y));
                boolean crowded = false;
                for (long dx = -1; dx <= 1 && !crowded; dx++) {
                    for (long dy = -1; dy <= 1 && !crowded; dy++) {
                        crowded = cells.getOrDefault(List.of(column + dx, line + dy), List.of()).stream()
                                .anyMatch(room::overlaps);
                    }
                }
                if (crowded || !Double.isFinite(box.x()) || !Double.isFinite(box.y())) {
                    boxes = null;
                    break;
                }
                boxes.put(node.name(), box);
                cells.computeIfAbsent(List.of(column, line), k -> new ArrayList<>())
                        .add(box);
            }
            if (boxes != null) {
                return boxes;
            }
        }
        return null; // too crowded even spread out: lay it out instead
    }

    private static Map<String, Box> layered(JobGraph graph) {
        Map<String, List<String>> predecessors = new HashMap<>();
        graph.nodes().keySet().forEach(name -> predecessors.put(name, new ArrayList<>()));
        graph.edges().forEach(edge -> predecessors.get(edge.to()).add(edge.from()));
        Map<String, Integer> layer = new HashMap<>();
        for (String name : graph.nodes().keySet()) {
            layerOf(name, predecessors, layer, new java.util.HashSet<>());
        }
        int layers = layer.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        List<List<String>> columns = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            columns.add(new ArrayList<>());
        }
        graph.nodes().keySet().forEach(name -> columns.get(layer.get(name)).add(name));
        Map<String, Integer> row = new HashMap<>();
        for (List<String> column : columns) {
            Map<String, Double> weight = new HashMap<>();
            for (int i = 0; i < column.size(); i++) {
                String name = column.get(i);
                int index = i;
                weight.put(
                        name,
                        predecessors.get(name).stream()
                                .filter(row::containsKey)
                                .mapToInt(row::get)
                                .average()
                                .orElse(index));
            }
            column.sort(Comparator.comparingDouble(weight::get));
            for (int i = 0; i < column.size(); i++) {
                row.put(column.get(i), i);
            }
        }
        Map<String, Box> boxes = new LinkedHashMap<>();
        for (String name : graph.nodes().keySet()) {
            boxes.put(
                    name,
                    new Box(
                            MARGIN + layer.get(name) * (WIDTH + GAP_X),
                            MARGIN + row.get(name) * (HEIGHT + GAP_Y),
                            WIDTH,
                            HEIGHT));
        }
        return boxes;
    }

    /** The longest chain of predecessors before {@code name}; iterative over the chain to bear deep graphs. */
    private static int layerOf(
            String name,
            Map<String, List<String>> predecessors,
            Map<String, Integer> layer,
            java.util.Set<String> onPath) {
        java.util.Deque<String> stack = new java.util.ArrayDeque<>();
        // Where each node on the stack goes on through its predecessors, so none is looked at twice.
        Map<String, Integer> next = new HashMap<>();
        stack.push(name);
        while (!stack.isEmpty()) {
            String current = stack.peek();
            if (layer.containsKey(current)) {
                stack.pop();
                onPath.remove(current);
                continue;
            }
            onPath.add(current);
            String pending = null;
            List<String> before = predecessors.get(current);
            int i = next.getOrDefault(current, 0);
            for (; i < before.size(); i++) {
                String pre = before.get(i);
                if (!layer.containsKey(pre) && !onPath.contains(pre)) {
                    pending = pre;
                    break;
                }
            }
            next.put(current, i);
            if (pending != null) {
                stack.push(pending);
                continue;
            }
            int deepest = -1;
            for (String pre : predecessors.get(current)) {
                if (layer.containsKey(pre)) {
                    deepest = Math.max(deepest, layer.get(pre));
                }
            }
            layer.put(current, deepest + 1);
            onPath.remove(current);
            stack.pop();
        }
        return layer.get(name);
    }
}
