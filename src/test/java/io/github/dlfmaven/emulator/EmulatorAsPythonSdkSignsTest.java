package io.github.dlfmaven.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.huaweicloud.sdk.core.auth.AKSKSigner;
import com.huaweicloud.sdk.core.auth.BasicCredentials;
import com.huaweicloud.sdk.core.http.HttpMethod;
import com.huaweicloud.sdk.core.http.HttpRequest;
import io.github.dlfmaven.auth.Credentials;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emulator checks a signature over exactly the headers the request lists, as the API gateway does, so a request
 * signed the way Huawei's Python SDK signs it passes: that SDK signs every header it sends, {@code Content-Type} and
 * {@code User-Agent} too ({@code content-type;host;user-agent;x-project-id;x-sdk-date}). The requests are the API
 * doc's AK/SK test inputs (section 7b) with the Python SDK's headers; their signatures are test vectors, computed by
 * hand from section 7a with the Python SDK's choice of headers and reproduced here by the official Java signer
 * (huaweicloud-sdk-core, test scope) told to keep {@code Content-Type}, the one header it leaves out.
 */
class EmulatorAsPythonSdkSignsTest {

    private static final String AK = "HPUAEXAMPLEAK00000001";
    private static final String SK = "exampleSecretKey0000000000000000000000000";
    private static final String HOST = "dayu-dlf.cn-north-4.myhuaweicloud.com";
    private static final String PROJECT = "0833a5737480d53b2f25c010dc1a7b88";
    private static final String DATE = "20261128T101500Z";
    private static final Instant SIGNED_AT = Instant.parse("2026-11-28T10:15:00Z");
    private static final String USER_AGENT = "huaweicloud-usdk-python/3.0";
    private static final String BODY = "{\"exportDepend\":true,\"exportStatus\":\"DEVELOP\"}";
    private static final String PYTHON_SIGNED_HEADERS = "content-type;host;user-agent;x-project-id;x-sdk-date";

    /** {@code GET /v1/{project}/jobs?jobType=BATCH&limit=10&offset=0}, no body. */
    private static final String LIST_AUTHORIZATION = "SDK-HMAC-SHA256 Access=" + AK + ", SignedHeaders="
            + PYTHON_SIGNED_HEADERS + ", Signature=eb7935d9199fa920fd830de74718388b3d003f20974ccd1d8faf047825e6da84";
    /** {@code POST /v1/{project}/jobs/myJob/export} with the doc's body. */
    private static final String EXPORT_AUTHORIZATION = "SDK-HMAC-SHA256 Access=" + AK + ", SignedHeaders="
            + PYTHON_SIGNED_HEADERS + ", Signature=a584a5e67d374eee6aafa715421ee6436c74d54655c5e92d30f5b5ba99c6fed6";

    /**
     * The official Java signer with the Python SDK's choice of headers: every header of the request, Content-Type
     * included, where the Java SDK drops Content-Type. Everything else (canonical URI, query, payload hash, string to
     * sign) is the official code's.
     */
    private static final class PythonSdkChoiceOfHeaders extends AKSKSigner {
        @Override
        protected Map<String, String> combineAllHeaders(
                HttpRequest request, Map<String, String> authenticationHeaders) {
            Map<String, String> all = new TreeMap<>();
            request.getHeaders().forEach((name, values) -> all.put(name.toLowerCase(Locale.ROOT), values.get(0)));
            authenticationHeaders.forEach((name, value) -> all.put(name.toLowerCase(Locale.ROOT), value));
            return all;
        }
    }

    @TempDir
    Path temp;

    private DlfEmulator emulator;
    private final OkHttpClient http = new OkHttpClient();

    @BeforeEach
    void start() throws IOException {
        Path fixtures = temp.resolve("fixtures");
        Files.createDirectories(fixtures.resolve("jobs"));
        Files.writeString(fixtures.resolve("jobs/myJob.job"), "{\"name\": \"myJob\", \"nodes\": []}");
        emulator = DlfEmulator.builder(fixtures, Credentials.of(AK, SK, "test"))
                .clock(Clock.fixed(SIGNED_AT.plusSeconds(30), ZoneOffset.UTC))
                .start();
    }

    @AfterEach
    void stop() {
        emulator.close();
        http.connectionPool().evictAll();
    }

    @Test
    void theOfficialSignerWithThePythonSdksHeadersGivesTheVectors() {
        HttpRequest list = officialRequest(HttpMethod.GET, "/v1/" + PROJECT + "/jobs", null)
                .addQueryParam("jobType", List.of("BATCH"))
                .addQueryParam("limit", List.of("10"))
                .addQueryParam("offset", List.of("0"))
                .build();
        HttpRequest export = officialRequest(HttpMethod.POST, "/v1/" + PROJECT + "/jobs/myJob/export", BODY)
                .build();

        assertEquals(LIST_AUTHORIZATION, officialAuthorization(list));
        assertEquals(EXPORT_AUTHORIZATION, officialAuthorization(export));
    }

    @Test
    void aListSignedOverContentTypeAndUserAgentIsServed() throws IOException {
        Reply reply = send("GET", list(), null, pythonHeaders(LIST_AUTHORIZATION));

        assertEquals(200, reply.status(), reply.body());
        JsonNode answer = new ObjectMapper().readTree(reply.body());
        assertEquals(1, answer.get("total").asInt());
        assertEquals("myJob", answer.get("jobs").get(0).get("name").asText());
    }

    @Test
    void anExportSignedOverContentTypeAndUserAgentIsServed() throws IOException {
        Reply reply = send("POST", export(), BODY, pythonHeaders(EXPORT_AUTHORIZATION));

        assertEquals(200, reply.status(), reply.body());
    }

    @Test
    void aSignedContentTypeIsCoveredBySignature() throws IOException {
        Map<String, String> headers = pythonHeaders(EXPORT_AUTHORIZATION);
        headers.put("Content-Type", "text/plain");

        assertRefused(send("POST", export(), BODY, headers));
    }

    @Test
    void aSignedHeaderTheRequestDoesNotSendFails() throws IOException {
        // Signed for the emulator's own address, since the request goes out as it is, with no User-Agent at all.
        URI endpoint = emulator.endpoint();
        HttpRequest list = HttpRequest.newBuilder()
                .withEndpoint(endpoint.toString())
                .withPath("/v1/" + PROJECT + "/jobs")
                .withMethod(HttpMethod.GET)
                .addHeader("Content-Type", "application/json")
                .addHeader("User-Agent", USER_AGENT)
                .addHeader("X-Project-Id", PROJECT)
                .addHeader("X-Sdk-Date", DATE)
                .build();
        String authorization = officialAuthorization(list);
        assertTrue(authorization.contains("SignedHeaders=" + PYTHON_SIGNED_HEADERS + ","), authorization);
        Map<String, String> withoutUserAgent = new LinkedHashMap<>();
        withoutUserAgent.put("Content-Type", "application/json");
        withoutUserAgent.put("X-Project-Id", PROJECT);
        withoutUserAgent.put("X-Sdk-Date", DATE);
        withoutUserAgent.put("Authorization", authorization);

        Map<String, String> withUserAgent = new LinkedHashMap<>(withoutUserAgent);
        withUserAgent.put("User-Agent", USER_AGENT);

        assertEquals(200, raw(endpoint, withUserAgent).status());
        assertRefused(raw(endpoint, withoutUserAgent));
    }

    @Test
    void aSignatureThatLeavesOutHostOrTheDateOrNamesAHeaderInCapitalsFails() throws IOException {
        String signature = LIST_AUTHORIZATION.substring(LIST_AUTHORIZATION.indexOf(", Signature="));
        for (String signed : new String[] {
            "content-type;user-agent;x-project-id;x-sdk-date",
            "content-type;host;user-agent;x-project-id",
            "content-type;host;User-Agent;x-project-id;x-sdk-date"
        }) {
            Map<String, String> headers =
                    pythonHeaders("SDK-HMAC-SHA256 Access=" + AK + ", SignedHeaders=" + signed + signature);

            assertRefused(send("GET", list(), null, headers));
        }
    }

    @Test
    void theBodyIsCoveredTooWhenContentTypeIsSigned() throws IOException {
        Reply reply = send("POST", export(), BODY.replace("true", "false"), pythonHeaders(EXPORT_AUTHORIZATION));

        assertRefused(reply);
    }

    private static HttpRequest.HttpRequestBuilder officialRequest(HttpMethod method, String path, String body) {
        HttpRequest.HttpRequestBuilder builder = HttpRequest.newBuilder()
                .withEndpoint("https://" + HOST)
                .withPath(path)
                .withMethod(method)
                .addHeader("Content-Type", "application/json")
                .addHeader("User-Agent", USER_AGENT)
                .addHeader("X-Project-Id", PROJECT)
                .addHeader("X-Sdk-Date", DATE);
        if (body != null) {
            builder.withContentType("application/json").withBodyAsString(body);
        }
        return builder;
    }

    private static String officialAuthorization(HttpRequest request) {
        return new PythonSdkChoiceOfHeaders()
                .sign(request, new BasicCredentials().withAk(AK).withSk(SK))
                .get("Authorization");
    }

    /** The headers the Python SDK sends; the Host is the real one, which the emulator, on any port, takes as sent. */
    private static Map<String, String> pythonHeaders(String authorization) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", HOST);
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", USER_AGENT);
        headers.put("X-Project-Id", PROJECT);
        headers.put("X-Sdk-Date", DATE);
        headers.put("Authorization", authorization);
        return headers;
    }

    private HttpUrl list() {
        return url("jobs")
                .addQueryParameter("jobType", "BATCH")
                .addQueryParameter("limit", "10")
                .addQueryParameter("offset", "0")
                .build();
    }

    private HttpUrl export() {
        return url("jobs/myJob/export").build();
    }

    private HttpUrl.Builder url(String path) {
        return HttpUrl.get(emulator.endpoint().toString())
                .newBuilder()
                .addPathSegment("v1")
                .addPathSegment(PROJECT)
                .addPathSegments(path);
    }

    private record Reply(int status, String body) {}

    private Reply send(String method, HttpUrl url, String body, Map<String, String> headers) throws IOException {
        Request.Builder request = new Request.Builder()
                .url(url)
                .method(
                        method,
                        body == null
                                ? null
                                : RequestBody.create(
                                        body.getBytes(StandardCharsets.UTF_8),
                                        MediaType.get(headers.get("Content-Type"))));
        headers.forEach(request::header);
        try (Response response = http.newCall(request.build()).execute()) {
            return new Reply(response.code(), response.body().string());
        }
    }

    /** The list's GET as it is, on a socket: no header but these and the emulator's Host. */
    private static Reply raw(URI endpoint, Map<String, String> headers) throws IOException {
        try (RawRequest request = RawRequest.open(endpoint, "GET", "/v1/" + PROJECT + "/jobs", headers, 0)) {
            RawRequest.Reply reply = request.reply();
            return new Reply(reply.status(), reply.body());
        }
    }

    private static void assertRefused(Reply reply) throws IOException {
        assertEquals(401, reply.status(), reply.body());
        JsonNode error = new ObjectMapper().readTree(reply.body());
        assertEquals("APIGW.0301", error.get("error_code").asText());
        assertTrue(error.get("error_msg").asText().contains("verify aksk signature fail"), reply.body());
    }
}
