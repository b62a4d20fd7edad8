package io.github.dlfmaven.emulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.obs.services.ObsClient;
import com.obs.services.ObsConfiguration;
import com.obs.services.exception.ObsException;
import com.obs.services.model.AuthTypeEnum;
import com.obs.services.model.ObjectMetadata;
import com.obs.services.model.ObsObject;
import io.github.dlfmaven.auth.Credentials;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The emulator's OBS with Huawei's official OBS Java client (esdk-obs-java, test scope only) as its caller, configured
 * as Huawei's OBS SDKs reach a server by its address: path style ({@code /bucket/key}) and S3's V2 header scheme
 * ({@code Authorization: AWS {AK}:{signature}}, {@code x-amz-*} headers), which is what esdk-obs-python always sends
 * in path style (the Java client, too, signs V2 in path style whatever scheme it is given). An object is put, found,
 * read and deleted.
 */
class EmulatorAsObsClientSeesItTest {

    private static final Credentials KEYS =
            Credentials.of("OBSCLIENTAK000000001", "obsClientSecretKey000000000000000000001", "test");
    private static final String BUCKET = "import-bucket";

    static {
        // The bundle logs through log4j-api, whose implementation the build leaves out: log nothing, quietly.
        System.setProperty("log4j2.loggerContextFactory", "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
    }

    @TempDir
    Path temp;

    private DlfEmulator emulator;

    @AfterEach
    void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dlf/package.zip", "导入/销售日报 包.zip", "a b/c+d=e&f;g,h@i'j(k)~l*m!.zip"})
    void anObjectIsPutFoundReadAndDeletedWithTheV2Scheme(String key) throws Exception {
        start(KEYS);
        byte[] content = ("package " + key).getBytes(StandardCharsets.UTF_8);

        try (ObsClient client = new ObsClient(KEYS.accessKey(), KEYS.secretKey(), v2PathStyle())) {
            client.putObject(BUCKET, key, new ByteArrayInputStream(content));
            assertArrayEquals(
                    content,
                    Files.readAllBytes(temp.resolve("obs").resolve(BUCKET).resolve(key)));

            assertTrue(client.doesObjectExist(BUCKET, key));
            ObjectMetadata metadata = client.getObjectMetadata(BUCKET, key);
            assertEquals(content.length, metadata.getContentLength());
            assertEquals("\"" + md5(content) + "\"", metadata.getEtag());
            assertNotNull(metadata.getLastModified());

            ObsObject object = client.getObject(BUCKET, key);
            try (InputStream in = object.getObjectContent()) {
                assertArrayEquals(content, in.readAllBytes());
            }
            assertEquals("\"" + md5(content) + "\"", object.getMetadata().getEtag());

            client.deleteObject(BUCKET, key);
            assertFalse(Files.exists(temp.resolve("obs").resolve(BUCKET).resolve(key)));
            assertFalse(client.doesObjectExist(BUCKET, key));
            ObsException missing = assertThrows(ObsException.class, () -> client.getObjectMetadata(BUCKET, key));
            assertEquals(404, missing.getResponseCode());
        }
    }

    @Test
    void temporaryKeysSendTheirTokenInTheV2Header() throws Exception {
        Credentials temporary = Credentials.temporary(
                "TEMPOBSAK00000000001", "tempObsSecretKey0000000000000000000001", "tempObsToken+/=0001", "test");
        start(temporary);
        byte[] content = "temporary".getBytes(StandardCharsets.UTF_8);

        try (ObsClient client = new ObsClient(
                temporary.accessKey(),
                temporary.secretKey(),
                temporary.securityToken().orElseThrow(),
                v2PathStyle())) {
            client.putObject(BUCKET, "dlf/temp.zip", new ByteArrayInputStream(content));
            assertEquals(
                    content.length,
                    client.getObjectMetadata(BUCKET, "dlf/temp.zip").getContentLength());
        }
        try (ObsClient noToken = new ObsClient(temporary.accessKey(), temporary.secretKey(), v2PathStyle())) {
            ObsException refused = assertThrows(
                    ObsException.class,
                    () -> noToken.putObject(BUCKET, "dlf/other.zip", new ByteArrayInputStream(content)));
            assertEquals(403, refused.getResponseCode());
            assertEquals("InvalidSecurityToken", refused.getErrorCode());
        }
    }

    @Test
    void aWrongSecretKeyIsSignatureDoesNotMatchAndAnUnknownKeyIsInvalidAccessKeyId() throws Exception {
        start(KEYS);
        byte[] content = "x".getBytes(StandardCharsets.UTF_8);

        try (ObsClient wrongSecret = new ObsClient(KEYS.accessKey(), KEYS.secretKey() + "x", v2PathStyle());
                ObsClient unknownKey = new ObsClient("UNKNOWNAK", KEYS.secretKey(), v2PathStyle())) {
            ObsException wrong = assertThrows(
                    ObsException.class,
                    () -> wrongSecret.putObject(BUCKET, "a.zip", new ByteArrayInputStream(content)));
            ObsException unknown = assertThrows(
                    ObsException.class, () -> unknownKey.putObject(BUCKET, "a.zip", new ByteArrayInputStream(content)));

            assertEquals(403, wrong.getResponseCode());
            assertEquals("SignatureDoesNotMatch", wrong.getErrorCode());
            assertEquals(403, unknown.getResponseCode());
            assertEquals("InvalidAccessKeyId", unknown.getErrorCode());
        }
        assertFalse(Files.exists(temp.resolve("obs").resolve(BUCKET).resolve("a.zip")));
    }

    private void start(Credentials credentials) throws IOException {
        emulator = DlfEmulator.builder(Path.of("src/it/quickstart/src/test/dlf"), credentials)
                .obsDirectory(temp.resolve("obs"))
                .start();
    }

    private ObsConfiguration v2PathStyle() {
        ObsConfiguration config = new ObsConfiguration();
        config.setEndPoint(emulator.endpoint().toString());
        config.setPathStyle(true);
        config.setAuthType(AuthTypeEnum.V2);
        config.setAuthTypeNegotiation(false);
        config.setMaxErrorRetry(0);
        return config;
    }

    private static String md5(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
    }
}
