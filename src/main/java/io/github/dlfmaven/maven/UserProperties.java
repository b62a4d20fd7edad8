package io.github.dlfmaven.maven;

import io.github.dlfmaven.config.Setting;

/**
 * The user properties ({@code -Dname=value}) of the goals' parameters, in one place, so that the annotations and
 * the advice in messages cannot drift apart. Every setting of the core is {@code dlf.} and its parameter name.
 */
final class UserProperties {

    static final String REGION = "dlf.region";
    static final String ENDPOINT = "dlf.endpoint";
    static final String PROJECT_ID = "dlf.projectId";
    static final String WORKSPACE = "dlf.workspace";
    static final String JOBS = "dlf.jobs";
    static final String EXCLUDES = "dlf.excludes";
    static final String ALLOW_EMPTY = "dlf.allowEmpty";
    static final String DIRECTORY = "dlf.directory";
    static final String BATCH = "dlf.batch";
    static final String EXPORT_DEPEND = "dlf.exportDepend";
    static final String EXPORT_STATUS = "dlf.exportStatus";
    static final String OBS_PATH = "dlf.obsPath";
    static final String OUTPUT_DIRECTORY = "dlf.outputDirectory";
    static final String SERVER_ID = "dlf.serverId";
    static final String SKIP = "dlf.skip";
    static final String THREADS = "dlf.threads";
    static final String RETRIES = "dlf.retries";
    static final String CONNECT_TIMEOUT = "dlf.connectTimeout";
    static final String READ_TIMEOUT = "dlf.readTimeout";
    static final String CALL_TIMEOUT = "dlf.callTimeout";
    static final String MAX_EXTRACTED_BYTES = "dlf.maxExtractedBytes";
    static final String MAX_ENTRIES = "dlf.maxEntries";
    static final String MAX_TOTAL_BYTES = "dlf.maxTotalBytes";
    static final String MAX_TOTAL_ENTRIES = "dlf.maxTotalEntries";
    static final String TRUST_STORE = "dlf.trustStore";
    static final String TRUST_STORE_TYPE = "dlf.trustStoreType";
    static final String TRUST_STORE_SERVER_ID = "dlf.trustStoreServerId";
    static final String IAM_ENDPOINT = "dlf.iamEndpoint";
    static final String METADATA_CREDENTIALS = "dlf.metadataCredentials";
    static final String METADATA_URL = "dlf.metadataUrl";
    static final String IGNORE_FIELDS = "dlf.ignoreFields";
    static final String SNAPSHOT_DIRECTORY = "dlf.snapshotDirectory";
    static final String FAIL_ON_DRIFT = "dlf.failOnDrift";
    // The settings of one goal only carry its name.
    static final String REPORT_DIRECTORY = "dlf.check.reportDirectory";
    static final String FAIL_ON_WARNING = "dlf.validate.failOnWarning";
    static final String EXCLUDE_RULES = "dlf.validate.excludeRules";
    static final String REPORT_OUTPUT_DIRECTORY = "dlf.report.outputDirectory";
    static final String REPORT_DRIFT = "dlf.report.driftReport";
    static final String OBS_ENDPOINT = "dlf.obsEndpoint";
    static final String SAME_NAME_POLICY = "dlf.import.sameNamePolicy";
    static final String TARGET_STATUS = "dlf.import.targetStatus";
    static final String EXECUTE_USER = "dlf.import.executeUser";
    static final String ENVIRONMENT = "dlf.import.environment";
    static final String DRY_RUN = "dlf.import.dryRun";
    static final String TIMEOUT = "dlf.import.timeout";
    static final String KEEP_PACKAGE = "dlf.import.keepPackage";
    static final String WORK_DIRECTORY = "dlf.import.workDirectory";

    static final String EMULATOR_FIXTURES = "dlf.emulator.fixtures";
    static final String EMULATOR_PORT = "dlf.emulator.port";
    static final String EMULATOR_OBS_DIRECTORY = "dlf.emulator.obsDirectory";
    static final String EMULATOR_LATENCY = "dlf.emulator.latency";
    static final String EMULATOR_FAILURE_RATE = "dlf.emulator.failureRate";
    static final String EMULATOR_THROTTLE_RATE = "dlf.emulator.throttleRate";
    static final String EMULATOR_THROTTLE_FIRST = "dlf.emulator.throttleFirst";
    static final String EMULATOR_RETRY_AFTER = "dlf.emulator.retryAfter";
    static final String EMULATOR_OFFSET_MODE = "dlf.emulator.offsetMode";
    static final String EMULATOR_MAX_PAGE_SIZE = "dlf.emulator.maxPageSize";
    static final String EMULATOR_SKIP = "dlf.emulator.skip";
    static final String EMULATOR_IMPORT_DIRECTORY = "dlf.emulator.importDirectory";
    static final String EMULATOR_IMPORT_DURATION = "dlf.emulator.importDuration";
    static final String EMULATOR_FAIL_IMPORTS = "dlf.emulator.failImports";
    static final String EMULATOR_DEFAULT_WORKSPACE = "dlf.emulator.defaultWorkspace";

    private UserProperties() {}

    /**
     * The user property of a setting of the core: {@code dlf.} and the parameter's name ({@code dlf.threads}), but
     * for the settings of one goal only, which carry the goal's name too.
     */
    static String of(Setting setting) {
        return switch (setting) {
            case REPORT_DIRECTORY -> UserProperties.REPORT_DIRECTORY;
            case REPORT_OUTPUT_DIRECTORY -> UserProperties.REPORT_OUTPUT_DIRECTORY;
            case FAIL_ON_WARNING -> UserProperties.FAIL_ON_WARNING;
            case EXCLUDE_RULES -> UserProperties.EXCLUDE_RULES;
            case SAME_NAME_POLICY -> UserProperties.SAME_NAME_POLICY;
            case TARGET_STATUS -> UserProperties.TARGET_STATUS;
            case EXECUTE_USER -> UserProperties.EXECUTE_USER;
            case ENVIRONMENT -> UserProperties.ENVIRONMENT;
            case DRY_RUN -> UserProperties.DRY_RUN;
            case TIMEOUT -> UserProperties.TIMEOUT;
            case KEEP_PACKAGE -> UserProperties.KEEP_PACKAGE;
            case WORK_DIRECTORY -> UserProperties.WORK_DIRECTORY;
            default -> "dlf." + setting.parameter();
        };
    }
}
