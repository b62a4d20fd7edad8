package io.github.dlfmaven.validate;

import java.util.Locale;
import java.util.Optional;

/**
 * The rules a snapshot is checked against, each with the short id its messages end with ({@code [DLF-V06]}), so
 * that a user can look one up or leave it out ({@code excludeRules}).
 */
public enum Rule {
    PARSES("DLF-V01", Severity.ERROR, "every .job, .script and .resource file parses as JSON"),
    NAME_MATCHES_FILE("DLF-V02", Severity.ERROR, "a definition's name is its file name"),
    JOB_FIELDS("DLF-V03", Severity.ERROR, "a job has name, nodes, schedule and processType"),
    UNIQUE_NODES("DLF-V04", Severity.ERROR, "node names are unique within a job"),
    KNOWN_PREDECESSORS(
            "DLF-V05", Severity.ERROR, "every preNodeName and conditions[].preNodeName names a node of the same job"),
    KNOWN_SCRIPTS("DLF-V06", Severity.ERROR, "every scriptName names a script in scripts/"),
    NO_CYCLES("DLF-V07", Severity.ERROR, "the nodes of a job form no cycle"),
    KNOWN_RESOURCES(
            "DLF-V08", Severity.ERROR, "a resourcePath that is no obs:// location names a resource in resources/"),
    KNOWN_DEPEND_JOBS("DLF-V09", Severity.WARNING, "the jobs named in dependJobs are in the snapshot"),
    VALID_CRON("DLF-V10", Severity.ERROR, "a cron expression is valid Quartz syntax, such as 0 0 2 * * ?"),
    NO_SECRETS("DLF-V11", Severity.WARNING, "no value of a definition looks like a secret");

    private final String id;
    private final Severity severity;
    private final String description;

    Rule(String id, Severity severity, String description) {
        this.id = id;
        this.severity = severity;
        this.description = description;
    }

    public String id() {
        return id;
    }

    public Severity severity() {
        return severity;
    }

    public String description() {
        return description;
    }

    /** The rule of an id, in any case: {@code dlf-v06}. */
    public static Optional<Rule> byId(String id) {
        String wanted = id.trim().toUpperCase(Locale.ROOT);
        for (Rule rule : values()) {
            if (rule.id.equals(wanted)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    public enum Severity {
        ERROR,
        WARNING
    }
}
