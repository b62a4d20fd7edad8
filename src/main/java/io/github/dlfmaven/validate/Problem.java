package io.github.dlfmaven.validate;

import io.github.dlfmaven.text.LogText;

/**
 * One problem found in a snapshot.
 *
 * @param path the file, relative to the snapshot root with {@code /}
 * @param rule the rule it breaks
 * @param message what is wrong, never quoting a value that may be a secret
 */
public record Problem(String path, Rule rule, String message) {

    /** {@code jobs/a.job: node 'load' names script 'x', which is not in scripts/ [DLF-V06]}. */
    @Override
    public String toString() {
        return LogText.escape(path) + ": " + message + " [" + rule.id() + "]";
    }
}
