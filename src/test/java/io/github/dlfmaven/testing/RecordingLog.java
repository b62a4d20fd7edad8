package io.github.dlfmaven.testing;

import io.github.dlfmaven.log.Log;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Keeps every line the core logs, prefixed with its level, for tests to assert on. */
public final class RecordingLog implements Log {

    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    @Override
    public boolean isDebugEnabled() {
        return true;
    }

    @Override
    public void debug(String message) {
        lines.add("[DEBUG] " + message);
    }

    @Override
    public void info(String message) {
        lines.add("[INFO] " + message);
    }

    @Override
    public void warn(String message) {
        lines.add("[WARN] " + message);
    }

    @Override
    public void error(String message) {
        lines.add("[ERROR] " + message);
    }

    /** A copy of the lines so far. */
    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** Whether some line starts with {@code prefix}. */
    public boolean hasLineStartingWith(String prefix) {
        return lines().stream().anyMatch(line -> line.startsWith(prefix));
    }
}
