package io.github.dlfmaven.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dlfmaven.config.SettingNames;
import io.github.dlfmaven.http.HttpTransport;
import io.github.dlfmaven.log.Log;
import io.github.dlfmaven.testing.MutableClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OIDC federation against a local stand-in of IAM that does what Huawei Cloud's does: an ID token for a token scoped
 * to the project, that token for temporary keys.
 */
class OidcCredentialsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path temp;

    private final MockWebServer iam = new MockWebServer();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger issued = new AtomicInteger();
    private final HttpTransport transport = HttpTransport.builder().build();
    private final MutableClock clock = new MutableClock(NOW);
    private volatile String acceptedIdToken = "id-token-one";
    private volatile String subjectTokenSuffix = "";
    private Path tokenFile;

    @BeforeEach
    void start() throws IOException {
        tokenFile = Files.writeString(temp.resolve("oidc-token"), "id-token-one\n");
        iam.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.add(request);
                return answer(request);
            }
        });
        iam.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stop() {
        transport.close();
        iam.close();
    }

    private MockResponse answer(RecordedRequest request) {
        try {
            JsonNode body = JSON.readTree(request.getBody().string(StandardCharsets.UTF_8));
            String path = request.getUrl().encodedPath();
            if (path.equals("/v3.0/OS-AUTH/id-token/tokens")) {
                if (!"github-actions".equals(request.getHeaders().get("X-Idp-Id"))
                        || !acceptedIdToken.equals(body.at("/auth/id_token/id").asText())) {
                    return new MockResponse.Builder()
                            .code(401)
                            .body("{\"error\":{\"message\":\"The id_token is invalid: "
                                    + body.at("/auth/id_token/id").asText() + "\"}}")
                            .build();
                }
                return new MockResponse.Builder()
                        .code(201)
                        .addHeaderLenient(
                                "X-Subject-Token", "federated-token-" + issued.incrementAndGet() + subjectTokenSuffix)
                        .body("{\"token\":{\"expires_at\":\"" + NOW.plus(Duration.ofHours(24)) + "\"}}")
                        .build();
            }
            if (path.equals("/v3.0/OS-CREDENTIAL/securitytokens")) {
                String token = body.at("/auth/identity/token/id").asText();
                if (!token.equals(request.getHeaders().get("X-Auth-Token")) || !token.startsWith("federated-token-")) {
                    return new MockResponse.Builder().code(401).body("{}").build();
                }
                int n = issued.get();
                return new MockResponse.Builder()
                        .code(201)
                        .body("{\"credential\":{\"access\":\"FEDAK" + n
                                + "\",\"secret\":\"federatedSecret" + n + "\",\"securitytoken\":\"federatedSecurity" + n
                                + "\",\"expires_at\":\""
                                + clock.instant()
                                        .plus(Duration.ofHours(6))
                                        .toString()
                                        .replace("Z", ".000000Z") + "\"}}")
                        .build();
            }
            return new MockResponse.Builder().code(404).build();
        } catch (IOException e) {
            return new MockResponse.Builder().code(400).build();
        }
    }

    private OidcCredentials oidc() {
        return new OidcCredentials(
                transport,
                URI.create(iam.url("/").toString()),
                "github-actions",
                tokenFile,
                "0833a5737480d53b2f25c010dc1a7b88",
                OidcCredentials.RENEW_BEFORE,
                clock,
                Log.NONE,
                SettingNames.PLAIN);
    }

    @Test
    void anIdTokenIsTradedForAScopedTokenThenForTemporaryKeys() throws Exception {
        Authentication.Signed signed = (Authentication.Signed) oidc().current();

        assertEquals("FEDAK1", signed.credentials().accessKey());
        assertEquals("federatedSecurity1", signed.credentials().securityToken().orElseThrow());
        assertEquals(2, requests.size());
        JsonNode exchange = JSON.readTree(requests.get(0).getBody().string(StandardCharsets.UTF_8));
        assertEquals(
                "0833a5737480d53b2f25c010dc1a7b88",
                exchange.at("/auth/scope/project/id").asText());
        JsonNode keys = JSON.readTree(requests.get(1).getBody().string(StandardCharsets.UTF_8));
        assertEquals("token", keys.at("/auth/identity/methods/0").asText());
        assertEquals(21600, keys.at("/auth/identity/token/duration_seconds").asInt());
        assertTrue(oidc().description().contains("identity provider 'github-actions'"));
    }

    @Test
    void theRotatedIdTokenIsReadAgainWhenTheKeysAreRenewed() throws Exception {
        OidcCredentials oidc = oidc();
        oidc.current();
        clock.now = NOW.plus(Duration.ofHours(4)); // two hours left: still good
        assertEquals(
                "FEDAK1", ((Authentication.Signed) oidc.current()).credentials().accessKey());

        Files.writeString(tokenFile, "id-token-two");
        acceptedIdToken = "id-token-two";
        clock.now = NOW.plus(Duration.ofHours(5).plusMinutes(1)); // less than an hour left

        assertEquals(
                "FEDAK2", ((Authentication.Signed) oidc.current()).credentials().accessKey());
        assertEquals(4, requests.size());
    }

    @Test
    void aRefusedIdTokenSaysWhatToCheckAndQuotesNoSecret() throws Exception {
        acceptedIdToken = "another token";

        IOException e = assertThrows(IOException.class, () -> oidc().current());

        assertTrue(
                e.getMessage()
                        .contains("refused the ID token in " + tokenFile + " for identity provider"
                                + " 'github-actions' (HTTP 401: The id_token is invalid: ****)"),
                e.getMessage());
        assertFalse(e.getMessage().contains("id-token-one"), e.getMessage());
    }

    @Test
    void aScopedTokenThatCannotGoIntoAHeaderIsRefusedWithoutQuotingIt() throws Exception {
        subjectTokenSuffix = "SECRET\u00e9rest";

        IOException e = assertThrows(IOException.class, () -> oidc().current());

        assertTrue(e.getMessage().contains("with a token that cannot be sent in a header"), e.getMessage());
        assertFalse(e.getMessage().contains("SECRET"), e.getMessage());
        assertEquals(1, requests.size(), "the token was never sent on");
    }

    @Test
    void aMissingTokenFileSaysSoBeforeAnyRequest() throws Exception {
        Files.delete(tokenFile);

        IOException e = assertThrows(IOException.class, () -> oidc().current());

        assertTrue(
                e.getMessage()
                        .startsWith("The ID token file " + tokenFile + " named by HUAWEICLOUD_SDK_ID_TOKEN_FILE"
                                + " does not exist"),
                e.getMessage());
        assertEquals(0, requests.size());
    }
}
