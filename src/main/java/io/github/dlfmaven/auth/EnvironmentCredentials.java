package io.github.dlfmaven.auth;

import java.util.Map;
import java.util.Optional;

/**
 * Reads credentials from the variables Huawei Cloud's SDKs use, so one CI secret setup serves both.
 */
public final class EnvironmentCredentials {

    public static final String ACCESS_KEY = "HUAWEICLOUD_SDK_AK";
    public static final String SECRET_KEY = "HUAWEICLOUD_SDK_SK";
    public static final String SECURITY_TOKEN = "HUAWEICLOUD_SDK_SECURITY_TOKEN";

    private EnvironmentCredentials() {}

    /**
     * @param environment variable name to value
     * @return empty when neither key variable is set
     * @throws CredentialsException when only one half of the key pair is set
     */
    public static Optional<Credentials> from(Map<String, String> environment) {
        String ak = nonBlank(environment.get(ACCESS_KEY));
        String sk = nonBlank(environment.get(SECRET_KEY));
        String token = nonBlank(environment.get(SECURITY_TOKEN));
        if (ak == null && sk == null) {
            return Optional.empty();
        }
        if (ak == null || sk == null) {
            String missing = ak == null ? ACCESS_KEY : SECRET_KEY;
            String present = ak == null ? SECRET_KEY : ACCESS_KEY;
            throw new CredentialsException(present + " is set but " + missing
                    + " is not: set both environment variables, or neither and use a settings.xml <server>.");
        }
        String source =
                "environment (" + ACCESS_KEY + ", " + SECRET_KEY + (token == null ? "" : ", " + SECURITY_TOKEN) + ")";
        return Optional.of(Credentials.temporary(ak, sk, token, source));
    }

    private static String nonBlank(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
