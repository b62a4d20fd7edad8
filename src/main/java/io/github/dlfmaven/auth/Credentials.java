package io.github.dlfmaven.auth;

import io.github.dlfmaven.http.HeaderValues;
import java.util.Objects;
import java.util.Optional;

/**
 * An access key pair, optionally with the security token of temporary credentials, and where it came from.
 *
 * <p>{@link #toString()} never shows a secret: these objects end up in debug output and exception messages.
 */
public final class Credentials {

    private final String accessKey;
    private final String secretKey;
    private final String securityToken;
    private final String source;

    private Credentials(String accessKey, String secretKey, String securityToken, String source) {
        this.source = requireText(source, "source");
        this.accessKey = checked(accessKey, "access key", source);
        this.secretKey = checked(secretKey, "secret key", source);
        this.securityToken = securityToken == null || securityToken.isBlank()
                ? null
                : checked(securityToken, "security token", source);
    }

    /**
     * Trimmed (CI secrets often end with a newline), then refused if anything but visible ASCII is left: such a
     * value cannot go into a header, and HTTP libraries quote rejected header values in their errors.
     */
    private static String checked(String value, String what, String source) {
        String trimmed = requireText(value, what).strip();
        if (!HeaderValues.sendable(trimmed)) {
            throw new CredentialsException("The " + what + " from " + source + " contains spaces, control characters or"
                    + " non-ASCII characters; check how the secret is stored.");
        }
        return trimmed;
    }

    /**
     * Permanent credentials.
     *
     * @param source where they were found, for messages, e.g. {@code settings.xml server 'dlf'}
     */
    public static Credentials of(String accessKey, String secretKey, String source) {
        return new Credentials(accessKey, secretKey, null, source);
    }

    /** Temporary credentials: the token is sent as {@code X-Security-Token} and signed. */
    public static Credentials temporary(String accessKey, String secretKey, String securityToken, String source) {
        return new Credentials(accessKey, secretKey, securityToken, source);
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    public Optional<String> securityToken() {
        return Optional.ofNullable(securityToken);
    }

    /** Where these credentials were found, safe to print. */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return "Credentials[source=" + source + ", accessKey=****, secretKey=****"
                + (securityToken == null ? "" : ", securityToken=****") + "]";
    }

    private static String requireText(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        return value;
    }
}
