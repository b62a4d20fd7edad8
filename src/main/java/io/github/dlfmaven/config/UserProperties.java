package io.github.dlfmaven.config;

/**
 * The user properties ({@code -Dname=value}) of the plugin's parameters, in one place so the mojo
 * annotations and the error messages cannot drift apart.
 */
public final class UserProperties {

    public static final String REGION = "dlf.region";
    public static final String ENDPOINT = "dlf.endpoint";
    public static final String PROJECT_ID = "dlf.projectId";
    public static final String WORKSPACE = "dlf.workspace";
    public static final String JOBS = "dlf.jobs";
    public static final String EXCLUDES = "dlf.excludes";
    public static final String ALLOW_EMPTY = "dlf.allowEmpty";
    public static final String DIRECTORY = "dlf.directory";
    public static final String BATCH = "dlf.batch";
    public static final String EXPORT_DEPEND = "dlf.exportDepend";
    public static final String EXPORT_STATUS = "dlf.exportStatus";
    public static final String OBS_PATH = "dlf.obsPath";
    public static final String OUTPUT_DIRECTORY = "dlf.outputDirectory";
    public static final String SERVER_ID = "dlf.serverId";
    public static final String SKIP = "dlf.skip";
    public static final String THREADS = "dlf.threads";
    public static final String RETRIES = "dlf.retries";
    public static final String CONNECT_TIMEOUT = "dlf.connectTimeout";
    public static final String READ_TIMEOUT = "dlf.readTimeout";
    public static final String MAX_EXTRACTED_BYTES = "dlf.maxExtractedBytes";
    public static final String MAX_ENTRIES = "dlf.maxEntries";
    public static final String TRUST_STORE = "dlf.trustStore";
    public static final String TRUST_STORE_TYPE = "dlf.trustStoreType";
    public static final String TRUST_STORE_SERVER_ID = "dlf.trustStoreServerId";
    public static final String IAM_ENDPOINT = "dlf.iamEndpoint";
    public static final String METADATA_CREDENTIALS = "dlf.metadataCredentials";
    public static final String METADATA_URL = "dlf.metadataUrl";
    public static final String CALL_TIMEOUT = "dlf.callTimeout";
    public static final String MAX_TOTAL_BYTES = "dlf.maxTotalBytes";
    public static final String MAX_TOTAL_ENTRIES = "dlf.maxTotalEntries";

    /** Environment variable that supplies the project id when no parameter does, as in Huawei's SDKs. */
    public static final String PROJECT_ID_ENVIRONMENT = "HUAWEICLOUD_SDK_PROJECT_ID";

    private UserProperties() {}

    /** {@code dlf.jobs} → {@code <jobs>} or {@code -Ddlf.jobs}, for messages that tell where a value is set. */
    static String whereToSet(String property) {
        String parameter = property.substring("dlf.".length());
        return "<" + parameter + "> or -D" + property;
    }
}
