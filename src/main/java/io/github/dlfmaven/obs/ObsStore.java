package io.github.dlfmaven.obs;

import io.github.dlfmaven.auth.Authentication;
import io.github.dlfmaven.auth.AuthenticationSource;
import io.github.dlfmaven.auth.CredentialsException;
import io.github.dlfmaven.auth.ObsSigner;
import io.github.dlfmaven.config.ObsLocation;
import io.github.dlfmaven.http.HttpTransport;
import io.github.dlfmaven.http.PercentEncoding;
import io.github.dlfmaven.http.RetryPolicy;
import io.github.dlfmaven.text.LogText;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * Puts and deletes single objects in OBS, signed with {@link ObsSigner}: all the import needs, since its package
 * stays far below the size that would call for a multipart upload. Thread-safe.
 *
 * <p>Addressing follows OBS's SDK: the bucket in the host name ({@code bucket.obs.region.myhuaweicloud.com}), except
 * for an endpoint that is an IP address or {@code localhost}, where no such host name resolves and the bucket goes
 * in the path. The signature covers {@code /bucket/key} either way.
 */
public final class ObsStore {

    private static final Pattern XML_CODE = Pattern.compile("<Code>([^<]{1,100})</Code>");
    private static final Pattern XML_MESSAGE = Pattern.compile("<Message>([^<]{1,300})</Message>");
    private static final Pattern XML_REQUEST_ID = Pattern.compile("<RequestId>([^<]{1,100})</RequestId>");

    private final HttpTransport transport;
    private final HttpUrl endpoint;
    private final AuthenticationSource authentication;
    private final RetryPolicy retries;
    private final Clock clock;
    private final ObsSigner signer = new ObsSigner();

    /**
     * @param endpoint OBS's service endpoint without a bucket, such as {@code https://obs.cn-north-4.myhuaweicloud.com}
     */
    public ObsStore(
            HttpTransport transport,
            URI endpoint,
            AuthenticationSource authentication,
            RetryPolicy retries,
            Clock clock) {
        this.transport = transport;
        this.endpoint = HttpUrl.get(endpoint.toString());
        this.authentication = authentication;
        this.retries = retries;
        this.clock = clock;
    }

    /** Where the bucket's objects are, as this store addresses them: the origin a proxy is chosen for. */
    public static URI bucketUrl(URI endpoint, String bucket) {
        return url(HttpUrl.get(endpoint.toString()), bucket, "x")
                .newBuilder()
                .encodedPath("/")
                .build()
                .uri();
    }

    /** The object's URL as this store addresses it. */
    HttpUrl url(String bucket, String key) {
        return url(endpoint, bucket, key);
    }

    private static HttpUrl url(HttpUrl endpoint, String bucket, String key) {
        String host = endpoint.host();
        boolean pathStyle = host.equals("localhost") || host.contains(":") || host.matches("[0-9.]+");
        HttpUrl.Builder url = endpoint.newBuilder();
        if (pathStyle) {
            url.addPathSegment(bucket);
        } else {
            url.host(bucket + "." + host);
        }
        return url.addEncodedPathSegment(encodeKey(key)).build();
    }

    /**
     * Uploads {@code content} as the object {@code name} in {@code folder}, with its MD5, so that OBS refuses a body
     * damaged on the way. A failure to connect, or OBS's 500 and 503, is retried: putting the same bytes again is
     * harmless.
     */
    public void put(ObsLocation folder, String name, byte[] content, String contentType) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        headers.put("Content-MD5", md5(content));
        send("PUT", folder, name, headers, RequestBody.create(content, MediaType.get(contentType)), "Upload of");
    }

    /** Deletes the object; one that is already gone counts as deleted. */
    public void delete(ObsLocation folder, String name) throws IOException {
        send("DELETE", folder, name, new LinkedHashMap<>(), null, "Deletion of");
    }

    private void send(
            String method, ObsLocation folder, String name, Map<String, String> headers, RequestBody body, String what)
            throws IOException {
        String key = folder.key(name);
        String object = LogText.escape(folder.uri(name));
        HttpUrl url = url(folder.bucket(), key);
        for (int attempt = 0; ; attempt++) {
            Map<String, String> signed = new LinkedHashMap<>(headers);
            Authentication auth = authentication.current();
            if (!(auth instanceof Authentication.Signed keys)) {
                throw new CredentialsException("OBS takes only access keys, and the credentials from "
                        + auth.source() + " are an IAM token, which cannot sign an OBS request: give the import an"
                        + " access key pair (settings.xml server, HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK), temporary"
                        + " keys, OIDC federation or the metadata service.");
            }
            transport.redactor().add(keys.credentials().secretKey());
            keys.credentials().securityToken().ifPresent(token -> {
                transport.redactor().add(token);
                signed.put(ObsSigner.SECURITY_TOKEN_HEADER, token);
            });
            signed.put(ObsSigner.DATE_HEADER, ObsSigner.date(clock.instant()));
            String resource = "/" + folder.bucket() + "/" + encodeKey(key);
            String authorization = signer.authorization(method, resource, signed, keys.credentials());
            // A server that echoes the request must not put the key or the signature into a message.
            transport.redactor().add(authorization);
            transport.redactor().add(keys.credentials().accessKey());
            // OBS's own errors quote the signature alone (SignatureProvided).
            transport.redactor().addSignature(authorization.substring(authorization.lastIndexOf(':') + 1));
            Request request = new Request.Builder()
                    .url(url)
                    .method(method, body)
                    .headers(Headers.of(signed))
                    .header("Authorization", authorization)
                    .build();
            int status;
            String answer;
            try (Response response = transport.client().newCall(request).execute()) {
                status = response.code();
                if (response.isSuccessful() || (method.equals("DELETE") && status == 404)) {
                    return;
                }
                answer = head(response.body());
                String redirect = HttpTransport.redirect(response);
                if (redirect != null) {
                    throw new ObsException(
                            what + " " + object + " failed: OBS answered with " + redirect
                                    + ", which the plugin does not follow; check the OBS endpoint and the bucket's"
                                    + " region.",
                            status,
                            "");
                }
            } catch (InterruptedIOException e) {
                if (!(e instanceof java.net.SocketTimeoutException)
                        || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                if (attempt < retries.retries()) {
                    pause(attempt); // a timeout: putting or deleting the same object again is harmless
                    continue;
                }
                throw new IOException(
                        what + " " + object + " failed: OBS did not answer in time (" + e.getMessage() + ").", e);
            } catch (ObsException e) {
                throw e;
            } catch (IOException e) {
                if (attempt < retries.retries()) {
                    pause(attempt);
                    continue;
                }
                throw new IOException(
                        what + " " + object + " failed: " + transport.redactor().describe(e) + ".", e);
            }
            if ((status == 500 || status == 503) && attempt < retries.retries()) {
                pause(attempt);
                continue;
            }
            throw failure(what, object, status, answer, auth.source());
        }
    }

    private ObsException failure(String what, String object, int status, String answer, String source) {
        String code = first(XML_CODE, answer);
        String message = first(XML_MESSAGE, answer);
        String requestId = first(XML_REQUEST_ID, answer);
        String said = "HTTP " + status + (code.isEmpty() ? "" : ", " + code) + (message.isEmpty() ? "" : ": " + message)
                + (requestId.isEmpty() ? "" : " (request id " + requestId + ")");
        String fix = switch (code) {
            case "SignatureDoesNotMatch", "InvalidAccessKeyId" ->
                " OBS refused the access key from " + source + ": check that source; temporary keys may have expired.";
            case "AccessDenied" ->
                " The credentials from " + source + " may not write to this bucket: grant"
                        + " them OBS access to it, or choose another folder.";
            case "NoSuchBucket" ->
                " The bucket does not exist in this region: check the OBS folder and the"
                        + " region (or the OBS endpoint).";
            case "RequestTimeTooSkewed" -> " This machine's clock is off by more than 15 minutes: sync it.";
            default -> status == 403 ? " Check the credentials from " + source + "." : "";
        };
        return new ObsException(what + " " + object + " failed: " + LogText.escape(said) + "." + fix, status, code);
    }

    private void pause(int attempt) throws InterruptedIOException {
        try {
            Thread.sleep(retries.backoff(attempt + 1).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry OBS");
        }
    }

    /** The first few kilobytes of an error answer, with every secret this transport knows redacted. */
    private String head(ResponseBody body) throws IOException {
        if (body == null) {
            return "";
        }
        BufferedSource source = body.source();
        source.request(8192);
        long size = Math.min(source.getBuffer().size(), 8192);
        return transport.redactor().redact(source.getBuffer().readString(size, StandardCharsets.UTF_8));
    }

    private static String first(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1).strip() : "";
    }

    /** The key as OBS's SDK sends and signs it: every byte but the unreserved characters encoded, {@code /} too. */
    static String encodeKey(String key) {
        return PercentEncoding.strict(key);
    }

    private static String md5(byte[] content) {
        try {
            return Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("MD5").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is missing from this JVM", e);
        }
    }
}
