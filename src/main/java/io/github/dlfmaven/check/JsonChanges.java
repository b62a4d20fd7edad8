package io.github.dlfmaven.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The JSON paths at which two definitions differ, as a reviewer reads them: {@code schedule.cron.expression},
 * {@code nodes[load_hive].properties[scriptName].value}. A list whose elements are all objects with distinct
 * {@code name}s (nodes, properties, params) is matched by name, so inserting a node does not shift every later one;
 * any other list by position ({@code preNodeName[0]}). A path that exists on one side only is named too.
 */
final class JsonChanges {

    /** More paths than this in one file say little more than "rewritten". */
    static final int MAX_PATHS = 200;

    private final ObjectMapper mapper = new ObjectMapper();

    /** The paths that differ; empty when either side is no JSON. */
    List<String> paths(String before, String after) {
        JsonNode a;
        JsonNode b;
        try {
            a = mapper.readTree(before);
            b = mapper.readTree(after);
        } catch (JsonProcessingException | RuntimeException e) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        walk("", a, b, out);
        return out;
    }

    private void walk(String path, JsonNode a, JsonNode b, List<String> out) {
        if (out.size() >= MAX_PATHS || (a != null && a.equals(b))) {
            return;
        }
        if (a == null || b == null) {
            out.add(path.isEmpty() ? "$" : path);
        } else if (a.isObject() && b.isObject()) {
            Set<String> keys = new TreeSet<>();
            a.fieldNames().forEachRemaining(keys::add);
            b.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                walk(path.isEmpty() ? key : path + "." + key, a.get(key), b.get(key), out);
            }
        } else if (a.isArray() && b.isArray()) {
            Map<String, JsonNode> byNameA = byName(a);
            Map<String, JsonNode> byNameB = byName(b);
            if (byNameA != null && byNameB != null) {
                Set<String> names = new TreeSet<>(byNameA.keySet());
                names.addAll(byNameB.keySet());
                for (String name : names) {
                    walk(path + "[" + name + "]", byNameA.get(name), byNameB.get(name), out);
                }
            } else {
                for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
                    walk(path + "[" + i + "]", a.get(i), b.get(i), out);
                }
            }
        } else {
            out.add(path.isEmpty() ? "$" : path);
        }
    }

    /** The elements by their {@code name}, or null when some element has none or two share one. */
    private static Map<String, JsonNode> byName(JsonNode array) {
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
            JsonNode element = it.next();
            JsonNode name = element.get("name");
            if (!element.isObject() || name == null || !name.isTextual() || !seen.add(name.asText())) {
                return null;
            }
            byName.put(name.asText(), element);
        }
        return byName;
    }
}
