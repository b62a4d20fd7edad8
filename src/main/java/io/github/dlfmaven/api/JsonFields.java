package io.github.dlfmaven.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** Reading the API's small JSON answers leniently: a body that is no JSON object is simply not one. */
final class JsonFields {

    static final ObjectMapper JSON = new ObjectMapper();

    private JsonFields() {}

    /** The body as a JSON object, or null when it is anything else. */
    static JsonNode object(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** A field as text; null when absent or JSON null. */
    static String text(JsonNode json, String name) {
        JsonNode value = json.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** The first of these fields that is present: gateways and services name their error fields differently. */
    static String firstText(JsonNode json, String... names) {
        for (String name : names) {
            String value = text(json, name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
