package io.github.dlfmaven.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dlfmaven.auth.Authentication;
import io.github.dlfmaven.auth.AuthenticationSource;
import io.github.dlfmaven.auth.Credentials;
import io.github.dlfmaven.log.Log;
import java.io.IOException;
import java.net.Proxy;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Temporary AK/SK and security token of the agency bound to the Huawei Cloud instance (ECS, or CCE node) the
 * build runs on, read from the instance metadata service and read again before they expire, also during a
 * long export. Only used when asked for: a build must never probe a link-local address unasked.
 */
public final class MetadataCredentials implements AuthenticationSource {

    public static final URI DEFAULT_URL = URI.create("http://169.254.169.254/openstack/latest/securitykey");
    /** As Huawei's SDKs do: read again when less than two hours remain. */
    public static final Duration REFRESH_BEFORE = Duration.ofHours(2);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OkHttpClient http;
    private final URI url;
    private final Duration refreshBefore;
    private final Clock clock;
    private final Log log;
    private Authentication.Signed current;
    private Instant expiresAt = Instant.MIN;
    private Instant fetchedAt = Instant.MIN;

    public MetadataCredentials(URI url, Duration refreshBefore, Clock clock, Log log) {
        this.url = url;
        this.refreshBefore = refreshBefore;
        this.clock = clock;
        this.log = log;
        // The metadata service is on the instance's own link: never through a proxy, and it answers at once or not at all.
        this.http = new OkHttpClient.Builder().proxy(Proxy.NO_PROXY)
                .connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(3)).build();
    }

    @Override
    public String description() {
        return "the instance metadata service (" + url.getHost() + ")";
    }

    @Override
    public synchronized Authentication current() throws IOException {
        Instant now = clock.instant();
        // Refresh early; for credentials that live less than twice that long, halfway through their life.
        Duration margin = current == null ? Duration.ZERO
                : min(refreshBefore, Duration.between(fetchedAt, expiresAt).dividedBy(2));
        if (current == null || !now.isBefore(expiresAt.minus(margin))) {
            fetch();
        }
        return current;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private void fetch() throws IOException {
        Request request = new Request.Builder().url(url.toString()).header("User-Agent", DlfClient.USER_AGENT).build();
        JsonNode credential;
        try (Response response = http.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                String body = response.peekBody(4096).string();
                throw new IOException("The instance metadata service at " + url + " answered HTTP " + response.code()
                        + (body.contains("Cloud Service Agency") ? ": this instance has no agency attached" : "")
                        + ". Attach an agency with DataArts Studio permissions to the instance, or use another credential source.");
            }
            JsonNode json = JSON.readTree(response.body().string());
            credential = json == null ? null : json.get("credential");
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("The instance metadata service")) {
                throw e;
            }
            throw new IOException("Cannot read credentials from the instance metadata service at " + url + " (" + e
                    + "). It answers only on Huawei Cloud instances; elsewhere set -Ddlf.metadataCredentials=false and"
                    + " use settings.xml or the environment.", e);
        }
        if (credential == null || credential.path("access").asText("").isEmpty() || credential.path("secret").asText("").isEmpty()) {
            throw new IOException("The instance metadata service at " + url + " gave no access key pair.");
        }
        Instant expiry;
        try {
            expiry = Instant.parse(credential.path("expires_at").asText(""));
        } catch (DateTimeParseException e) {
            expiry = clock.instant().plus(Duration.ofMinutes(15)); // the shortest documented lifetime
        }
        current = new Authentication.Signed(Credentials.temporary(credential.path("access").asText(),
                credential.path("secret").asText(), credential.path("securitytoken").asText(null), description()));
        expiresAt = expiry;
        fetchedAt = clock.instant();
        log.debug("Read temporary credentials from the instance metadata service, valid until " + expiry);
    }
}
