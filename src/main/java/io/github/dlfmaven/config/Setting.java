package io.github.dlfmaven.config;

/**
 * A setting a user can make, by the name of its parameter. The core names settings with these when it explains
 * what to change; how a setting is spelled (a pom element, a user property) is the front end's business, see
 * {@link SettingNames}.
 */
public enum Setting {
    REGION("region"),
    ENDPOINT("endpoint"),
    PROJECT_ID("projectId"),
    WORKSPACE("workspace"),
    JOBS("jobs"),
    EXCLUDES("excludes"),
    ALLOW_EMPTY("allowEmpty"),
    DIRECTORY("directory"),
    BATCH("batch"),
    EXPORT_DEPEND("exportDepend"),
    EXPORT_STATUS("exportStatus"),
    OBS_PATH("obsPath"),
    OUTPUT_DIRECTORY("outputDirectory"),
    SERVER_ID("serverId"),
    SKIP("skip"),
    THREADS("threads"),
    RETRIES("retries"),
    CONNECT_TIMEOUT("connectTimeout"),
    READ_TIMEOUT("readTimeout"),
    CALL_TIMEOUT("callTimeout"),
    MAX_EXTRACTED_BYTES("maxExtractedBytes"),
    MAX_ENTRIES("maxEntries"),
    MAX_TOTAL_BYTES("maxTotalBytes"),
    MAX_TOTAL_ENTRIES("maxTotalEntries"),
    TRUST_STORE("trustStore"),
    TRUST_STORE_TYPE("trustStoreType"),
    TRUST_STORE_SERVER_ID("trustStoreServerId"),
    IAM_ENDPOINT("iamEndpoint"),
    METADATA_CREDENTIALS("metadataCredentials"),
    METADATA_URL("metadataUrl"),
    IGNORE_FIELDS("ignoreFields"),
    SNAPSHOT_DIRECTORY("snapshotDirectory"),
    REPORT_DIRECTORY("reportDirectory"),
    /** The folder of {@code dlf:report}'s pages. */
    REPORT_OUTPUT_DIRECTORY("outputDirectory"),
    FAIL_ON_DRIFT("failOnDrift"),
    FAIL_ON_WARNING("failOnWarning"),
    EXCLUDE_RULES("excludeRules"),
    OBS_ENDPOINT("obsEndpoint"),
    SAME_NAME_POLICY("sameNamePolicy"),
    TARGET_STATUS("targetStatus"),
    EXECUTE_USER("executeUser"),
    ENVIRONMENT("environment"),
    DRY_RUN("dryRun"),
    TIMEOUT("timeout"),
    KEEP_PACKAGE("keepPackage"),
    WORK_DIRECTORY("workDirectory");

    private final String parameter;

    Setting(String parameter) {
        this.parameter = parameter;
    }

    /** The parameter's name, such as {@code threads}. */
    public String parameter() {
        return parameter;
    }
}
