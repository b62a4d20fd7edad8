package io.github.dlfmaven.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlfmaven.http.HttpTransport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/** Downloading an export package through the client: streamed to disk, bounded in size, and refused when the body is not a zip. */
class PackageDownloadTest extends ApiServerTest {

    @Test
    void streamsZipToFile() throws Exception {
        byte[] zip = zip("jobs/myJob.job", "{\"name\":\"myJob\"}");
        server.enqueue(zipResponse(zip));

        ExportResponse response = client().export(job("myJob"), packageFile, MAX);

        ExportResponse.Archive archive = assertInstanceOf(ExportResponse.Archive.class, response);
        assertEquals(packageFile, archive.file());
        assertEquals(zip.length, archive.bytes());
        assertEquals("application/octet-stream", archive.contentType());
        assertEquals(1, archive.attempts());
        assertArrayEquals(zip, Files.readAllBytes(packageFile));
    }

    @Test
    void streamsLargeBodyToFile() throws Exception {
        byte[] body = new byte[20 << 20];
        new Random(42).nextBytes(body);
        body[0] = 'P';
        body[1] = 'K';
        body[2] = 3; // a local file header, as every zip archive starts
        body[3] = 4;
        server.enqueue(zipResponse(body));

        ExportResponse.Archive archive = (ExportResponse.Archive) client().export(job("big"), packageFile, MAX);

        assertEquals(body.length, archive.bytes());
        assertEquals(body.length, Files.size(packageFile));
        assertEquals(-1L, Files.mismatch(packageFile, writeTo(tmp.resolve("expected.bin"), body)));
    }

    @Test
    void bodyOfExactlyMaxBytesIsAccepted() throws Exception {
        byte[] body = new byte[100_000];
        body[0] = 'P';
        body[1] = 'K';
        body[2] = 3; // a local file header, as every zip archive starts
        body[3] = 4;
        server.enqueue(zipResponse(body));

        ExportResponse.Archive archive = (ExportResponse.Archive) client().export(job("edge"), packageFile, 100_000);

        assertEquals(100_000, archive.bytes());
    }

    @Test
    void bodyLargerThanMaxBytesFails() throws Exception {
        byte[] body = new byte[300_000];
        body[0] = 'P';
        body[1] = 'K';
        body[2] = 3; // a local file header, as every zip archive starts
        body[3] = 4;
        server.enqueue(zipResponse(body));

        IOException e = assertThrows(IOException.class, () -> client().export(job("hugeJob"), packageFile, 100_000));

        assertTrue(e.getMessage().contains("'hugeJob'"), e.getMessage());
        assertTrue(e.getMessage().contains("100000 bytes"), e.getMessage());
        assertTrue(e.getMessage().contains("maxExtractedBytes"), e.getMessage());
        assertFalse(e.getMessage().contains("broke off"), e.getMessage());
        assertTrue(Files.size(packageFile) <= 100_000);
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void slowBodyTimesOutAsBrokenOff() {
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .bodyDelay(2, TimeUnit.SECONDS)
                .setHeader("Content-Type", "application/octet-stream")
                .body(new Buffer().write(zip("jobs/myJob.job", "{}")))
                .build());
        server.enqueue(zipResponse(zip("jobs/myJob.job", "{}")));
        DlfClient client = track(builder()
                .retryPolicy(fast(3))
                .transport(HttpTransport.builder().timeouts(Duration.ofSeconds(1), Duration.ofMillis(500)))
                .build());

        IOException e = assertThrows(IOException.class, () -> client.export(job("slowJob"), packageFile, MAX));

        assertTrue(e.getMessage().startsWith("The export of job 'slowJob' broke off after 0 bytes"), e.getMessage());
        assertTrue(e.getMessage().contains("readTimeout"), e.getMessage());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void truncatedBodyBreaksOff() {
        byte[] body = new byte[64 * 1024];
        body[0] = 'P';
        body[1] = 'K';
        body[2] = 3; // a local file header, as every zip archive starts
        body[3] = 4;
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "application/octet-stream")
                .body(new Buffer().write(body))
                .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE)
                .build());
        server.enqueue(zipResponse(body));

        IOException e = assertThrows(IOException.class, () -> client().export(job("cutJob"), packageFile, MAX));

        Matcher m = Pattern.compile("^The export of job 'cutJob' broke off after (\\d+) bytes")
                .matcher(e.getMessage());
        assertTrue(m.find(), e.getMessage());
        assertTrue(Long.parseLong(m.group(1)) < body.length, e.getMessage());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void jsonErrorWithStatus200IsAnApiError() {
        server.enqueue(json(200, "{\"error_code\":\"DLF.3051\",\"error_msg\":\"The request parameter is invalid.\"}"));

        DlfApiException e = assertThrows(DlfApiException.class, () -> client().export(job("myJob"), packageFile, MAX));

        assertEquals(200, e.httpStatus());
        assertEquals("DLF.3051", e.errorCode().orElseThrow());
        assertTrue(e.getMessage().contains("'myJob'"), e.getMessage());
        assertTrue(e.getMessage().contains("DLF.3051: The request parameter is invalid."), e.getMessage());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void bodyThatOnlyStartsLikeAZipIsNoPackage() {
        // "PK" alone is not an archive: the download decides as the extraction does, by the record signature.
        server.enqueue(zipResponse("PKWARE says hello".getBytes(StandardCharsets.UTF_8)));

        DlfApiException e = assertThrows(DlfApiException.class, () -> client().export(job("myJob"), packageFile, MAX));

        assertTrue(e.getMessage().contains("instead of a zip archive"), e.getMessage());
        assertTrue(e.getMessage().contains("PKWARE says hello"), e.getMessage());
    }
}
