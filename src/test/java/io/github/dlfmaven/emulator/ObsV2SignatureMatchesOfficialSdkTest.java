package io.github.dlfmaven.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.obs.services.ObsClient;
import com.obs.services.ObsConfiguration;
import com.obs.services.model.AuthTypeEnum;
import com.obs.services.model.ObjectMetadata;
import com.obs.services.model.PutObjectRequest;
import io.github.dlfmaven.auth.Credentials;
import io.github.dlfmaven.http.PercentEncoding;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Huawei's official OBS Java client (esdk-obs-java, test scope only), in path style with S3's V2 scheme, uploads
 * objects to a local server; for each request it sent, the emulator's V2 signature, given the same method, resource
 * and headers, must be the client's {@code Authorization} header, byte for byte.
 */
class ObsV2SignatureMatchesOfficialSdkTest {

    private static final String AK = "HPUAOBSEXAMPLEAK0001";
    private static final String SK = "obsExampleSecretKey0000000000000000000001";
    private static final String TOKEN = "obsExampleSecurityToken+/=0001";

    static {
        // The bundle logs through log4j-api, whose implementation the build leaves out: log nothing, quietly.
        System.setProperty("log4j2.loggerContextFactory", "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
    }

    private final MockWebServer server = new MockWebServer();

    @BeforeEach
    void start() throws Exception {
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    static Stream<Arguments> objects() {
        return Stream.of(
                Arguments.of("plain", "dlf-import/package.zip", null, null),
                Arguments.of("non-ASCII", "导入/销售日报 包.zip", null, null),
                Arguments.of("reserved characters", "a b/c+d=e&f;g,h@i'j(k)~l*m!.zip", null, null),
                Arguments.of("temporary credentials", "dlf-import/temp.zip", TOKEN, null),
                Arguments.of("content type and MD5", "dlf-import/typed.zip", null, "application/zip"),
                Arguments.of("all at once", "导入/temp typed.zip", TOKEN, "application/zip"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("objects")
    void ourV2SignatureIsTheSdks(String name, String key, String token, String contentType) throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).build());
        ObsConfiguration config = new ObsConfiguration();
        config.setEndPoint("http://127.0.0.1:" + server.getPort());
        config.setPathStyle(true);
        config.setAuthType(AuthTypeEnum.V2);
        config.setAuthTypeNegotiation(false);
        config.setMaxErrorRetry(0);
        byte[] body = ("package " + name).getBytes(StandardCharsets.UTF_8);
        try (ObsClient client = token == null ? new ObsClient(AK, SK, config) : new ObsClient(AK, SK, token, config)) {
            PutObjectRequest put = new PutObjectRequest("dlf-bucket", key, new ByteArrayInputStream(body));
            if (contentType != null) {
                ObjectMetadata metadata = new ObjectMetadata();
                metadata.setContentType(contentType);
                metadata.setContentMd5(Base64.getEncoder()
                        .encodeToString(MessageDigest.getInstance("MD5").digest(body)));
                put.setMetadata(metadata);
            }
            client.putObject(put);
        }
        RecordedRequest sent = server.takeRequest(5, TimeUnit.SECONDS);
        assertNotNull(sent, "the SDK sent nothing");
        String sdkAuthorization = sent.getHeaders().get("Authorization");
        assertTrue(sdkAuthorization.startsWith("AWS " + AK + ":"), sdkAuthorization);

        // Path style: the bucket opens the path, and the key follows, every byte but the unreserved ones encoded.
        assertEquals("/dlf-bucket/" + PercentEncoding.strict(key), sent.getUrl().encodedPath());
        Map<String, String> headers = new LinkedHashMap<>();
        sent.getHeaders()
                .forEach(header -> headers.merge(header.getFirst(), header.getSecond(), (a, b) -> a + "," + b));
        headers.remove("Authorization");
        Credentials credentials =
                token == null ? Credentials.of(AK, SK, "test") : Credentials.temporary(AK, SK, token, "test");

        assertEquals(
                sdkAuthorization,
                ObsV2Signature.authorization(sent.getMethod(), sent.getUrl().encodedPath(), headers, credentials));
        if (token != null) {
            assertEquals(TOKEN, sent.getHeaders().get(ObsV2Signature.SECURITY_TOKEN_HEADER));
        }
    }
}
