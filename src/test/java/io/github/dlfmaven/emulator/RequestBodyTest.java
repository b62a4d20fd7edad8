package io.github.dlfmaven.emulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlfmaven.auth.AkSkSigner;
import io.github.dlfmaven.auth.Credentials;
import io.github.dlfmaven.auth.ObsSigner;
import io.github.dlfmaven.auth.SignableRequest;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the emulator reads a request's body: only after the checks that need no body (all of OBS's, all of the
 * gateway's but the signature), never past its path's limit, and within the bytes all requests share. Each refusal
 * here comes while the client has sent no byte of its body, so a server that waited for the body would never answer.
 */
class RequestBodyTest {

    private static final Credentials KEYS = DlfEmulatorTest.CREDENTIALS;
    private static final int MIB = 1 << 20;

    @TempDir
    Path temp;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }

    @Test
    void anUnsignedUploadIsRefusedBeforeItsBodyIsRead() throws Exception {
        DlfEmulator emulator = start(DlfEmulator.builder(fixtures(), KEYS));

        RawRequest.Reply reply =
                open(emulator, "PUT", "/bucket/a.zip", Map.of(), 32 * MIB).reply();

        assertEquals(403, reply.status());
        assertTrue(reply.body().contains("<Code>AccessDenied</Code>"), reply.body());
        assertEquals(0, reply.bodyBytesWritten());
    }

    @Test
    void anUploadWithABadSignatureIsRefusedBeforeItsBodyIsRead() throws Exception {
        DlfEmulator emulator = start(DlfEmulator.builder(fixtures(), KEYS));
        Credentials wrongSecret = Credentials.of(KEYS.accessKey(), "wrong" + KEYS.secretKey(), "test");

        RawRequest.Reply reply = open(
                        emulator, "PUT", "/bucket/a.zip", obsSigned("PUT", "/bucket/a.zip", wrongSecret), 32 * MIB)
                .reply();

        assertEquals(403, reply.status());
        assertTrue(reply.body().contains("<Code>SignatureDoesNotMatch</Code>"), reply.body());
    }

    @Test
    void anUnsignedApiCallIsRefusedBeforeItsBodyIsRead() throws Exception {
        DlfEmulator emulator = start(DlfEmulator.builder(fixtures(), KEYS));

        RawRequest.Reply reply =
                open(emulator, "POST", "/v1/p/jobs/a/export", Map.of(), 1000).reply();

        assertEquals(401, reply.status());
        assertTrue(reply.body().contains("\"error_code\":\"APIGW.0301\""), reply.body());
    }

    @Test
    void anApiCallWithAnUnknownKeyIsRefusedBeforeItsBodyIsRead() throws Exception {
        DlfEmulator emulator = start(DlfEmulator.builder(fixtures(), KEYS));
        Credentials stranger = Credentials.of("STRANGERAK0000000001", KEYS.secretKey(), "test");
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);

        RawRequest.Reply reply = open(
                        emulator,
                        "POST",
                        "/v1/p/jobs/a/export",
                        apiSigned(emulator, "POST", List.of("v1", "p", "jobs", "a", "export"), body, stranger),
                        body.length)
                .reply();

        assertEquals(401, reply.status());
        assertTrue(reply.body().contains("ak not exist"), reply.body());
    }

    @Test
    void aDeclaredLengthAboveThePathsLimitIs413Unread() throws Exception {
        DlfEmulator emulator = start(DlfEmulator.builder(fixtures(), KEYS));

        RawRequest.Reply upload = open(
                        emulator,
                        "PUT",
                        "/bucket/a.zip",
                        obsSigned("PUT", "/bucket/a.zip", KEYS),
                        Router.MAX_OBJECT_BYTES + 1L)
                .reply();
        RawRequest.Reply call = open(emulator, "POST", "/v1/p/jobs/a/export", Map.of(), Router.MAX_API_BODY_BYTES + 1L)
                .reply();

        assertEquals(413, upload.status());
        assertTrue(upload.body().contains("\"error_code\":\"APIGW.0201\""), upload.body());
        assertEquals(413, call.status());
    }

    @Test
    void uploadsBeyondTheSharedBudgetAreAnsweredBusyUnreadUntilBytesAreFree() throws Exception {
        Path obs = temp.resolve("obs");
        DlfEmulator emulator =
                start(DlfEmulator.builder(fixtures(), KEYS).obsDirectory(obs).bodyBudget(2 * MIB));

        // The first upload takes the whole budget and stays in the middle of its body.
        RawRequest first =
                open(emulator, "PUT", "/bucket/first.zip", obsSigned("PUT", "/bucket/first.zip", KEYS), 2 * MIB);
        first.write(1024);
        awaitHeld(emulator, 2 * MIB);

        RawRequest.Reply second = open(
                        emulator, "PUT", "/bucket/second.zip", obsSigned("PUT", "/bucket/second.zip", KEYS), MIB)
                .reply();
        byte[] json = "{}".getBytes(StandardCharsets.UTF_8);
        RawRequest.Reply call = open(
                        emulator,
                        "POST",
                        "/v1/p/jobs/a/export",
                        apiSigned(emulator, "POST", List.of("v1", "p", "jobs", "a", "export"), json, KEYS),
                        json.length)
                .reply();

        assertEquals(503, second.status());
        assertTrue(second.body().contains("<Code>SlowDown</Code>"), second.body());
        assertEquals(503, call.status());
        assertTrue(call.body().contains("\"error_code\":\"APIGW.0503\""), call.body());
        assertEquals(2 * MIB, emulator.bodyBytesHeld(), "a busy answer takes nothing");

        RawRequest.Reply firstDone = first.replyWhileWriting();
        assertEquals(200, firstDone.status());
        assertEquals(2 * MIB, Files.size(obs.resolve("bucket/first.zip")));
        assertEquals(0, emulator.bodyBytesHeld(), "an answered request gives its bytes back");

        RawRequest again =
                open(emulator, "PUT", "/bucket/second.zip", obsSigned("PUT", "/bucket/second.zip", KEYS), MIB);
        assertEquals(200, again.replyWhileWriting().status());
        assertEquals(MIB, Files.size(obs.resolve("bucket/second.zip")));
    }

    @Test
    void anUploadLargerThanTheWholeBudgetIsAlwaysBusy() throws Exception {
        DlfEmulator emulator = start(DlfEmulator.builder(fixtures(), KEYS).bodyBudget(MIB));

        RawRequest.Reply reply = open(
                        emulator, "PUT", "/bucket/big.zip", obsSigned("PUT", "/bucket/big.zip", KEYS), MIB + 1)
                .reply();

        assertEquals(503, reply.status());
        assertEquals(0, emulator.bodyBytesHeld());
    }

    @Test
    void anUploadSentInChunksIsStored() throws Exception {
        Path obs = temp.resolve("obs");
        DlfEmulator emulator = start(DlfEmulator.builder(fixtures(), KEYS).obsDirectory(obs));
        byte[] content = new byte[200_000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31);
        }
        String date = ObsSigner.date(Instant.now());
        Map<String, String> headers = Map.of(ObsSigner.DATE_HEADER, date, "Content-Type", "application/zip");

        HttpURLConnection put = (HttpURLConnection)
                URI.create(emulator.endpoint() + "/bucket/chunked.zip").toURL().openConnection();
        try {
            put.setRequestMethod("PUT");
            put.setDoOutput(true);
            put.setChunkedStreamingMode(8192);
            headers.forEach(put::setRequestProperty);
            put.setRequestProperty(
                    "Authorization", new ObsSigner().authorization("PUT", "/bucket/chunked.zip", headers, KEYS));
            try (OutputStream out = put.getOutputStream()) {
                out.write(content);
            }
            assertEquals(200, put.getResponseCode());
        } finally {
            put.disconnect();
        }
        assertArrayEquals(content, Files.readAllBytes(obs.resolve("bucket/chunked.zip")));
        assertEquals(0, emulator.bodyBytesHeld());
    }

    // ---------------------------------------------------------------- helpers

    private Path fixtures() throws Exception {
        return Files.createDirectories(temp.resolve("fixtures/jobs")).getParent();
    }

    private DlfEmulator start(DlfEmulator.Builder builder) throws Exception {
        DlfEmulator emulator = builder.start();
        toClose.add(emulator);
        return emulator;
    }

    private RawRequest open(DlfEmulator emulator, String method, String path, Map<String, String> headers, long length)
            throws Exception {
        RawRequest request = RawRequest.open(emulator.endpoint(), method, path, headers, length);
        toClose.add(request);
        return request;
    }

    /** The headers of an OBS request signed as OBS checks it. */
    static Map<String, String> obsSigned(String method, String path, Credentials credentials) {
        String date = ObsSigner.date(Instant.now());
        return Map.of(
                ObsSigner.DATE_HEADER,
                date,
                "Authorization",
                new ObsSigner().authorization(method, path, Map.of(ObsSigner.DATE_HEADER, date), credentials));
    }

    /** The headers of a DLF API request signed as the gateway checks it, its body included. */
    private static Map<String, String> apiSigned(
            DlfEmulator emulator, String method, List<String> segments, byte[] body, Credentials credentials) {
        URI endpoint = emulator.endpoint();
        Map<String, String> signed = new LinkedHashMap<>();
        signed.put("Host", endpoint.getHost() + ":" + endpoint.getPort());
        signed.put(AkSkSigner.DATE_HEADER, AkSkSigner.sdkDate(Instant.now()));
        String authorization = new AkSkSigner()
                .authorization(new SignableRequest(method, segments, List.of(), signed, body), credentials);
        return Map.of(AkSkSigner.DATE_HEADER, signed.get(AkSkSigner.DATE_HEADER), "Authorization", authorization);
    }

    private static void awaitHeld(DlfEmulator emulator, int bytes) throws InterruptedException {
        for (int i = 0; i < 1000 && emulator.bodyBytesHeld() != bytes; i++) {
            Thread.sleep(10);
        }
        assertEquals(bytes, emulator.bodyBytesHeld());
    }
}
