package io.github.dlfmaven.emulator;

import io.github.dlfmaven.auth.Credentials;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of OBS's second header scheme, S3's V2: {@code Authorization: AWS {AK}:{signature}}, the signature
 * being Base64(HMAC-SHA1(SK, StringToSign)) over
 * {@code VERB \n Content-MD5 \n Content-Type \n Date \n CanonicalizedAmzHeaders CanonicalizedResource}. It is OBS's
 * own scheme with S3's names: the {@code x-amz-*} headers are the canonical ones, {@code x-amz-date} empties the Date
 * line, and temporary keys send {@code x-amz-security-token}. Huawei's OBS SDKs sign so in path style, which is how
 * they reach the emulator (Python's takes path style for an IP address, Java's signs V2 in path style whatever scheme
 * it is given); the plugin itself signs with OBS's own scheme ({@link io.github.dlfmaven.auth.ObsSigner}).
 */
final class ObsV2Signature {

    static final String SCHEME = "AWS";
    static final String HEADER_PREFIX = "x-amz-";
    static final String DATE_HEADER = HEADER_PREFIX + "date";
    static final String SECURITY_TOKEN_HEADER = HEADER_PREFIX + "security-token";

    private ObsV2Signature() {}

    /**
     * The {@code Authorization} header value.
     *
     * @param resource {@code /bucket/key}, the key as the request's path has it, encoded
     * @param headers the request's headers, any case, several values of one joined by commas
     */
    static String authorization(String method, String resource, Map<String, String> headers, Credentials credentials) {
        return SCHEME + " " + credentials.accessKey() + ":"
                + signature(stringToSign(method, resource, headers), credentials);
    }

    static String stringToSign(String method, String resource, Map<String, String> headers) {
        SortedMap<String, String> lower = new TreeMap<>();
        headers.forEach(
                (name, value) -> lower.merge(name.toLowerCase(Locale.ROOT), value.strip(), (a, b) -> a + "," + b));
        StringBuilder text = new StringBuilder()
                .append(method.toUpperCase(Locale.ROOT))
                .append('\n')
                .append(lower.getOrDefault("content-md5", ""))
                .append('\n')
                .append(lower.getOrDefault("content-type", ""))
                .append('\n')
                .append(lower.containsKey(DATE_HEADER) ? "" : lower.getOrDefault("date", ""))
                .append('\n');
        lower.forEach((name, value) -> {
            if (name.startsWith(HEADER_PREFIX)) {
                text.append(name).append(':').append(value).append('\n');
            }
        });
        return text.append(resource).toString();
    }

    private static String signature(String stringToSign, Credentials credentials) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(credentials.secretKey().getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA1 is missing from this JVM", e);
        }
    }
}
