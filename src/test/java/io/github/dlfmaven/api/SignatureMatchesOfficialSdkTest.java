package io.github.dlfmaven.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huaweicloud.sdk.core.auth.BasicCredentials;
import com.huaweicloud.sdk.core.http.HttpMethod;
import com.huaweicloud.sdk.core.http.HttpRequest;
import io.github.dlfmaven.auth.Credentials;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sends real requests with {@link DlfClient}, then signs the same request with Huawei's official
 * {@code huaweicloud-sdk-core} signer (test scope only) and requires the very same {@code Authorization} header.
 */
class SignatureMatchesOfficialSdkTest {

    static final String AK = "HPUAEXAMPLEAK00000001";
    static final String SK = "exampleSecretKey0000000000000000000000000";
    static final String TOKEN = "exampleSecurityToken";
    static final String PROJECT = "0833a5737480d53b2f25c010dc1a7b88";

    private final MockWebServer server = new MockWebServer();

    @TempDir
    Path temp;

    @BeforeEach
    void start() throws Exception {
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static Stream<Arguments> requests() {
        Stream.Builder<Arguments> all = Stream.builder();
        for (String job : new String[] {"myJob", "daily load", "作业1", "a(b)~c*d+e", "ods.load_v2-x"}) {
            for (boolean token : new boolean[] {false, true}) {
                for (String workspace : new String[] {null, "1c1f4b2e"}) {
                    for (String obsPath : new String[] {null, "obs://bucket/dlf/"}) {
                        all.add(Arguments.of(job, token, workspace, obsPath));
                    }
                }
            }
        }
        return all.build();
    }

    @ParameterizedTest(name = "job={0}, token={1}, workspace={2}, obsPath={3}")
    @MethodSource("requests")
    void authorizationIsByteForByteTheSdks(String job, boolean token, String workspace, String obsPath)
            throws Exception {
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .body(obsPath == null ? "PK\u0005\u0006" + "\0".repeat(18) : "{\"obsPath\":\"" + obsPath + "x/\"}")
                .build());
        Credentials credentials = token ? Credentials.temporary(AK, SK, TOKEN, "test") : Credentials.of(AK, SK, "test");
        try (DlfClient client = DlfClient.builder(URI.create(server.url("/").toString()), PROJECT, credentials)
                .workspace(workspace)
                .build()) {
            client.export(new ExportRequest(job, true, "DEVELOP", obsPath), temp.resolve("p.zip"), 1 << 20);
        }
        RecordedRequest sent = server.takeRequest();

        HttpRequest.HttpRequestBuilder official = HttpRequest.newBuilder()
                .withEndpoint("http://" + sent.getHeaders().get("Host"))
                .withPath("/v1/{project_id}/jobs/{job_name}/export")
                .addPathParam("project_id", PROJECT)
                .addPathParam("job_name", job)
                .withMethod(HttpMethod.POST)
                .withContentType("application/json")
                .addHeader("X-Sdk-Date", sent.getHeaders().get("X-Sdk-Date"))
                .withBodyAsString(sent.getBody().string(StandardCharsets.UTF_8));
        if (workspace != null) {
            official.addHeader("workspace", workspace);
        }
        BasicCredentials sdkCredentials =
                new BasicCredentials().withAk(AK).withSk(SK).withProjectId(PROJECT);
        if (token) {
            sdkCredentials.withSecurityToken(TOKEN);
        }
        HttpRequest signed = sdkCredentials.syncProcessAuthRequest(official.build(), null);

        assertEquals(signed.getHeader("Authorization"), sent.getHeaders().get("Authorization"));
        assertTrue(sent.getHeaders().get("Authorization").contains(token ? ";x-security-token," : "x-sdk-date,"));
    }
}
