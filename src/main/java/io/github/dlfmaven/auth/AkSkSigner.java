package io.github.dlfmaven.auth;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs requests with Huawei Cloud's {@code SDK-HMAC-SHA256} AK/SK scheme, producing the same
 * {@code Authorization} header as the official Java SDK's {@code AKSKSigner} (huaweicloud-sdk-core 3.1.x).
 *
 * <p>The SDK's quirks are kept on purpose, because the gateway recomputes the signature the same way:
 * {@code Content-Type} and header names containing {@code _} are not signed, header values are not
 * trimmed, and the canonical URI ends with {@code /}. Unlike the SDK, this signer takes decoded path
 * segments, so a job name is never encoded twice (the SDK signs {@code %2520} for an already encoded
 * {@code %20}).
 */
public final class AkSkSigner {

    public static final String ALGORITHM = "SDK-HMAC-SHA256";
    public static final String DATE_HEADER = "X-Sdk-Date";
    public static final String CONTENT_SHA256_HEADER = "X-Sdk-Content-Sha256";

    private static final DateTimeFormatter SDK_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    /** The {@code X-Sdk-Date} value for an instant, e.g. {@code 20261128T101500Z}. */
    public static String sdkDate(Instant instant) {
        return SDK_DATE.format(instant);
    }

    /**
     * Computes the {@code Authorization} header value.
     *
     * @throws IllegalArgumentException when the request lacks a {@code Host} or {@code X-Sdk-Date} header
     */
    public String authorization(SignableRequest request, Credentials credentials) {
        Map<String, String> signed = signedHeaders(request.headers());
        if (!signed.containsKey(DATE_HEADER.toLowerCase(Locale.ROOT)) || !signed.containsKey("host")) {
            throw new IllegalArgumentException("A request to sign needs the Host and X-Sdk-Date headers");
        }
        return authorization(request, List.copyOf(signed.keySet()), credentials);
    }

    /**
     * The {@code Authorization} header value of a request signed over exactly these headers, in this order: what the
     * gateway computes to check a request, since clients choose differently what they sign (Huawei's Python SDK signs
     * {@code Content-Type} too, which this signer and the Java SDK leave out).
     *
     * @param signedHeaderNames the lower-case names a request's {@code SignedHeaders} lists; {@code host} and
     *     {@code x-sdk-date} among them
     * @throws IllegalArgumentException when a name is not among the request's headers, or host or the date is not
     *     signed
     */
    public String authorization(SignableRequest request, List<String> signedHeaderNames, Credentials credentials) {
        Map<String, String> headers = lowerCased(request.headers());
        String date = headers.get(DATE_HEADER.toLowerCase(Locale.ROOT));
        if (!signedHeaderNames.contains("host") || !signedHeaderNames.contains(DATE_HEADER.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("A signature covers the Host and X-Sdk-Date headers");
        }
        StringBuilder canonicalHeaders = new StringBuilder();
        for (String name : signedHeaderNames) {
            String value = headers.get(name);
            if (value == null) {
                throw new IllegalArgumentException("The signed header " + name + " is not in the request");
            }
            canonicalHeaders.append(name).append(':').append(value).append('\n');
        }
        String signedHeaderNamesText = String.join(";", signedHeaderNames);
        String canonicalRequest = String.join(
                "\n",
                request.method().toUpperCase(Locale.ROOT),
                canonicalUri(request.pathSegments()),
                canonicalQuery(request.query()),
                canonicalHeaders.toString(),
                signedHeaderNamesText,
                payloadHash(headers, request.body()));
        String stringToSign =
                ALGORITHM + "\n" + date + "\n" + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
        String signature = HEX.formatHex(hmacSha256(credentials.secretKey(), stringToSign));
        return ALGORITHM + " Access=" + credentials.accessKey() + ", SignedHeaders=" + signedHeaderNamesText
                + ", Signature=" + signature;
    }

    /** Lower-cased, sorted, without Content-Type and names with an underscore, as the SDK does. */
    private static TreeMap<String, String> signedHeaders(Map<String, String> headers) {
        TreeMap<String, String> signed = new TreeMap<>();
        headers.forEach((name, value) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !name.contains("_")) {
                signed.put(name.toLowerCase(Locale.ROOT), value);
            }
        });
        return signed;
    }

    static String canonicalUri(List<String> decodedSegments) {
        int end = decodedSegments.size();
        // The SDK splits with String.split, which drops trailing empty segments.
        while (end > 0 && decodedSegments.get(end - 1).isEmpty()) {
            end--;
        }
        if (end == 0) {
            return "/";
        }
        StringBuilder uri = new StringBuilder("/");
        for (String segment : decodedSegments.subList(0, end)) {
            uri.append(encode(segment)).append('/');
        }
        return uri.toString();
    }

    static String canonicalQuery(List<Map.Entry<String, String>> query) {
        // Grouped by encoded key in String order; values of one key keep their request order.
        Map<String, List<String>> byKey = new TreeMap<>();
        for (Map.Entry<String, String> parameter : query) {
            byKey.computeIfAbsent(encode(parameter.getKey()), k -> new ArrayList<>())
                    .add(encode(parameter.getValue() == null ? "" : parameter.getValue()));
        }
        return byKey.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(v -> e.getKey() + "=" + v))
                .collect(Collectors.joining("&"));
    }

    private static Map<String, String> lowerCased(Map<String, String> headers) {
        Map<String, String> lowerCased = new LinkedHashMap<>();
        headers.forEach((name, value) -> lowerCased.put(name.toLowerCase(Locale.ROOT), value));
        return lowerCased;
    }

    /** The body's hash, or what {@code X-Sdk-Content-Sha256} declares instead (an upload's {@code UNSIGNED-PAYLOAD}). */
    private static String payloadHash(Map<String, String> lowerCasedHeaders, byte[] body) {
        String declared = lowerCasedHeaders.get(CONTENT_SHA256_HEADER.toLowerCase(Locale.ROOT));
        return declared != null ? declared : sha256Hex(body);
    }

    /** RFC 3986 strict: only {@code A-Z a-z 0-9 - . _ ~} stay bare; UTF-8 bytes, upper-case hex. */
    static String encode(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder encoded = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~') {
                encoded.append((char) c);
            } else {
                encoded.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return encoded.toString();
    }

    static String sha256Hex(byte[] data) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    private static byte[] hmacSha256(String key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("Every Java runtime has HmacSHA256", e);
        }
    }
}
