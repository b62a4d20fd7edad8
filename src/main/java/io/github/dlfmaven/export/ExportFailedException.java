package io.github.dlfmaven.export;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

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
        if (failures.size() == 1) {
            return failures.values().iterator().next().getMessage() + " " + outcome;
        }
        return failures.size() + " of " + jobCount + " jobs failed; " + outcome + "\n  - "
                + failures.values().stream().map(Exception::getMessage).collect(Collectors.joining("\n  - "));
    }

    /** Job name to the reason it failed, in the configured job order. */
    public Map<String, Exception> failures() {
        return failures;
    }

    public List<Exception> causes() {
        return List.copyOf(failures.values());
    }
}
