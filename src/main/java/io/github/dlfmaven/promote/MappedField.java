package io.github.dlfmaven.promote;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of value an environment mapping replaces, each in the fields where DLF keeps it, and each by exact value
 * (OBS paths by prefix), so that a mapping never rewrites SQL text or a value of another kind that happens to be
 * spelled the same.
 */
public enum MappedField {
    /** {@code connectionName} of a node's properties and of a script. */
    CONNECTIONS("connections"),
    /** {@code queueName} (DLI) of a node's properties and of a script. */
    QUEUES("queues"),
    /** {@code clusterName} (MRS, CDM) of a node's properties. */
    CLUSTERS("clusters"),
    /** {@code database} of a node's properties and of a script. */
    DATABASES("databases"),
    /**
     * OBS locations by prefix ({@code obs://dev-bucket/} to {@code obs://prod-bucket/}): node property values, a
     * job's {@code logPath}, a resource's {@code location}, {@code dependFiles} and {@code dependPackages}.
     */
    OBS_PATHS("obsPaths"),
    /** The value of a job parameter ({@code params[].value}), by the parameter's name. */
    JOB_PARAMETERS("jobParameters"),
    /** {@code schedule.cron.expressionTimeZone}, such as {@code GMT+08:00} to {@code GMT+01:00}. */
    TIME_ZONES("timeZones");

    private final String key;

    MappedField(String key) {
        this.key = key;
    }

    /** The key of this kind in a mapping file: {@code connections}. */
    public String key() {
        return key;
    }

    static Optional<MappedField> byKey(String key) {
        return Arrays.stream(values()).filter(f -> f.key.equals(key)).findFirst();
    }

    static String keys() {
        return String.join(", ", Arrays.stream(values()).map(MappedField::key).toList()) + " and forbid";
    }
}
