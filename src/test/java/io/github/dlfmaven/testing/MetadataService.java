package io.github.dlfmaven.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A local stand-in for Huawei Cloud's instance metadata service, in either of its two modes: with metadata
 * security switched on (the security key is given only with a session token from {@code PUT
 * /meta-data/latest/api/token}) or as older instances answer (no token endpoint at all: 404).
 */
public final class MetadataService implements AutoCloseable {

    public static final String KEY_PATH = "/openstack/latest/securitykey";
    public static final String TOKEN_PATH = "/meta-data/latest/api/token";

    /** Which instances the stand-in plays. */
    public enum Mode {
        /** The security key only with a valid {@code X-Metadata-Token}, else 401. */
        TOKEN_REQUIRED,
        /** No token endpoint (404); the security key to anyone. */
        NO_TOKEN_ENDPOINT
    }

    private final MockWebServer server = new MockWebServer();
    private final Mode mode;
    private final Queue<String> keys = new ConcurrentLinkedQueue<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private volatile String validToken;
    private volatile String agencyMissing;

    public MetadataService(Mode mode) throws IOException {
        this.mode = mode;
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.add(request);
                return answer(request);
            }
        });
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    /** The URL to configure as {@code metadataUrl}. */
    public String keyUrl() {
        return server.url(KEY_PATH).toString();
    }

    /** Hands out these temporary credentials next (each at most once; the last one again and again). */
    public MetadataService credentials(String access, String secret, String securityToken, Instant expiresAt) {
        // The service writes microseconds: 2026-11-28T16:00:00.000000Z.
        String expiry = expiresAt.toString().replace("Z", ".000000Z");
        keys.add("{\"credential\":{\"access\":\"" + access + "\",\"secret\":\"" + secret + "\",\"securitytoken\":\""
                + securityToken + "\",\"expires_at\":\"" + expiry + "\"}}");
        return this;
    }

    /** From now on answers the security key with the 401 of an instance without an agency. */
    public void withoutAgency() {
        agencyMissing = "Please configure Cloud Service Agency first";
    }

    /** Forgets the session token it issued, as when it expired: the next request with it gets 401. */
    public void expireToken() {
        validToken = null;
    }

    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public int tokensIssued() {
        return tokensIssued.get();
    }

    private MockResponse answer(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        if (path.equals(TOKEN_PATH)) {
            if (mode == Mode.NO_TOKEN_ENDPOINT) {
                return new MockResponse.Builder().code(404).body("Not Found").build();
            }
            if (!request.getMethod().equals("PUT")
                    || request.getHeaders().get("X-Metadata-Token-Ttl-Seconds") == null) {
                return new MockResponse.Builder()
                        .code(400)
                        .body("PUT with X-Metadata-Token-Ttl-Seconds")
                        .build();
            }
            String token = "session-token-" + tokensIssued.incrementAndGet() + "-0123456789abcdef";
            validToken = token;
            return new MockResponse.Builder().code(200).body(token).build();
        }
        if (!path.equals(KEY_PATH) || !request.getMethod().equals("GET")) {
            return new MockResponse.Builder().code(404).body("Not Found").build();
        }
        if (mode == Mode.TOKEN_REQUIRED) {
            String token = request.getHeaders().get("X-Metadata-Token");
            if (token == null || !token.equals(validToken)) {
                return new MockResponse.Builder()
                        .code(401)
                        .body("{\"message\":\"token is invalid or expired\"}")
                        .build();
            }
        }
        if (agencyMissing != null) {
            return new MockResponse.Builder().code(401).body(agencyMissing).build();
        }
        String key = keys.size() > 1 ? keys.poll() : keys.peek();
        return key == null
                ? new MockResponse.Builder().code(404).build()
                : new MockResponse.Builder()
                        .code(200)
                        .setHeader("Content-Type", "application/json")
                        .body(key)
                        .build();
    }

    @Override
    public void close() {
        server.close();
    }
}
