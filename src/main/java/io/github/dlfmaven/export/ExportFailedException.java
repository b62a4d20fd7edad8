package io.github.dlfmaven.export;

import io.github.dlfmaven.failure.Failure;
import io.github.dlfmaven.text.LogText;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One or more jobs could not be exported; the output folder was left as it was.
 * The message lists each failed job with its reason; {@link #failures()} gives the causes.
 */
public class ExportFailedException extends Exception implements Failure {

    private static final long serialVersionUID = 1L;

    private final transient Map<String, Exception> failures;

    public ExportFailedException(Map<String, Exception> failures, int jobCount, String outcome) {
        super(
                describe(failures, jobCount, outcome),
                failures.values().iterator().next());
        this.failures = Collections.unmodifiableMap(new LinkedHashMap<>(failures));
    }

    private static String describe(Map<String, Exception> failures, int jobCount, String outcome) {
        List<String> reasons =
                failures.entrySet().stream().map(ExportFailedException::reason).toList();
        if (reasons.size() == 1) {
            return sentence(reasons.get(0)) + " " + capitalized(outcome);
        }
        // One cause that failed every job at once (credentials that cannot be had) is said once.
        Exception first = failures.values().iterator().next();
        if (failures.values().stream().allMatch(cause -> cause == first)) {
            return failures.size() + " of " + jobCount + " jobs failed, all for one reason: "
                    + sentence(String.valueOf(first.getMessage())) + " " + capitalized(outcome);
        }
        return failures.size() + " of " + jobCount + " jobs failed; " + outcome + "\n  - "
                + String.join("\n  - ", reasons);
    }

    /** The failure's message, naming the job (or batch) when the message itself does not (a disk error, say). */
    private static String reason(Map.Entry<String, Exception> failure) {
        String message = String.valueOf(failure.getValue().getMessage());
        String key = failure.getKey();
        if (key.startsWith(BATCH_PREFIX)) {
            return message.contains(key) ? message : capitalized(key) + ": " + message;
        }
        String shown = LogText.escape(key);
        return message.contains("'" + shown + "'") ? message : "Job '" + shown + "': " + message;
    }

    /** How a failure that concerns a whole batch, not one job, is keyed: {@code batch of 100 jobs from 'a'}. */
    static String batchKey(List<String> jobs) {
        return BATCH_PREFIX + jobs.size() + " jobs from '" + LogText.escape(jobs.get(0)) + "'";
    }

    private static final String BATCH_PREFIX = "batch of ";

    /** The text as a sentence of its own: ending with a full stop (or another end mark) before the next one starts. */
    private static String sentence(String text) {
        String trimmed = text.stripTrailing();
        return trimmed.endsWith(".") || trimmed.endsWith("!") || trimmed.endsWith("?") ? trimmed : trimmed + ".";
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /**
     * Job name to the reason it failed, in the configured job order; a failure of a whole batch is keyed
     * {@code batch of N jobs from 'first'}.
     */
    public Map<String, Exception> failures() {
        return failures;
    }

    public List<Exception> causes() {
        return List.copyOf(failures.values());
    }

    /**
     * The user's to act on when every job failed for a reason that is (what the server said, what it sent, credentials
     * its side refused); something broke when any failed on the way (the network, the disk).
     */
    @Override
    public boolean userMustAct() {
        return failures.values().stream().allMatch(cause -> cause instanceof Failure f && f.userMustAct());
    }
}
