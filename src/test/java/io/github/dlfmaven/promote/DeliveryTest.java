package io.github.dlfmaven.promote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlfmaven.api.DlfApiException;
import io.github.dlfmaven.api.DlfClient;
import io.github.dlfmaven.auth.Authentication;
import io.github.dlfmaven.auth.AuthenticationSource;
import io.github.dlfmaven.auth.Credentials;
import io.github.dlfmaven.config.ImportSettings;
import io.github.dlfmaven.http.HttpTransport;
import io.github.dlfmaven.http.RetryPolicy;
import io.github.dlfmaven.obs.ObsStore;
import io.github.dlfmaven.testing.RecordingLog;
import io.github.dlfmaven.testing.TestExport;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the package leaves OBS, with one local server standing for DLF and OBS: only once DLF is known to be done with
 * it, and a failed deletion never hides the import's own outcome.
 */
class DeliveryTest {

    private static final Credentials KEYS =
            Credentials.of("PACKAGEIMPORTAK00001", "packageImportSecretKey00000000000000001", "test");

    @TempDir
    Path tmp;

    private final MockWebServer server = new MockWebServer();
    private final HttpTransport transport = HttpTransport.builder().build();
    private final RecordingLog log = new RecordingLog();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    /** How the workspace answers a script read; by default that it has none. */
    private MockResponse scriptAnswer =
            json(400, "{\"error_code\": \"DLF.6201\", \"error_msg\": \"The script does not exist.\"}");
    /** How OBS answers the upload; by default it stores it. */
    private MockResponse putAnswer = new MockResponse.Builder().code(200).build();
    /** How DLF answers the package check; by default it finds the job and its scripts. */
    private MockResponse checkAnswer = json(
            200,
            "{\"jobs\": [{\"name\": \"ods_orders_load\"}], \"scripts\": [{\"name\":"
                    + " \"common_partition_check\"}, {\"name\": \"ods_orders_load\"}]}");

    @AfterEach
    void stop() {
        server.close();
        transport.close();
    }

    /** An empty workspace; {@code importAnswer} and {@code taskAnswer} decide the import. */
    private void serve(MockResponse importAnswer, MockResponse taskAnswer, MockResponse deleteAnswer) throws Exception {
        Function<RecordedRequest, MockResponse> answer = request -> {
            String path = request.getUrl().encodedPath();
            String method = request.getMethod();
            if (method.equals("GET") && path.endsWith("/jobs")) {
                return json(200, "{\"total\": 0, \"jobs\": []}");
            }
            if (path.contains("/scripts/")) {
                return scriptAnswer;
            }
            if (path.endsWith("/resources")) {
                return json(200, "{\"total\": 0, \"resources\": []}");
            }
            if (method.equals("PUT")) {
                return putAnswer;
            }
            if (path.endsWith("/check-file")) {
                return checkAnswer;
            }
            if (path.endsWith("/jobs/import")) {
                return importAnswer;
            }
            if (path.contains("/system-tasks/")) {
                return taskAnswer;
            }
            if (method.equals("DELETE")) {
                return deleteAnswer;
            }
            return new MockResponse.Builder().code(404).build();
        };
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.add(request.getMethod() + " " + request.getUrl().encodedPath());
                return answer.apply(request);
            }
        });
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder()
                .code(code)
                .addHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }

    private void importQuickStartJob() throws Exception {
        String endpoint = "http://127.0.0.1:" + server.getPort();
        ImportSettings config =
                ImportTestSettings.of(List.of("ods_orders_load"), endpoint, null, 60, false, tmp.resolve("work"));
        TestExport export = TestExport.builder()
                .endpoint(endpoint)
                .projectId("p1")
                .jobs(List.of("*"))
                .outputDirectory(config.currentDirectory())
                .build();
        try (DlfClient client = DlfClient.builder(java.net.URI.create(endpoint), "p1", KEYS)
                .transport(transport)
                .retryPolicy(RetryPolicy.of(0))
                .build()) {
            ObsStore obs = new ObsStore(
                    transport,
                    java.net.URI.create(endpoint),
                    AuthenticationSource.fixed(new Authentication.Signed(KEYS)),
                    RetryPolicy.of(0),
                    Clock.systemUTC());
            new Promotion(
                            config,
                            export.settings().limits(),
                            export.connection(),
                            client,
                            obs,
                            Clock.systemUTC(),
                            Duration.ofMillis(5),
                            log)
                    .run();
        }
    }

    @Test
    void aGatewayTimeoutOnTheImportLeavesThePackageForTheTaskThatMayRun() throws Exception {
        serve(json(504, "{\"error_code\": \"APIG.0201\", \"error_msg\": \"Backend timeout.\"}"), null, null);

        DlfApiException e = assertThrows(DlfApiException.class, this::importQuickStartJob);

        assertEquals(504, e.httpStatus());
        assertTrue(requests.stream().noneMatch(r -> r.startsWith("DELETE")), requests.toString());
        assertTrue(
                log.lines().stream()
                        .anyMatch(l ->
                                l.startsWith("[WARN] The package stays at obs://import-bucket/" + "dlf/dlf-import-")),
                log.lines().toString());
    }

    @Test
    void aFailureWhileWaitingLeavesThePackageToo() throws Exception {
        serve(
                json(200, "{\"taskId\": \"t1\"}"),
                new MockResponse.Builder().code(500).build(),
                null);

        assertThrows(DlfApiException.class, this::importQuickStartJob);

        assertTrue(requests.stream().noneMatch(r -> r.startsWith("DELETE")), requests.toString());
    }

    @Test
    void aFailedDeletionIsAWarningAndTheImportsOwnFailureIsWhatTheBuildReports() throws Exception {
        serve(
                json(200, "{\"taskId\": \"t1\"}"),
                json(
                        200,
                        "{\"id\": \"t1\", \"status\": \"FAILED\", \"subtasks\": [{\"name\": \"ods_orders_load\","
                                + " \"status\": \"FAILED\", \"message\": \"stop it first\"}]}"),
                new MockResponse.Builder()
                        .code(403)
                        .body("<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>")
                        .build());

        ImportFailedException e = assertThrows(ImportFailedException.class, this::importQuickStartJob);

        assertTrue(e.getMessage().contains("ods_orders_load: stop it first"), e.getMessage());
        assertTrue(requests.stream().anyMatch(r -> r.startsWith("DELETE")), requests.toString());
        assertTrue(
                log.lines().stream().anyMatch(l -> l.startsWith("[WARN] Could not delete the package")),
                log.lines().toString());
    }

    @Test
    void aSuccessfulTaskWithAFailedSubtaskFails() throws Exception {
        serve(
                json(200, "{\"taskId\": \"t1\"}"),
                json(
                        200,
                        "{\"id\": \"t1\", \"status\": \"SUCCESSFUL\", \"subtasks\": [{\"name\": \"ods_orders_load\","
                                + " \"status\": \"FAILED\", \"message\": \"quota\"}]}"),
                new MockResponse.Builder().code(204).build());

        ImportFailedException e = assertThrows(ImportFailedException.class, this::importQuickStartJob);

        assertTrue(e.getMessage().contains("ods_orders_load: quota"), e.getMessage());
        assertFalse(log.lines().stream().anyMatch(l -> l.contains("Could not delete")));
    }

    @Test
    void aCheckThatAnswersNoJsonStartedNothingSoThePackageGoes() throws Exception {
        checkAnswer = new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "text/html")
                .body("<html>login</html>")
                .build();
        serve(null, null, new MockResponse.Builder().code(204).build());

        assertThrows(java.io.IOException.class, this::importQuickStartJob);

        assertTrue(requests.stream().anyMatch(r -> r.startsWith("DELETE")), requests.toString());
        assertTrue(requests.stream().noneMatch(r -> r.endsWith("/jobs/import")), requests.toString());
        assertFalse(
                log.lines().stream().anyMatch(l -> l.contains("stays at")),
                log.lines().toString());
    }

    @Test
    void aScriptReadThatIsRedirectedFailsThePlanInsteadOfPlanningACreate() throws Exception {
        scriptAnswer = new MockResponse.Builder()
                .code(302)
                .addHeader("Location", "http://portal.example.test/login")
                .build();
        serve(null, null, null);

        DlfApiException e = assertThrows(DlfApiException.class, this::importQuickStartJob);

        assertEquals(302, e.httpStatus());
        assertTrue(requests.stream().noneMatch(r -> r.startsWith("PUT")), "nothing uploaded: " + requests);
    }

    @Test
    void anUploadThatFailedLeavesNoObjectBehind() throws Exception {
        // OBS stored it, then the gateway in front of it answered with an error: the object is there.
        putAnswer = new MockResponse.Builder()
                .code(403)
                .body("<Error><Code>AccessDenied</Code></Error>")
                .build();
        serve(null, null, new MockResponse.Builder().code(204).build());

        assertThrows(java.io.IOException.class, this::importQuickStartJob);

        assertTrue(requests.stream().anyMatch(r -> r.startsWith("DELETE")), requests.toString());
        assertTrue(requests.stream().noneMatch(r -> r.endsWith("/check-file")), requests.toString());
    }
}
