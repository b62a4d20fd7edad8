package io.github.dlfmaven.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlfmaven.http.HttpTransport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The endpoints of the DLF client: what each request looks like on the wire, its signature, the connection it uses, and what an OBS-mode export answers. */
class DlfClientTest extends ApiServerTest {

    @Test
    void handSignatureHelperReproducesDocumentedVectorV1() throws Exception {
        // Proves the test's own oracle (used below) against the published vector.
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", "dayu-dlf.cn-north-4.myhuaweicloud.com");
        headers.put("workspace", WORKSPACE);
        headers.put("x-project-id", PROJECT);
        headers.put("x-sdk-date", SDK_DATE);
        assertEquals(
                "9485d7634d85402796593f6e46c49db156c1f7805341be632583e152ab2b9cef",
                handSignature(
                        "/v1/" + PROJECT + "/jobs/myJob/export/",
                        headers,
                        DEFAULT_BODY.getBytes(StandardCharsets.UTF_8),
                        SK));
    }

    @Test
    void postsSignedExportRequest() throws Exception {
        server.enqueue(zipResponse(zip("jobs/myJob.job", "{}")));

        client().export(job("myJob"), packageFile, MAX);

        RecordedRequest recorded = take();
        assertEquals("POST", recorded.getMethod());
        assertEquals("/v1/" + PROJECT + "/jobs/myJob/export", recorded.getTarget());
        assertEquals(DEFAULT_BODY, recorded.getBody().utf8());
        assertEquals("application/json", recorded.getHeaders().get("Content-Type"));
        assertEquals("application/octet-stream", recorded.getHeaders().get("Accept"));
        assertEquals(SDK_DATE, recorded.getHeaders().get("X-Sdk-Date"));
        assertEquals(PROJECT, recorded.getHeaders().get("X-Project-Id"));
        assertEquals(WORKSPACE, recorded.getHeaders().get("workspace"));
        assertEquals("127.0.0.1:" + server.getPort(), recorded.getHeaders().get("Host"));
        assertNull(recorded.getHeaders().get("X-Security-Token"));
        String userAgent = recorded.getHeaders().get("User-Agent");
        assertEquals(HttpTransport.USER_AGENT, userAgent);
        assertTrue(userAgent.matches("dlf-maven-plugin/\\d+\\.\\d+\\.\\d+.*"), userAgent);

        String authorization = recorded.getHeaders().get("Authorization");
        assertTrue(authorization.startsWith("SDK-HMAC-SHA256 Access=" + AK + ", "), authorization);
        Matcher m = AUTHORIZATION.matcher(authorization);
        assertTrue(m.matches(), authorization);
        assertEquals("host;workspace;x-project-id;x-sdk-date", m.group(2));
        assertFalse(authorization.contains(SK));
        assertSignatureMatches(recorded, PERMANENT);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "myJob        | myJob                | myJob",
                "daily load   | daily%20load         | daily%20load",
                "作业1         | %E4%BD%9C%E4%B8%9A1  | %E4%BD%9C%E4%B8%9A1",
                "a(b)~c*d+e   | a(b)~c*d+e           | a%28b%29~c%2Ad%2Be",
                "100%         | 100%25               | 100%25",
            })
    void encodesJobNameOnTheWireAndSignsItStrictlyEncoded(String jobName, String wireSegment, String canonicalSegment)
            throws Exception {
        server.enqueue(zipResponse(zip("jobs/x.job", "{}")));

        client().export(job(jobName), packageFile, MAX);

        RecordedRequest recorded = take();
        assertEquals("/v1/" + PROJECT + "/jobs/" + wireSegment + "/export", recorded.getTarget());
        assertEquals(
                List.of("v1", PROJECT, "jobs", jobName, "export"),
                recorded.getUrl().pathSegments());
        assertSignatureMatches(recorded, PERMANENT);

        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", "127.0.0.1:" + server.getPort());
        headers.put("workspace", WORKSPACE);
        headers.put("x-project-id", PROJECT);
        headers.put("x-sdk-date", SDK_DATE);
        String expectedSignature = handSignature(
                "/v1/" + PROJECT + "/jobs/" + canonicalSegment + "/export/",
                headers,
                recorded.getBody().toByteArray(),
                SK);
        assertTrue(
                recorded.getHeaders().get("Authorization").endsWith(", Signature=" + expectedSignature),
                recorded.getHeaders().get("Authorization"));
    }

    @Test
    void bodyCarriesObsPathAndExportStatus() throws Exception {
        server.enqueue(json(200, "{\"obsPath\":\"obs://b/p/sub\"}"));

        client().export(new ExportRequest("myJob", false, "SUBMIT", "obs://b/p/"), packageFile, MAX);

        RecordedRequest recorded = take();
        assertEquals(
                "{\"exportDepend\":false,\"exportStatus\":\"SUBMIT\",\"obsPath\":\"obs://b/p/\"}",
                recorded.getBody().utf8());
        assertEquals("application/json", recorded.getHeaders().get("Accept"));
        assertSignatureMatches(recorded, PERMANENT);
    }

    @Test
    void temporaryCredentialsSendAndSignTheSecurityToken() throws Exception {
        server.enqueue(zipResponse(zip("jobs/myJob.job", "{}")));

        track(builder(server.getPort(), TEMPORARY).build()).export(job("myJob"), packageFile, MAX);

        RecordedRequest recorded = take();
        assertEquals(TOKEN, recorded.getHeaders().get("X-Security-Token"));
        Matcher m = AUTHORIZATION.matcher(recorded.getHeaders().get("Authorization"));
        assertTrue(m.matches());
        assertEquals("host;workspace;x-project-id;x-sdk-date;x-security-token", m.group(2));
        assertSignatureMatches(recorded, TEMPORARY);

        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", "127.0.0.1:" + server.getPort());
        headers.put("workspace", WORKSPACE);
        headers.put("x-project-id", PROJECT);
        headers.put("x-sdk-date", SDK_DATE);
        headers.put("x-security-token", TOKEN);
        assertEquals(
                handSignature(
                        "/v1/" + PROJECT + "/jobs/myJob/export/",
                        headers,
                        DEFAULT_BODY.getBytes(StandardCharsets.UTF_8),
                        SK),
                m.group(3));
    }

    @Test
    void noWorkspaceHeaderWithoutWorkspace() throws Exception {
        server.enqueue(zipResponse(zip("jobs/myJob.job", "{}")));

        track(builder().workspace(null).build()).export(job("myJob"), packageFile, MAX);

        RecordedRequest recorded = take();
        assertNull(recorded.getHeaders().get("workspace"));
        Matcher m = AUTHORIZATION.matcher(recorded.getHeaders().get("Authorization"));
        assertTrue(m.matches());
        assertEquals("host;x-project-id;x-sdk-date", m.group(2));
        assertSignatureMatches(recorded, PERMANENT);
    }

    @Test
    void twoExportsShareOneConnection() throws Exception {
        server.enqueue(zipResponse(zip("jobs/a.job", "{}")));
        server.enqueue(zipResponse(zip("jobs/b.job", "{}")));

        DlfClient client = client();
        client.export(job("a"), tmp.resolve("a.zip"), MAX);
        client.export(job("b"), tmp.resolve("b.zip"), MAX);

        RecordedRequest first = take();
        RecordedRequest second = take();
        assertEquals(first.getConnectionIndex(), second.getConnectionIndex());
        assertEquals(0, first.getExchangeIndex());
        assertEquals(1, second.getExchangeIndex());
    }

    @Test
    void twoClientsUseTwoConnections() throws Exception {
        // Control for the test above: the server's connection index does tell connections apart.
        server.enqueue(zipResponse(zip("jobs/a.job", "{}")));
        server.enqueue(zipResponse(zip("jobs/b.job", "{}")));

        client().export(job("a"), tmp.resolve("a.zip"), MAX);
        client().export(job("b"), tmp.resolve("b.zip"), MAX);

        RecordedRequest first = take();
        RecordedRequest second = take();
        assertFalse(first.getConnectionIndex() == second.getConnectionIndex());
        assertEquals(0, second.getExchangeIndex());
    }

    @Test
    void obsModeConfirmsReportedLocation() throws Exception {
        server.enqueue(json(200, "{\"obsPath\":\"obs://b/p/sub\"}"));

        ExportResponse response =
                client().export(new ExportRequest("myJob", true, "DEVELOP", "obs://b/p/"), packageFile, MAX);

        ExportResponse.ObsLocation obs = assertInstanceOf(ExportResponse.ObsLocation.class, response);
        assertEquals("obs://b/p/sub", obs.location());
        assertTrue(obs.confirmed());
        assertEquals(1, obs.attempts());
        assertFalse(Files.exists(packageFile));
    }

    @Test
    void obsModeWithoutLocationIsNotConfirmed() throws Exception {
        server.enqueue(json(200, "{}"));

        ExportResponse.ObsLocation obs = (ExportResponse.ObsLocation)
                client().export(new ExportRequest("myJob", true, "DEVELOP", "obs://b/p/"), packageFile, MAX);

        assertEquals("obs://b/p/", obs.location());
        assertFalse(obs.confirmed());
    }

    @Test
    void obsModeJsonErrorIsAnApiError() {
        server.enqueue(json(200, "{\"error_code\":\"DLF.0803\",\"error_msg\":\"OBS path invalid\"}"));

        DlfApiException e = assertThrows(
                DlfApiException.class,
                () -> client().export(new ExportRequest("myJob", true, "DEVELOP", "obs://b/p/"), packageFile, MAX));

        assertEquals("DLF.0803", e.errorCode().orElseThrow());
    }
}
