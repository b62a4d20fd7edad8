package io.github.dlfmaven.api;

import java.util.List;
import java.util.Locale;

/**
 * A DLF system task ({@code GET /v1/{project_id}/system-tasks/{task_id}}), such as an import, as far as it got.
 *
 * @param status {@code RUNNING}, {@code SUCCESSFUL} or {@code FAILED}, upper case; what DLF sent otherwise
 */
public record SystemTask(String id, String name, String status, List<Subtask> subtasks) {

    public SystemTask {
        subtasks = List.copyOf(subtasks);
        status = status == null ? "" : status.toUpperCase(Locale.ROOT);
    }

    /**
     * One step of the task; {@code message} is DLF's explanation when it gives one (the documentation shows none, so
     * the client reads the likely fields and leaves it empty otherwise).
     */
    public record Subtask(String id, String name, String status, String message) {}

    /**
     * Whether the task is over: {@code SUCCESSFUL} or {@code FAILED} as documented, or a word of the same meaning
     * (not confirmed which others DLF uses). Any other status, known or not, is waited for.
     */
    public boolean finished() {
        return succeeded() || status.equals("FAILED") || status.equals("FAIL") || status.equals("ERROR");
    }

    public boolean succeeded() {
        return status.equals("SUCCESSFUL") || status.equals("SUCCESS");
    }
}
