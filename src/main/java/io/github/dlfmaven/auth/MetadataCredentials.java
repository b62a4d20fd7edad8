package io.github.dlfmaven.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dlfmaven.config.Setting;
import io.github.dlfmaven.config.SettingNames;
import io.github.dlfmaven.http.HeaderValues;
import io.github.dlfmaven.http.HttpTransport;
import io.github.dlfmaven.log.Log;
import io.github.dlfmaven.log.Redactor;
import io.github.dlfmaven.text.JsonPosition;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Temporary AK/SK and security token of the agency bound to the Huawei Cloud instance (ECS, or CCE node) the
 * build runs on, read from the instance metadata service and read again before they expire, also during a
 * long export. Only used when asked for: a build must never probe a link-local address unasked.
 *
 * <p>As Huawei's official SDKs do, it first asks for a session token ({@code PUT /meta-data/latest/api/token}
 * on the same host, living six hours) and sends it as {@code X-Metadata-Token}: instances with metadata
 * security switched on refuse requests without one. A service that answers the token request with 404 or 405
 * has no tokens and is asked without one; a 401 (other than "no agency") fetches a new token and asks once more.
 */
public final class MetadataCredentials extends RenewedAuthentication {

    /** As Huawei's SDKs do: read again when less than two hours remain. */
    public static final Duration REFRESH_BEFORE = Duration.ofHours(2);

    static final String TOKEN_PATH = "/meta-data/latest/api/token";
    static final String TOKEN_HEADER = "X-Metadata-Token";
    static final String TOKEN_TTL_HEADER = "X-Metadata-Token-Ttl-Seconds";
    /** Six hours, the lifetime the official SDKs ask for. */
    static final long TOKEN_TTL_SECONDS = 6 * 60 * 60;

    private static final String NO_AGENCY = "Cloud Service Agency";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OkHttpClient http;
    private final Redactor redactor;
    private final HttpUrl url;
    private final HttpUrl tokenUrl;
    private final Log log;
    private final SettingNames names;
    /** The session token; null before the first request, or when the service has no token endpoint. */
    private String sessionToken;

    private boolean askedForToken;

    /**
     * @param transport the build's transport; the metadata service is asked directly (never through its proxy),
     *     and the transport learns each secret it hands out
     * @param url where the service hands out the credentials, such as {@code http://169.254.169.254/openstack/latest/securitykey}
     */
    public MetadataCredentials(
            HttpTransport transport, URI url, Duration refreshBefore, Clock clock, Log log, SettingNames names) {
        super(refreshBefore, clock);
        this.url = HttpUrl.get(url.toString());
        this.tokenUrl =
                this.url.newBuilder().encodedPath(TOKEN_PATH).query(null).build();
        this.log = log;
        this.names = names;
        this.redactor = transport.redactor();
        // On the instance's own link: it answers at once or not at all.
        this.http = transport.direct(Duration.ofSeconds(2), Duration.ofSeconds(3));
    }

    @Override
    public String description() {
        return "the instance metadata service (" + url.host() + ")";
    }

    /** With settings named by their parameters. */
    public MetadataCredentials(HttpTransport transport, URI url, Duration refreshBefore, Clock clock, Log log) {
        this(transport, url, refreshBefore, clock, log, SettingNames.PLAIN);
    }

    @Override
    Fetched fetch() throws IOException {
        JsonNode credential;
        try {
            if (!askedForToken) {
                sessionToken = sessionToken(false);
                askedForToken = true;
            }
            Answer answer = securityKey();
            if (answer.code() == 401 && !answer.body().contains(NO_AGENCY)) {
                // The token expired or was revoked, or the service started to require one.
                sessionToken = sessionToken(true);
                answer = securityKey();
            }
            if (answer.code() < 200 || answer.code() > 299) {
                throw new MetadataException(
                        "The instance metadata service at " + url + " answered HTTP " + answer.code()
                                + (answer.body().contains(NO_AGENCY) ? ": this instance has no agency attached" : "")
                                + ". Attach an agency with DataArts Studio permissions to the instance, or use another credential source.");
            }
            JsonNode json;
            try {
                json = JSON.readTree(answer.body());
            } catch (JsonProcessingException e) {
                // Jackson's message quotes the text it stumbled on: here, the secret key, before it is known to be one.
                throw new MetadataException("The instance metadata service at " + url + " answered with no valid JSON"
                        + JsonPosition.of(e) + ". Check the instance's metadata settings, or use another credential"
                        + " source.");
            }
            credential = json == null ? null : json.get("credential");
        } catch (MetadataException e) {
            throw e;
        } catch (IOException e) {
            throw new IOException(
                    "Cannot read credentials from the instance metadata service at " + url + " ("
                            + redactor.describe(e)
                            + "). It answers only on Huawei Cloud instances; elsewhere set "
                            + names.assignment(Setting.METADATA_CREDENTIALS, "false")
                            + " and use settings.xml or the environment.",
                    e);
        }
        if (credential == null
                || credential.path("access").asText("").isEmpty()
                || credential.path("secret").asText("").isEmpty()) {
            throw new IOException("The instance metadata service at " + url + " gave no access key pair.");
        }
        Instant expiry;
        try {
            expiry = Instant.parse(credential.path("expires_at").asText(""));
        } catch (DateTimeParseException e) {
            expiry = clock().instant().plus(Duration.ofMinutes(15)); // the shortest documented lifetime
        }
        Authentication.Signed current = new Authentication.Signed(Credentials.temporary(
                credential.path("access").asText(),
                credential.path("secret").asText(),
                credential.path("securitytoken").asText(null),
                description()));
        current.secrets().forEach(redactor::add);
        log.debug("Read temporary credentials from the instance metadata service"
                + (sessionToken == null ? "" : " with a session token") + ", valid until " + expiry);
        return new Fetched(current, expiry);
    }

    /**
     * A new session token; null when the service has no token endpoint (404 or 405) and {@code required} is false.
     */
    private String sessionToken(boolean required) throws IOException {
        Request request = new Request.Builder()
                .url(tokenUrl)
                .put(RequestBody.create(new byte[0]))
                .header(TOKEN_TTL_HEADER, String.valueOf(TOKEN_TTL_SECONDS))
                .build();
        Answer answer = send(request);
        if (answer.code() == 200) {
            String token = answer.body().strip();
            if (!HeaderValues.sendable(token)) {
                throw new MetadataException("The instance metadata service at " + tokenUrl.host()
                        + " gave a session token that cannot be sent in a header.");
            }
            redactor.add(token);
            return token;
        }
        if ((answer.code() == 404 || answer.code() == 405) && !required) {
            log.debug("The instance metadata service has no session tokens (HTTP " + answer.code()
                    + "); asking without one");
            return null;
        }
        throw new MetadataException("The instance metadata service at " + tokenUrl.host() + " refused a session token"
                + " (PUT " + TOKEN_PATH + " answered HTTP " + answer.code() + "), and it refuses requests without one."
                + " Check the instance's metadata settings, or use another credential source.");
    }

    private Answer securityKey() throws IOException {
        Request.Builder request = new Request.Builder().url(url);
        if (sessionToken != null) {
            request.header(TOKEN_HEADER, sessionToken);
        }
        return send(request.build());
    }

    /** Status and (small) body of one request; a redirect is refused, never followed. */
    private Answer send(Request request) throws IOException {
        try (Response response = http.newCall(request).execute()) {
            String redirect = HttpTransport.redirect(response);
            if (redirect != null) {
                throw new MetadataException("The instance metadata service at " + url.host() + " answered with "
                        + redirect + ", which it never does; the build did not follow it. Check "
                        + names.name(Setting.METADATA_URL) + ".");
            }
            // The answers are small; a longer one is cut rather than held in memory whole.
            return new Answer(response.code(), response.peekBody(1 << 20).string());
        }
    }

    private record Answer(int code, String body) {}

    /** A failure whose message is already complete. */
    private static final class MetadataException extends CredentialsUnavailableException {
        private static final long serialVersionUID = 1L;

        MetadataException(String message) {
            super(message);
        }
    }
}
