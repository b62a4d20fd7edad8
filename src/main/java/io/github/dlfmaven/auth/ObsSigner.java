package io.github.dlfmaven.auth;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs OBS requests with OBS's own header scheme: {@code Authorization: OBS {AK}:{signature}}, the signature being
 * Base64(HMAC-SHA1(SK, StringToSign)) over
 * {@code VERB \n Content-MD5 \n Content-Type \n Date \n CanonicalizedHeaders CanonicalizedResource}.
 *
 * <p>Why this scheme and not OBS's V4-compatible one: it is OBS's native scheme, the one its API reference
 * documents first and its SDK uses against OBS endpoints; it needs no region and no payload hash, so a private
 * cloud's OBS or the emulator verifies it with the same few lines; and temporary credentials only add
 * {@code x-obs-security-token}, which is signed like any {@code x-obs-*} header. V4 exists for S3 clients.
 *
 * <p>The date goes in {@code x-obs-date} (then the Date line of the string to sign is empty, and the header is part
 * of the canonical headers), which no HTTP library rewrites, unlike {@code Date}.
 */
public final class ObsSigner {

    public static final String DATE_HEADER = "x-obs-date";
    public static final String SECURITY_TOKEN_HEADER = "x-obs-security-token";
    private static final String OBS_HEADER_PREFIX = "x-obs-";

    private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.ofPattern(
                    "EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** The date as OBS wants it, e.g. {@code Tue, 01 Dec 2026 10:15:00 GMT}. */
    public static String date(Instant instant) {
        return RFC_1123.format(instant);
    }

    /**
     * The {@code Authorization} header value.
     *
     * @param method HTTP method
     * @param resource the canonical resource: {@code /bucket/key} with the key exactly as it appears, encoded, in the
     *     request's path (sub-resources, which this plugin never uses, would follow as a query)
     * @param headers the request's headers, any case; {@code Content-MD5}, {@code Content-Type}, {@code Date} and
     *     every {@code x-obs-*} header are signed
     */
    public String authorization(String method, String resource, Map<String, String> headers, Credentials credentials) {
        String signature = signature(stringToSign(method, resource, headers), credentials.secretKey());
        return "OBS " + credentials.accessKey() + ":" + signature;
    }

    /** The string to sign; exposed for tests and for the emulator's error message when a signature differs. */
    public static String stringToSign(String method, String resource, Map<String, String> headers) {
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
            if (name.startsWith(OBS_HEADER_PREFIX)) {
                text.append(name).append(':').append(value).append('\n');
            }
        });
        return text.append(resource).toString();
    }

    static String signature(String stringToSign, String secretKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA1 is missing from this JVM", e);
        }
    }
}
