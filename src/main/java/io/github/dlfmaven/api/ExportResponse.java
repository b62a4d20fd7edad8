package io.github.dlfmaven.api;

import java.nio.file.Path;

/** What one successful export call returned. */
public sealed interface ExportResponse {

    /** How many HTTP attempts it took (1 when the first succeeded). */
    int attempts();

    /**
     * The job package, streamed to a file.
     *
     * @param file where the body was written; the caller owns and deletes it
     * @param bytes how many bytes the body had
     * @param contentType the response's Content-Type, or empty
     */
    record Archive(Path file, long bytes, String contentType, int attempts) implements ExportResponse {}

    /**
     * DLF wrote the package to OBS.
     *
     * @param location the OBS location DLF reported (its {@code obsPath} field); when the response did not name
     *     one, the path that was requested
     * @param confirmed whether the response named the location itself
     */
    record ObsLocation(String location, boolean confirmed, int attempts) implements ExportResponse {}
}
