package io.github.dlfmaven.emulator;

import io.github.dlfmaven.auth.Credentials;
import io.github.dlfmaven.auth.ObsSigner;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * OBS as the import and the official OBS clients need it, on the emulator's port: objects {@code PUT}, {@code GET},
 * {@code HEAD} and {@code DELETE} in path style ({@code /bucket/key}, since a bucket host name does not resolve to
 * this machine), stored below the folder that stands for OBS, where the emulator's export to OBS writes too. Each
 * request's signature is checked as OBS checks it, in OBS's own scheme or in S3's V2 ({@link ObsAuthentication});
 * {@code Content-MD5} is checked against the body. All of that but the digest is decided before the body is read.
 * Errors come in OBS's XML. Thread-safe.
 */
final class ObsApi {

    /** OBS's bucket names: lower-case letters, digits, hyphens and periods, 3 to 63 of them. */
    private static final java.util.regex.Pattern BUCKET =
            java.util.regex.Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    private final Path obsDirectory;
    private final ObsAuthentication authentication;

    ObsApi(Path obsDirectory, Credentials credentials) {
        this.obsDirectory = obsDirectory;
        this.authentication = new ObsAuthentication(credentials);
    }

    /**
     * Everything OBS checks before it reads a body, from the path and headers alone: the object's name and the request's
     * signature, which covers the headers and {@code Content-MD5}, not the body.
     *
     * @param rawPath the request path as sent, {@code /bucket/encoded-key}
     * @param headers the request's headers, first value each
     * @return empty when the request may go on to {@link #answer}
     */
    Optional<Answer> refusal(
            String method, String rawPath, Map<String, String> headers, Function<String, String> header, Instant now) {
        List<String> segments = PercentDecoding.pathSegments(rawPath);
        if (segments.size() < 2 || segments.get(1).isEmpty()) {
            return Optional.of(error(405, "MethodNotAllowed", "The emulator serves single objects only."));
        }
        String bucket = segments.get(0);
        if (!BUCKET.matcher(bucket).matches()) {
            return Optional.of(error(400, "InvalidBucketName", "The specified bucket is not valid."));
        }
        int slash = rawPath.indexOf('/', 1);
        String encodedKey = rawPath.substring(slash + 1);
        Optional<Answer> refused =
                authentication.refusal(method, "/" + bucket + "/" + encodedKey, headers, header, now);
        if (refused.isPresent()) {
            return refused;
        }
        if (file(segments) == null) {
            return Optional.of(error(400, "InvalidObjectName", "The object name is not valid."));
        }
        return Optional.empty();
    }

    /**
     * The answer to a request {@link #refusal} let through.
     *
     * @param rawPath the request path as sent, {@code /bucket/encoded-key}
     */
    Answer answer(String method, String rawPath, Function<String, String> header, byte[] body) throws IOException {
        Path file = file(PercentDecoding.pathSegments(rawPath));
        if (file == null) {
            return error(400, "InvalidObjectName", "The object name is not valid.");
        }
        switch (method) {
            case "PUT" -> {
                String md5 = header.apply("Content-MD5");
                if (md5 != null && !md5.equals(md5(body))) {
                    return error(400, "BadDigest", "The Content-MD5 you specified did not match what was received.");
                }
                Files.createDirectories(file.getParent());
                Files.write(file, body);
                return new Answer(200, "application/xml", new byte[0], Map.of("ETag", "\"" + etag(body) + "\""));
            }
            case "GET" -> {
                if (!Files.isRegularFile(file)) {
                    return error(404, "NoSuchKey", "The specified key does not exist.");
                }
                byte[] content = Files.readAllBytes(file);
                return new Answer(
                        200,
                        "application/octet-stream",
                        content,
                        Map.of("ETag", "\"" + etag(content) + "\"", "Last-Modified", lastModified(file)));
            }
            case "HEAD" -> {
                // GET's head, as clients check whether an object exists; the body is left out (see Answer.send).
                if (!Files.isRegularFile(file)) {
                    return error(404, "NoSuchKey", "The specified key does not exist.");
                }
                return new Answer(
                        200,
                        "application/octet-stream",
                        new byte[0],
                        Map.of(
                                "Content-Length", String.valueOf(Files.size(file)),
                                "ETag", "\"" + etag(file) + "\"",
                                "Last-Modified", lastModified(file)));
            }
            case "DELETE" -> {
                Files.deleteIfExists(file);
                return new Answer(204, "application/xml", new byte[0], Map.of());
            }
            default -> {
                return error(405, "MethodNotAllowed", "The specified method is not allowed against this resource.");
            }
        }
    }

    /** OBS's answer when it cannot take a request now, which its clients retry. */
    static Answer busy() {
        return error(503, "SlowDown", "Please reduce your request rate.");
    }

    /** The file below the OBS folder that {@code /bucket/key} names; null when the name would reach outside it. */
    private Path file(List<String> segments) {
        String key = String.join("/", segments.subList(1, segments.size()));
        Path folder = obsDirectory.resolve(segments.get(0)).normalize();
        Path file = folder.resolve(key).normalize();
        if (!folder.startsWith(obsDirectory)
                || !file.startsWith(folder)
                || file.equals(folder)
                || key.contains("\0")
                || key.contains("\\")) {
            return null;
        }
        return file;
    }

    /** An error in OBS's XML shape. */
    static Answer error(int status, String code, String message) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + message
                + "</Message><RequestId>"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 16)
                + "</RequestId></Error>";
        return new Answer(status, "application/xml", xml.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    private static String md5(byte[] body) {
        return Base64.getEncoder().encodeToString(digest(body));
    }

    private static String etag(byte[] body) {
        return HexFormat.of().formatHex(digest(body));
    }

    /** The ETag of a stored object, read as a stream: a HEAD holds no object in memory. */
    private static String etag(Path file) throws IOException {
        MessageDigest md5 = md5Digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md5)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    private static String lastModified(Path file) throws IOException {
        return ObsSigner.date(Files.getLastModifiedTime(file).toInstant());
    }

    private static byte[] digest(byte[] body) {
        return md5Digest().digest(body);
    }

    private static MessageDigest md5Digest() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
