package io.github.dlfmaven.config;

/**
 * The default of every setting, in one place: as text, because the goals' {@code @Parameter(defaultValue = ...)}
 * annotations need compile-time constants, and read from that text by the builders of the core.
 */
public final class Defaults {

    public static final String ALLOW_EMPTY = "false";
    public static final String FAIL_ON_DRIFT = "true";
    public static final String FAIL_ON_WARNING = "false";
    public static final String BATCH = "true";
    public static final String EXPORT_DEPEND = "true";
    public static final String EXPORT_STATUS = "DEVELOP";
    public static final String SERVER_ID = "dlf";
    public static final String SKIP = "false";
    public static final String THREADS = "4";
    public static final String RETRIES = "3";
    /** Seconds. */
    public static final String CONNECT_TIMEOUT = "10";
    /** Seconds. */
    public static final String READ_TIMEOUT = "120";
    /** Seconds. */
    public static final String CALL_TIMEOUT = "1800";
    /** 1 GiB. */
    public static final String MAX_EXTRACTED_BYTES = "1073741824";

    public static final String MAX_ENTRIES = "10000";
    /** 8 GiB. */
    public static final String MAX_TOTAL_BYTES = "8589934592";

    public static final String MAX_TOTAL_ENTRIES = "100000";
    public static final String TRUST_STORE_SERVER_ID = "dlf-truststore";
    public static final String METADATA_CREDENTIALS = "false";
    /** Where Huawei Cloud's instance metadata service hands out an agency's temporary credentials. */
    public static final String METADATA_URL = "http://169.254.169.254/openstack/latest/securitykey";

    private Defaults() {}

    /** DLF's own default: a job or script of the same name is left as it is. */
    public static final String SAME_NAME_POLICY = "SKIP";

    public static final String DRY_RUN = "false";
    /** Seconds an import's system task may take; Terraform's provider waits 5 minutes, large imports take longer. */
    public static final String TIMEOUT = "600";

    public static final String KEEP_PACKAGE = "false";
    /** The most an import package may hold: the user manual's limit for an import from OBS, 10 MB. */
    // The emulator's: a free port, no latency or faults on purpose, the job list's offset as rows and Huawei Cloud's
    // largest page, an import's task running a second.
    public static final String EMULATOR_PORT = "0";

    public static final String EMULATOR_LATENCY = "0";
    public static final String EMULATOR_FAILURE_RATE = "0";
    public static final String EMULATOR_THROTTLE_RATE = "0";
    public static final String EMULATOR_THROTTLE_FIRST = "0";
    public static final String EMULATOR_RETRY_AFTER = "1";
    public static final String EMULATOR_OFFSET_MODE = "ROWS";
    public static final String EMULATOR_MAX_PAGE_SIZE = "1000";
    public static final String EMULATOR_DEFAULT_WORKSPACE = "true";
    public static final String EMULATOR_IMPORT_DURATION = "1000";
    public static final String EMULATOR_FAIL_IMPORTS = "false";
    public static final String EMULATOR_SKIP = "false";
    public static final long MAX_IMPORT_PACKAGE_BYTES = 10L * 1024 * 1024;

    public static int integer(String value) {
        return Integer.parseInt(value);
    }

    public static long number(String value) {
        return Long.parseLong(value);
    }

    public static boolean flag(String value) {
        return Boolean.parseBoolean(value);
    }
}
