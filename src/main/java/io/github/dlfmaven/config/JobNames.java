package io.github.dlfmaven.config;

import io.github.dlfmaven.text.LogText;
import java.util.Optional;

/**
 * What a job name may be, wherever it comes from: typed by the user or read from DLF's job list. A job name
 * becomes a URL path segment ({@code jobs/{name}/export}) and a file name ({@code jobs/{name}.job}), so
 * {@code .} and {@code ..} (which a URL resolves), {@code /} and {@code \} (which split paths) and control
 * characters (which forge log lines) are refused. DLF's own rules are narrower (letters, digits, {@code -},
 * {@code _}, {@code .}, and Chinese characters); they are DLF's to enforce.
 */
public final class JobNames {

    private JobNames() {}

    /** Why {@code name} cannot be a job name, or empty when it can; the text fits after "cannot be a job name: ". */
    public static Optional<String> problem(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("it is empty");
        }
        if (name.equals(".") || name.equals("..")) {
            return Optional.of("'.' and '..' would change the request's path");
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            return Optional.of("it contains '/' or '\\'");
        }
        if (!LogText.escape(name).equals(name)) {
            return Optional.of("it contains control characters");
        }
        return Optional.empty();
    }

    /**
     * Refuses a name that {@link #problem} refuses: a guard for code that puts a name into a URL or a path, behind
     * the checks that report such names to the user.
     *
     * @throws IllegalArgumentException with the name escaped
     */
    public static String requireValid(String name) {
        problem(name).ifPresent(why -> {
            throw new IllegalArgumentException("'" + LogText.escape(name) + "' cannot be a job name: " + why);
        });
        return name;
    }
}
