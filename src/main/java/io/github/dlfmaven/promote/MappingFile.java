package io.github.dlfmaven.promote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dlfmaven.text.JsonPosition;
import io.github.dlfmaven.text.LogText;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/** An environment mapping as a file holds it, JSON or properties, read and checked. */
final class MappingFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MappingFile() {}

    /**
     * Reads a {@code .json} or {@code .properties} file.
     *
     * @throws InvalidMappingException the file cannot be read or holds an unknown kind; the message names the file
     */
    static EnvironmentMapping read(Path file) throws InvalidMappingException {
        String name = file.getFileName().toString();
        try {
            if (name.endsWith(".json")) {
                return fromJson(JSON.readTree(file.toFile()), file);
            }
            if (name.endsWith(".properties")) {
                Properties properties = new Properties();
                try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    properties.load(in);
                }
                return fromProperties(properties, file);
            }
        } catch (JsonProcessingException e) {
            throw new InvalidMappingException(
                    "The environment mapping " + file + " is not valid JSON" + JsonPosition.of(e) + ".");
        } catch (IOException e) {
            throw new InvalidMappingException("The environment mapping " + file + " cannot be read: " + e.getMessage());
        }
        throw new InvalidMappingException(
                "The environment mapping " + file + " is neither a .json nor a .properties file.");
    }

    static EnvironmentMapping fromJson(JsonNode json, Path file) throws InvalidMappingException {
        if (json == null || !json.isObject()) {
            throw new InvalidMappingException(
                    "The environment mapping " + file + " is not a JSON object of kinds (" + MappedField.keys() + ").");
        }
        Map<MappedField, Map<String, String>> replacements = new EnumMap<>(MappedField.class);
        Set<String> forbidden = new LinkedHashSet<>();
        for (Map.Entry<String, JsonNode> kind : json.properties()) {
            if (kind.getKey().equals("forbid")) {
                if (!kind.getValue().isArray()) {
                    throw new InvalidMappingException("\"forbid\" in " + file + " is not a list of names.");
                }
                kind.getValue().forEach(v -> forbidden.add(v.asText()));
                continue;
            }
            MappedField field = field(kind.getKey(), file);
            if (!kind.getValue().isObject()) {
                throw new InvalidMappingException("\"" + field.key() + "\" in " + file + " is not an object of"
                        + " replacements ({\"from\": \"to\"}).");
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> value : kind.getValue().properties()) {
                if (!value.getValue().isValueNode() || value.getValue().isNull()) {
                    throw new InvalidMappingException("\"" + field.key() + "\" in " + file + " maps '"
                            + LogText.escape(value.getKey()) + "' to no text.");
                }
                values.put(value.getKey(), value.getValue().asText());
            }
            replacements.put(field, values);
        }
        check(replacements, file);
        return new EnvironmentMapping(replacements, forbidden);
    }

    static EnvironmentMapping fromProperties(Properties properties, Path file) throws InvalidMappingException {
        Map<MappedField, Map<String, String>> replacements = new EnumMap<>(MappedField.class);
        Set<String> forbidden = new LinkedHashSet<>();
        for (String key : new TreeMap<>(Map.copyOf(properties))
                .keySet().stream().map(String::valueOf).toList()) {
            String value = properties.getProperty(key);
            if (key.equals("forbid")) {
                for (String name : value.split(",")) {
                    if (!name.isBlank()) {
                        forbidden.add(name.strip());
                    }
                }
                continue;
            }
            int dot = key.indexOf('.');
            if (dot <= 0 || dot == key.length() - 1) {
                throw new InvalidMappingException("'" + LogText.escape(key) + "' in " + file + " is not kind.from"
                        + " (such as connections.dws_dev=dws_prod).");
            }
            replacements
                    .computeIfAbsent(field(key.substring(0, dot), file), f -> new LinkedHashMap<>())
                    .put(key.substring(dot + 1), value);
        }
        check(replacements, file);
        return new EnvironmentMapping(replacements, forbidden);
    }

    private static MappedField field(String key, Path file) throws InvalidMappingException {
        return MappedField.byKey(key)
                .orElseThrow(() -> new InvalidMappingException("'" + LogText.escape(key) + "' in " + file
                        + " is no kind of value the mapping knows; use " + MappedField.keys() + "."));
    }

    /**
     * Refuses entries that cannot mean what they seem to: an OBS location that is none, and, in a properties file,
     * a line cut at an unescaped {@code :} (which properties read as the end of the key: {@code
     * obsPaths.obs://a/=obs://b/} becomes the key {@code obsPaths.obs}, {@code timeZones.GMT+08:00=GMT+01:00} the key
     * {@code timeZones.GMT+08}, and what is left over, with its {@code =}, the value).
     */
    private static void check(Map<MappedField, Map<String, String>> replacements, Path file)
            throws InvalidMappingException {
        List<String> problems = new ArrayList<>();
        boolean properties = file.getFileName().toString().endsWith(".properties");
        String escape = properties ? " (in a properties file, write : as \\:)" : "";
        replacements.forEach((field, values) -> values.forEach((from, to) -> {
            boolean cut = properties && (from.contains("=") || to.contains("=") || to.startsWith("//"));
            boolean obs = field == MappedField.OBS_PATHS;
            boolean located = !obs
                    || (from.startsWith("obs://")
                            && to.startsWith("obs://")
                            && from.length() > "obs://".length()
                            && to.length() > "obs://".length());
            if (cut || !located) {
                problems.add(field.key() + " '" + LogText.escape(from) + "' to '" + LogText.escape(to) + "': "
                        + (obs ? "both must be OBS locations such as obs://etl-dev/" : "this line was cut") + escape);
            }
        }));
        if (!problems.isEmpty()) {
            throw new InvalidMappingException(
                    "The environment mapping " + file + " cannot be used: " + String.join("; ", problems) + ".");
        }
    }
}
