package io.github.dlfmaven.promote;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;

/** Where JSON failed to parse, for a message that quotes nothing of it: a definition or mapping may hold a secret. */
final class JsonPosition {

    private JsonPosition() {}

    /** {@code " (line 3, column 7)"}, or nothing where Jackson knows no place (a limit it enforces, for one). */
    static String of(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        return location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
