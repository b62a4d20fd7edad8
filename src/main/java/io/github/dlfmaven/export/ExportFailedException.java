package io.github.dlfmaven.export;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One or more jobs could not be exported; the output folder was left as it was.
 * The message lists each failed job with its reason; {@link #failures()} gives the causes.
 */
public class ExportFailedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Map<String, Exception> failures;

    public ExportFailedException(Map<String, Exception> failures, int jobCount, String outcome) {
        super(describe(failures, jobCount, outcome), failures.values().iterator().next());
        this.failures = Collections.unmodifiableMap(new LinkedHashMap<>(failures));
    }

    private static String describe(Map<String, Exception> failures, int jobCount, String outcome) {
        List<String> reasons = failures.entrySet().stream().map(ExportFailedException::reason).toList();
        if (reasons.size() == 1) {
            return reasons.get(0) + " " + outcome;
        }
        return failures.size() + " of " + jobCount + " jobs failed; " + outcome + "\n  - " + String.join("\n  - ", reasons);
    }

    /** The failure's message, naming the job when the message itself does not (a disk error, say). */
    private static String reason(Map.Entry<String, Exception> failure) {
        String message = String.valueOf(failure.getValue().getMessage());
        return message.contains("'" + failure.getKey() + "'") ? message : "Job '" + failure.getKey() + "': " + message;
    }

    /** Job name to the reason it failed, in the configured job order. */
    public Map<String, Exception> failures() {
        return failures;
    }

    public List<Exception> causes() {
        return List.copyOf(failures.values());
    }
}
