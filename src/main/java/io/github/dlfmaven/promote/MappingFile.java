package io.github.dlfmaven.promote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dlfmaven.log.LogText;
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
import java.util.regex.Pattern;

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
            throw new InvalidMappingException("The environment mapping " + file + " is not valid JSON (line "
                    + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ").");
        } catch (IOException e) {
            throw new InvalidMappingException("The environment mapping " + file + " cannot be read: " + e.getMessage());
        }
        throw new InvalidMappingException(
                "The environment mapping " + file + " is neither a .json nor a .properties" + " file.");
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

    private static final Pattern TIME_ZONE = Pattern.compile("(GMT|UTC)([+-]\\d{2}:\\d{2})?");

    /**
     * Refuses entries that cannot mean what they seem to: OBS prefixes that are no {@code obs://} folder (a
     * properties file reads an unescaped {@code :} as the end of the key), time zones that are no {@code GMT+08:00}.
     */
    private static void check(Map<MappedField, Map<String, String>> replacements, Path file)
            throws InvalidMappingException {
        List<String> problems = new ArrayList<>();
        String escape =
                file.getFileName().toString().endsWith(".properties") ? " (in a properties file, write : as \\:)" : "";
        replacements.getOrDefault(MappedField.OBS_PATHS, Map.of()).forEach((from, to) -> {
            for (String prefix : List.of(from, to)) {
                if (!prefix.startsWith("obs://") || !prefix.endsWith("/") || prefix.length() <= "obs://x".length()) {
                    problems.add("obsPaths '" + LogText.escape(from) + "' to '" + LogText.escape(to) + "': both must be"
                            + " OBS folders such as obs://etl-dev/" + escape);
                    break;
                }
            }
        });
        replacements.getOrDefault(MappedField.TIME_ZONES, Map.of()).forEach((from, to) -> {
            if (!TIME_ZONE.matcher(from).matches() || !TIME_ZONE.matcher(to).matches()) {
                problems.add("timeZones '" + LogText.escape(from) + "' to '" + LogText.escape(to) + "': both must be"
                        + " time zones as DLF writes them, such as GMT+08:00" + escape);
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidMappingException(
                    "The environment mapping " + file + " cannot be used: " + String.join("; ", problems) + ".");
        }
    }
}
