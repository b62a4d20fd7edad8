package io.github.dlfmaven.check;

import java.util.List;

/**
 * One file that differs.
 *
 * @param path relative to the snapshot root, with {@code /}
 * @param change how it differs
 * @param jsonPaths for a changed definition, the JSON paths whose values differ ({@code nodes[load].properties
 *     [scriptName].value}), empty where the file is no JSON on either side
 * @param diff for a changed file, a unified diff of the normalized text with secret values masked; empty where
 *     {@code diffNote} says why
 * @param diffNote why a changed file has no diff (a binary file, too large to diff), or null
 */
public record FileDrift(String path, Change change, List<String> jsonPaths, List<String> diff, String diffNote) {

    public FileDrift {
        jsonPaths = List.copyOf(jsonPaths);
        diff = List.copyOf(diff);
    }

    static FileDrift of(String path, Change change) {
        return new FileDrift(path, change, List.of(), List.of(), null);
    }
}
