package io.github.dlfmaven.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** The import API on a local server: the check of a package, the import, and the polling of its system task. */
class JobImportsTest extends ApiServerTest {

    private static final String PACKAGE = "obs://dlf-bucket/dlf-import/package.zip";

    @Test
    void aPackageIsCheckedByItsObsPath() throws Exception {
        server.enqueue(json(
                200,
                "{\"jobs\":[{\"name\":\"a\",\"path\":\"/x\",\"params\":{}},{\"name\":\"销售日报\"}],"
                        + "\"scripts\":[{\"name\":\"s\",\"path\":\"/\"}]}"));

        ImportRequest.Contents contents = client().imports().checkFile(PACKAGE);

        assertEquals(List.of("a", "销售日报"), contents.jobs());
        assertEquals(List.of("s"), contents.scripts());
        RecordedRequest sent = take();
        assertEquals("POST", sent.getMethod());
        assertEquals("/v1/" + PROJECT + "/jobs/check-file", sent.getUrl().encodedPath());
        assertEquals("{\"path\":\"" + PACKAGE + "\"}", sent.getBody().utf8());
    }

    @Test
    void theImportSendsWhatItIsGivenAndReturnsTheTaskId() throws Exception {
        server.enqueue(json(200, "{\"taskId\":\"008aae2e675933c7016759418e870000\"}"));

        String task = client().imports()
                .start(new ImportRequest(
                        PACKAGE,
                        "OVERWRITE",
                        Map.of("env", "prod"),
                        Map.of("daily", Map.of("bizdate", "20261201")),
                        "etl_user",
                        null));

        assertEquals("008aae2e675933c7016759418e870000", task);
        JsonNode body = JsonFields.JSON.readTree(take().getBody().utf8());
        assertEquals(PACKAGE, body.get("path").asText());
        assertEquals("OVERWRITE", body.get("sameNamePolicy").asText());
        assertEquals("prod", body.at("/params/env").asText());
        assertEquals("daily", body.at("/jobsParam/0/name").asText());
        assertEquals("20261201", body.at("/jobsParam/0/params/bizdate").asText());
        assertEquals("etl_user", body.get("executeUser").asText());
        assertFalse(body.has("targetStatus"));
    }

    @Test
    void anImportIsNotSentAgainAfterAGatewayTimeoutButIsAfterABusyAnswer() throws Exception {
        server.enqueue(status(503));
        server.enqueue(status(504));

        DlfApiException e = assertThrows(
                DlfApiException.class,
                () -> client(fast(3))
                        .imports()
                        .start(new ImportRequest(PACKAGE, "SKIP", Map.of(), Map.of(), null, null)));

        assertEquals(2, server.getRequestCount(), "503 is retried, 504 is not");
        assertTrue(e.getMessage().contains("may still have run"), e.getMessage());
    }

    @Test
    void anErrorInsideA200IsAnError() {
        server.enqueue(json(200, "{\"error_code\":\"DLF.0815\",\"error_msg\":\"Fail to read OBS file.\"}"));

        DlfApiException e = assertThrows(
                DlfApiException.class,
                () -> client().imports().start(new ImportRequest(PACKAGE, "SKIP", Map.of(), Map.of(), null, null)));

        assertTrue(
                e.getMessage().contains("DLF.0815") && e.getMessage().contains("Fail to read OBS file"),
                e.getMessage());
    }

    @Test
    void theTaskIsReadUntilItIsOverWithProgress() throws Exception {
        server.enqueue(json(200, "{\"id\":\"t1\",\"name\":\"import\",\"status\":\"RUNNING\",\"subtasks\":[]}"));
        server.enqueue(json(200, "{\"id\":\"t1\",\"status\":\"RUNNING\"}"));
        server.enqueue(json(
                200,
                "{\"id\":\"t1\",\"status\":\"FAILED\",\"subtasks\":[{\"id\":\"s1\",\"name\":\"daily\",\"status\":"
                        + "\"SUCCESSFUL\"},{\"id\":\"s2\",\"name\":\"销售日报\",\"status\":\"FAILED\",\"message\":"
                        + "\"The job is running; stop it first.\"}]}"));
        List<String> seen = new ArrayList<>();

        SystemTask task = client().imports()
                .await(
                        "t1",
                        Duration.ofSeconds(30),
                        Duration.ofMillis(1),
                        Duration.ofMillis(1),
                        Clock.systemUTC(),
                        t -> seen.add(t.status()));

        assertEquals(List.of("RUNNING", "RUNNING", "FAILED"), seen);
        assertTrue(task.finished());
        assertFalse(task.succeeded());
        assertEquals(
                "The job is running; stop it first.", task.subtasks().get(1).message());
        assertEquals("销售日报", task.subtasks().get(1).name());
        assertEquals("/v1/" + PROJECT + "/system-tasks/t1", take().getUrl().encodedPath());
    }

    @Test
    void waitingEndsWhenTheTimeIsUpWithTheTaskStillRunning() throws Exception {
        for (int i = 0; i < 50; i++) {
            server.enqueue(json(200, "{\"id\":\"t1\",\"status\":\"RUNNING\"}"));
        }

        SystemTask task = client().imports()
                .await(
                        "t1",
                        Duration.ofMillis(50),
                        Duration.ofMillis(10),
                        Duration.ofMillis(10),
                        Clock.systemUTC(),
                        t -> {});

        assertFalse(task.finished());
        assertTrue(server.getRequestCount() >= 2 && server.getRequestCount() < 50, server.getRequestCount() + "");
    }
}
