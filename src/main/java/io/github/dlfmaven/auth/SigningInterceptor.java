package io.github.dlfmaven.auth;

import io.github.dlfmaven.log.Redactor;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;

/**
 * Authenticates each attempt of a request as it leaves: asks the {@link AuthenticationSource} for the current
 * authentication (so renewed credentials take effect mid-export), then signs with the access key pair or sets the
 * IAM token. The date in the signature is the attempt's own, so a retry after a long wait is not refused as stale.
 * Every secret used is handed to the transport's {@link Redactor} before the request is sent.
 *
 * <p>Signed are the request's own headers, {@code Host}, {@code X-Sdk-Date} and {@code X-Security-Token}; not
 * {@code Content-Type} (the signer leaves it out as the official SDK does), {@code Accept} or {@code User-Agent},
 * which a proxy may rewrite.
 */
public final class SigningInterceptor implements Interceptor {

    private static final Set<String> UNSIGNED = Set.of("accept", "user-agent", "content-type", "authorization");

    private final AuthenticationSource authentication;
    private final Redactor redactor;
    private final Clock clock;
    private final AkSkSigner signer = new AkSkSigner();

    public SigningInterceptor(AuthenticationSource authentication, Redactor redactor, Clock clock) {
        this.authentication = Objects.requireNonNull(authentication, "authentication");
        this.redactor = Objects.requireNonNull(redactor, "redactor");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        Authentication current;
        try {
            current = authentication.current();
        } catch (IOException | RuntimeException e) {
            throw new AuthenticationUnavailableException(e);
        }
        current.secrets().forEach(redactor::add);
        Request.Builder builder = request.newBuilder();
        if (current instanceof Authentication.Signed signed) {
            Credentials credentials = signed.credentials();
            Map<String, String> headers = new LinkedHashMap<>();
            for (String name : request.headers().names()) {
                if (!UNSIGNED.contains(name.toLowerCase(Locale.ROOT))) {
                    headers.put(name, request.header(name));
                }
            }
            headers.put("Host", hostHeader(request.url()));
            headers.put(AkSkSigner.DATE_HEADER, AkSkSigner.sdkDate(clock.instant()));
            credentials.securityToken().ifPresent(token -> headers.put("X-Security-Token", token));
            HttpUrl url = request.url();
            List<Map.Entry<String, String>> query = new ArrayList<>();
            for (int i = 0; i < url.querySize(); i++) {
                query.add(Map.entry(
                        url.queryParameterName(i), Objects.requireNonNullElse(url.queryParameterValue(i), "")));
            }
            SignableRequest signable =
                    new SignableRequest(request.method(), url.pathSegments(), query, headers, bytes(request.body()));
            headers.forEach(builder::header);
            String authorization = signer.authorization(signable, credentials);
            redactor.addSignature(authorization.substring(authorization.lastIndexOf('=') + 1));
            builder.header("Authorization", authorization);
        } else if (current instanceof Authentication.Token token) {
            builder.header("X-Auth-Token", token.token());
        }
        return chain.proceed(builder.build());
    }

    /** The Host header exactly as okhttp will send it, because it is signed: the host and a port not the default. */
    public static String hostHeader(HttpUrl url) {
        String host = url.host().contains(":") ? "[" + url.host() + "]" : url.host();
        return url.port() == HttpUrl.defaultPort(url.scheme()) ? host : host + ":" + url.port();
    }

    private static byte[] bytes(RequestBody body) throws IOException {
        if (body == null) {
            return new byte[0];
        }
        // The API's bodies are small JSON documents: reading one into memory to hash it costs nothing.
        try (Buffer buffer = new Buffer()) {
            body.writeTo(buffer);
            return buffer.readByteArray();
        }
    }

    /**
     * The credentials could not be obtained for an attempt. Thrown through okhttp as an {@link IOException}, and
     * told apart from a network failure by the caller, which reports {@link #getCause()} as it is, never retrying.
     */
    public static final class AuthenticationUnavailableException extends IOException {
        private static final long serialVersionUID = 1L;

        AuthenticationUnavailableException(Exception cause) {
            super(cause.getMessage(), cause);
        }

        /** The failure of the credential source: an {@link IOException} or a {@link CredentialsException}. */
        public void rethrowCause() throws IOException {
            if (getCause() instanceof IOException io) {
                throw io;
            }
            throw (RuntimeException) getCause();
        }
    }
}
