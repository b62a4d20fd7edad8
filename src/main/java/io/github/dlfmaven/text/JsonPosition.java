package io.github.dlfmaven.text;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * Where JSON failed to parse, for a message that quotes nothing of it: Jackson's own message quotes the text it
 * stumbled on, and a definition, a mapping or a credential service's answer may hold a secret.
 */
public final class JsonPosition {

    private JsonPosition() {}

    /** {@code " (line 3, column 7)"}, or nothing where Jackson knows no place (a limit it enforces, for one). */
    public static String of(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        return location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
