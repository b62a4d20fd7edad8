package io.github.dlfmaven.emulator;

import io.github.dlfmaven.auth.AkSkSigner;
import io.github.dlfmaven.auth.Credentials;
import io.github.dlfmaven.auth.SignableRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a request's {@code SDK-HMAC-SHA256} signature the way Huawei Cloud's API gateway does: the
 * access key must be known, {@code host} and {@code x-sdk-date} must be signed, every header named in
 * {@code SignedHeaders} (in lower case) must be sent, the date must be within 15 minutes, and recomputing the
 * signature over exactly the headers {@code SignedHeaders} lists, in its order, must give the same value. A known
 * security token must be sent and signed. All but the signature itself is decided from the headers, so a request
 * that fails there is refused before its body is read; the signature covers the body's hash.
 */
final class SignatureVerifier {

    private static final Pattern AUTHORIZATION =
            Pattern.compile("SDK-HMAC-SHA256 Access=([^,\\s]+), SignedHeaders=([^,\\s]+), Signature=([0-9a-f]{64})");
    private static final DateTimeFormatter SDK_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT);
    private static final Duration MAX_SKEW = Duration.ofMinutes(15);
    private static final String PREFIX = "Incorrect IAM authentication information: ";

    private final Credentials credentials;
    private final AkSkSigner signer = new AkSkSigner();

    SignatureVerifier(Credentials credentials) {
        this.credentials = credentials;
    }

    /**
     * Everything the gateway checks before it needs the body: an {@code Authorization} of the right form with a known
     * access key, {@code host} and {@code x-sdk-date} signed, the date within 15 minutes, the security token, every
     * signed header present.
     *
     * @param header reads a request header by name, null when absent
     * @return empty when the request may go on to {@link #check}, else the gateway's {@code error_msg}
     */
    Optional<String> checkBeforeBody(Function<String, String> header, Instant now) {
        String authorization = header.apply("Authorization");
        if (authorization == null) {
            return Optional.of(PREFIX + "x-auth-token not found");
        }
        Matcher parts = AUTHORIZATION.matcher(authorization);
        if (!parts.matches()) {
            return Optional.of(PREFIX + "verify aksk signature fail");
        }
        if (!constantTimeEquals(parts.group(1), credentials.accessKey())) {
            return Optional.of(PREFIX + "Get secretKey failed, ak not exist");
        }
        List<String> signedNames = List.of(parts.group(2).split(";"));
        if (!signedNames.contains("host") || !signedNames.contains("x-sdk-date")) {
            return Optional.of(PREFIX + "verify aksk signature fail");
        }
        String date = header.apply(AkSkSigner.DATE_HEADER);
        try {
            Instant signedAt =
                    LocalDateTime.parse(date == null ? "" : date, SDK_DATE).toInstant(ZoneOffset.UTC);
            if (Duration.between(signedAt, now).abs().compareTo(MAX_SKEW) > 0) {
                return Optional.of(PREFIX + "calc ak sk signature fail:signature expired");
            }
        } catch (DateTimeParseException e) {
            return Optional.of(PREFIX + "verify aksk signature fail");
        }
        String token = header.apply("X-Security-Token");
        Optional<String> expectedToken = credentials.securityToken();
        if (expectedToken.isPresent() != (token != null)
                || (token != null
                        && (!constantTimeEquals(token, expectedToken.get())
                                || !signedNames.contains("x-security-token")))) {
            return Optional.of(PREFIX + "verify aksk signature fail");
        }
        for (String name : signedNames) {
            // Names are signed in lower case, as every client canonicalizes them.
            if (header.apply(name) == null || !name.equals(name.toLowerCase(Locale.ROOT))) {
                return Optional.of(PREFIX + "verify aksk signature fail");
            }
        }
        return Optional.empty();
    }

    /**
     * The whole check: {@link #checkBeforeBody}, then the signature recomputed over the request, body included.
     *
     * @param header reads a request header by name, null when absent
     * @return empty when the signature is good, else the gateway's {@code error_msg}
     */
    Optional<String> check(
            String method,
            List<String> pathSegments,
            List<Map.Entry<String, String>> query,
            Function<String, String> header,
            byte[] body,
            Instant now) {
        Optional<String> refused = checkBeforeBody(header, now);
        if (refused.isPresent()) {
            return refused;
        }
        String authorization = header.apply("Authorization");
        Matcher parts = AUTHORIZATION.matcher(authorization);
        if (!parts.matches()) {
            return Optional.of(PREFIX + "verify aksk signature fail");
        }
        // Exactly the headers the request lists, in its order: clients choose what they sign (the Python SDK signs
        // Content-Type, the Java SDK does not), and the gateway takes their word for it. Values are trimmed, as the
        // gateway reads them.
        List<String> signedNames = List.of(parts.group(2).split(";"));
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : signedNames) {
            headers.put(name, header.apply(name).strip());
        }
        String declaredHash = header.apply(AkSkSigner.CONTENT_SHA256_HEADER);
        if (declaredHash != null) {
            headers.put(AkSkSigner.CONTENT_SHA256_HEADER.toLowerCase(Locale.ROOT), declaredHash.strip());
        }
        String expected = signer.authorization(
                new SignableRequest(method, pathSegments, query, headers, body), signedNames, credentials);
        return constantTimeEquals(expected, authorization)
                ? Optional.empty()
                : Optional.of(PREFIX + "verify aksk signature fail");
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
