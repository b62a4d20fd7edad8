package io.github.dlfmaven.emulator;

import io.github.dlfmaven.auth.Credentials;
import io.github.dlfmaven.auth.ObsSigner;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Checks an OBS request's header signature as OBS does, in either of the schemes it accepts: its own
 * ({@code Authorization: OBS {AK}:{signature}}, {@code x-obs-*} headers) and S3's V2 ({@code AWS {AK}:{signature}},
 * {@code x-amz-*} headers), which Huawei's OBS SDKs use in path style. In each: a known access key, a date (the
 * scheme's date header, else {@code Date}) within 15 minutes, the security token of temporary keys in the scheme's
 * token header, and the same signature recomputed. All of it comes from the headers, so it is decided before a body is
 * read. Signatures in the query and S3's V4 scheme are not accepted.
 */
final class ObsAuthentication {

    private static final Duration MAX_SKEW = Duration.ofMinutes(15);

    /** A header scheme: the word that opens {@code Authorization}, its date and token headers, its signature. */
    private enum Scheme {
        OBS("OBS", ObsSigner.DATE_HEADER, ObsSigner.SECURITY_TOKEN_HEADER) {
            @Override
            String authorization(String method, String resource, Map<String, String> headers, Credentials credentials) {
                return new ObsSigner().authorization(method, resource, headers, credentials);
            }
        },
        V2(ObsV2Signature.SCHEME, ObsV2Signature.DATE_HEADER, ObsV2Signature.SECURITY_TOKEN_HEADER) {
            @Override
            String authorization(String method, String resource, Map<String, String> headers, Credentials credentials) {
                return ObsV2Signature.authorization(method, resource, headers, credentials);
            }
        };

        private final String word;
        private final String dateHeader;
        private final String tokenHeader;

        Scheme(String word, String dateHeader, String tokenHeader) {
            this.word = word;
            this.dateHeader = dateHeader;
            this.tokenHeader = tokenHeader;
        }

        abstract String authorization(
                String method, String resource, Map<String, String> headers, Credentials credentials);

        static Optional<Scheme> of(String authorization) {
            for (Scheme scheme : values()) {
                if (authorization.startsWith(scheme.word + " ")) {
                    return Optional.of(scheme);
                }
            }
            return Optional.empty();
        }
    }

    private final Credentials credentials;

    ObsAuthentication(Credentials credentials) {
        this.credentials = credentials;
    }

    /**
     * OBS's refusal of a request, in its XML error shape; empty when the signature holds.
     *
     * @param resource the canonical resource, {@code /bucket/key} with the key as the request's path has it
     * @param headers the request's headers, several values of one joined by commas
     * @param header reads a request header by name, null when absent
     */
    Optional<Answer> refusal(
            String method, String resource, Map<String, String> headers, Function<String, String> header, Instant now) {
        String authorization = header.apply("Authorization");
        Optional<Scheme> found = authorization == null ? Optional.empty() : Scheme.of(authorization);
        if (found.isEmpty()) {
            return Optional.of(ObsApi.error(403, "AccessDenied", "Access Denied"));
        }
        Scheme scheme = found.get();
        if (!authorization.startsWith(scheme.word + " " + credentials.accessKey() + ":")) {
            return Optional.of(ObsApi.error(
                    403, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records."));
        }
        String date = header.apply(scheme.dateHeader) != null ? header.apply(scheme.dateHeader) : header.apply("Date");
        try {
            Instant sent = ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
            if (Duration.between(sent, now).abs().compareTo(MAX_SKEW) > 0) {
                return Optional.of(ObsApi.error(
                        403,
                        "RequestTimeTooSkewed",
                        "The difference between the request time and the server's time is too large."));
            }
        } catch (DateTimeParseException | NullPointerException e) {
            return Optional.of(ObsApi.error(403, "AccessDenied", "Request has no valid date."));
        }
        Optional<String> token = credentials.securityToken();
        if (token.isPresent() && !token.get().equals(header.apply(scheme.tokenHeader))) {
            return Optional.of(ObsApi.error(403, "InvalidSecurityToken", "The security token is missing or invalid."));
        }
        String expected = scheme.authorization(method, resource, headers, credentials);
        if (!MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), authorization.getBytes(StandardCharsets.UTF_8))) {
            return Optional.of(ObsApi.error(
                    403,
                    "SignatureDoesNotMatch",
                    "The request signature we calculated does not match the signature you provided."));
        }
        return Optional.empty();
    }
}
