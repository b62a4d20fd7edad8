package io.github.dlfmaven.promote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.dlfmaven.snapshot.DefinitionKind;
import io.github.dlfmaven.text.LogText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Replacements that turn the definitions of one environment (a development workspace) into another's (production):
 * per {@link MappedField kind of value}, from one exact value to another, applied to the copy that is imported, never
 * to the snapshot. Read from a JSON file
 * ({@code {"connections": {"dws_dev": "dws_prod"}, "timeZones": {"GMT+08:00": "GMT+01:00"}, "forbid": ["dws_dev"]}})
 * or a properties file ({@code connections.dws_dev=dws_prod}, {@code forbid=dws_dev,dev_queue}).
 *
 * <p>{@code forbid} lists development names that must not be left in what is imported: a mapped field that still
 * holds one after the mapping (an OBS path that starts with one) is an error. Thread-safe once read; each
 * {@link Session} counts what it replaced.
 */
public final class EnvironmentMapping {

    private final Map<MappedField, Map<String, String>> replacements;
    private final Set<String> forbidden;

    EnvironmentMapping(Map<MappedField, Map<String, String>> replacements, Set<String> forbidden) {
        Map<MappedField, Map<String, String>> copy = new EnumMap<>(MappedField.class);
        replacements.forEach((field, values) -> copy.put(field, Collections.unmodifiableMap(new TreeMap<>(values))));
        this.replacements = Collections.unmodifiableMap(copy);
        this.forbidden = Set.copyOf(forbidden);
    }

    /** No replacement at all. */
    public static EnvironmentMapping none() {
        return new EnvironmentMapping(Map.of(), Set.of());
    }

    /**
     * Reads a {@code .json} or {@code .properties} file.
     *
     * @throws InvalidMappingException the file cannot be read or holds an unknown kind; the message names the file
     */
    public static EnvironmentMapping read(Path file) throws InvalidMappingException {
        return MappingFile.read(file);
    }

    /** The replacements of one kind, from to to. */
    public Map<String, String> of(MappedField field) {
        return replacements.getOrDefault(field, Map.of());
    }

    public boolean isEmpty() {
        return replacements.values().stream().allMatch(Map::isEmpty) && forbidden.isEmpty();
    }

    /** A pass over the definitions of one import, which remembers what it replaced and what it found forbidden. */
    public Session start() {
        return new Session();
    }

    /** One pass: {@link #apply} each definition, then read {@link #unused()} and {@link #forbiddenLeft()}. */
    public final class Session {
        private final Map<MappedField, Set<String>> used = new EnumMap<>(MappedField.class);
        private final List<String> forbiddenLeft = new ArrayList<>();
        private int replaced;

        private Session() {}

        /**
         * Replaces, in place, the mapped values of one definition.
         *
         * @param path the definition's path in the package, for messages: {@code jobs/daily.job}
         */
        public void apply(DefinitionKind kind, String path, ObjectNode definition) {
            map(kind, definition);
            findForbidden(path, "", definition);
        }

        private void map(DefinitionKind kind, ObjectNode definition) {
            switch (kind) {
                case JOB -> job(definition);
                case SCRIPT -> {
                    value(MappedField.CONNECTIONS, definition, "connectionName");
                    value(MappedField.QUEUES, definition, "queueName");
                    value(MappedField.DATABASES, definition, "database");
                }
                case RESOURCE -> {
                    value(MappedField.OBS_PATHS, definition, "location");
                    if (definition.get("dependFiles") instanceof ArrayNode files) {
                        for (int i = 0; i < files.size(); i++) {
                            if (files.get(i).isTextual()) {
                                files.set(
                                        i,
                                        TextNode.valueOf(mapped(
                                                MappedField.OBS_PATHS,
                                                null,
                                                files.get(i).asText())));
                            }
                        }
                    }
                    definition.path("dependPackages").forEach(p -> {
                        if (p instanceof ObjectNode pkg) {
                            value(MappedField.OBS_PATHS, pkg, "location");
                        }
                    });
                }
            }
        }

        private void job(ObjectNode job) {
            value(MappedField.OBS_PATHS, job, "logPath");
            if (job.path("schedule").path("cron") instanceof ObjectNode cron) {
                value(MappedField.TIME_ZONES, cron, "expressionTimeZone");
            }
            job.path("params").forEach(p -> {
                if (p instanceof ObjectNode param) {
                    String name = param.path("name").asText("");
                    String replacement = of(MappedField.JOB_PARAMETERS).get(name);
                    if (replacement != null) {
                        // By the parameter's name, whatever its value was (a number, say).
                        param.put("value", replacement);
                        used(MappedField.JOB_PARAMETERS, name);
                    }
                    value(MappedField.JOB_PARAMETERS, param, "value");
                }
            });
            job.path("nodes").forEach(node -> {
                node.path("properties").forEach(p -> {
                    if (!(p instanceof ObjectNode property)) {
                        return;
                    }
                    String name = property.path("name").asText("");
                    MappedField field = switch (name) {
                        case "connectionName" -> MappedField.CONNECTIONS;
                        case "queueName" -> MappedField.QUEUES;
                        case "clusterName" -> MappedField.CLUSTERS;
                        case "database" -> MappedField.DATABASES;
                        // Any other property is of a mapped kind only when it holds an OBS location.
                        default ->
                            property.path("value").asText("").startsWith("obs://") ? MappedField.OBS_PATHS : null;
                    };
                    if (field != null) {
                        value(field, property, "value");
                    }
                });
            });
        }

        /**
         * Maps one value of a mapped kind in place. What it holds afterwards is checked against {@code forbid} with every
         * other value of the definition ({@link #findForbidden}).
         *
         */
        private void value(MappedField field, ObjectNode holder, String name) {
            JsonNode value = holder.get(name);
            if (value == null || !value.isTextual()) {
                return;
            }
            String to = mapped(field, value.asText(), value.asText());
            if (!to.equals(value.asText())) {
                holder.put(name, to);
            }
        }

        /**
         * The value after the mapping of its kind: by exact value, OBS locations by their longest prefix (also where a
         * job parameter or a node property holds one), a job parameter already by its name.
         */
        private String mapped(MappedField field, String exactKey, String from) {
            if (field != MappedField.OBS_PATHS && field != MappedField.JOB_PARAMETERS) {
                String to = of(field).get(exactKey);
                if (to != null) {
                    used(field, exactKey);
                    return to;
                }
                return from;
            }
            return from.startsWith("obs://") ? obsValue(from) : from;
        }

        /** The longest matching prefix wins, so that a specific folder can go elsewhere than its bucket. */
        private String obsValue(String from) {
            String best = null;
            for (String prefix : of(MappedField.OBS_PATHS).keySet()) {
                if (from.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
                    best = prefix;
                }
            }
            if (best == null) {
                return from;
            }
            used(MappedField.OBS_PATHS, best);
            return of(MappedField.OBS_PATHS).get(best) + from.substring(best.length());
        }

        /**
         * Every value of the definition, after the mapping, against {@code forbid}: a development name must not reach
         * the target in any field, mapped or not, so every string is looked at: a name as the whole value (spaces
         * around it aside), an OBS location anywhere in it (an option such as {@code --input obs://dev/in}, SQL's
         * {@code LOCATION 'obs://dev/...'}), its scheme in any case.
         *
         * @param where what the value is, for messages: {@code node 'load' connectionName}, {@code parameter 'src'}
         */
        private void findForbidden(String path, String where, JsonNode node) {
            if (node.isTextual()) {
                String value = node.asText();
                String folded = value.toLowerCase(Locale.ROOT);
                for (String name : forbidden) {
                    boolean found = name.startsWith("obs://")
                            ? folded.contains(name.toLowerCase(Locale.ROOT))
                            : value.strip().equals(name);
                    if (found) {
                        forbiddenLeft.add(path + " " + (where.isEmpty() ? "value" : where) + " is still '"
                                + LogText.escape(value) + "'");
                        return;
                    }
                }
            } else if (node.isObject()) {
                node.fields()
                        .forEachRemaining(field -> findForbidden(
                                path,
                                // A {name, value} pair is named by its name; its value is the pair's value.
                                field.getKey().equals("value")
                                                && node.path("name").isTextual()
                                        ? where
                                        : join(where, field.getKey()),
                                field.getValue()));
            } else if (node.isArray()) {
                String kind = where.substring(where.lastIndexOf(' ') + 1);
                for (JsonNode element : node) {
                    String name = element.path("name").asText(null);
                    String label = name == null
                            ? where
                            : switch (kind) {
                                case "nodes" ->
                                    join(
                                            where.substring(0, where.length() - kind.length())
                                                    .strip(),
                                            "node '" + LogText.escape(name) + "'");
                                case "params" ->
                                    join(
                                            where.substring(0, where.length() - kind.length())
                                                    .strip(),
                                            "parameter '" + LogText.escape(name) + "'");
                                case "properties" ->
                                    join(
                                            where.substring(0, where.length() - kind.length())
                                                    .strip(),
                                            LogText.escape(name));
                                default -> where + " '" + LogText.escape(name) + "'";
                            };
                    findForbidden(path, label, element);
                }
            }
        }

        private static String join(String where, String more) {
            return where.isEmpty() ? more : where + " " + more;
        }

        private void used(MappedField field, String from) {
            used.computeIfAbsent(field, f -> new LinkedHashSet<>()).add(from);
            replaced++;
        }

        /** How many values were replaced. */
        public int replaced() {
            return replaced;
        }

        /** Mapping entries that matched nothing, as {@code kind.from}: a typo, or a name the jobs no longer use. */
        public List<String> unused() {
            List<String> unused = new ArrayList<>();
            replacements.forEach((field, values) -> values.keySet().stream()
                    .filter(from -> !used.getOrDefault(field, Set.of()).contains(from))
                    .forEach(from -> unused.add(field.key() + "." + from)));
            return unused;
        }

        /** Each mapped field that still holds a forbidden name after the mapping, with where it is. */
        public List<String> forbiddenLeft() {
            return List.copyOf(forbiddenLeft);
        }
    }
}
