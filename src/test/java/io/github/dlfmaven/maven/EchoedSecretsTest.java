package io.github.dlfmaven.maven;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.AbstractMojoExecutionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A server (or a proxy) that builds its answers by echoing the request, and knows the secret key too: whatever it puts
 * into a task id, a subtask's message, a job's name or an error, no line of any goal's log and no failure message (nor
 * any of its causes, as {@code -e} prints them) shows a secret, in any form, with the debug level on.
 */
@MojoTest
class EchoedSecretsTest extends GoalTestBase {

    private static final String AK = "ECHOTESTAK0000000001";
    private static final String SK = "echoTestSecretKey/00000000000000000000+0";
    private static final String TOKEN = "echo/Test+Security=Token0000000000";
    private static final Pattern DLF_SIGNATURE = Pattern.compile("Signature=([0-9a-f]{64})");
    private static final Pattern OBS_SIGNATURE = Pattern.compile("^OBS [^:]+:(.+)$");

    private final List<String> signatures = new ArrayList<>();

    @BeforeEach
    void echo() {
        // Temporary keys, as OIDC federation or the metadata service would give them.
        environment(AK, SK, TOKEN);
        server.setDispatcher(new Echo());
    }

    @Test
    @InjectMojo(goal = "import")
    void importsTaskIdAndSubtaskMessages(ImportMojo mojo) throws Exception {
        mojo.endpoint = server.url("/").toString();
        mojo.projectId = "p1";
        mojo.snapshotDirectory = new File("src/it/quickstart/src/test/dlf").getAbsoluteFile();
        mojo.jobs = List.of("ods_orders_load");
        mojo.obsPath = "obs://import-bucket/dlf/";
        mojo.obsEndpoint = server.url("/").toString();
        mojo.workDirectory = temp.resolve("work").toFile();

        assertLeaksNothing(assertThrows(AbstractMojoExecutionException.class, mojo::execute));
        assertTrue(log.lines.stream().anyMatch(l -> l.startsWith("[INFO] Import started: system task task-****")));
        assertTrue(log.lines.stream().anyMatch(l -> l.startsWith("[ERROR]   job or script ods_orders_load: FAILED (")));
    }

    @Test
    @InjectMojo(goal = "export")
    void exportsJobNamesAndErrors(ExportMojo mojo) throws Exception {
        mojo.endpoint = server.url("/").toString();
        mojo.projectId = "p1";
        mojo.jobs = List.of("*");
        mojo.outputDirectory = temp.resolve("dlf").toFile();

        assertLeaksNothing(assertThrows(AbstractMojoExecutionException.class, mojo::execute));
    }

    @Test
    @InjectMojo(goal = "check")
    void checksExportAndErrors(CheckMojo mojo) throws Exception {
        mojo.endpoint = server.url("/").toString();
        mojo.projectId = "p1";
        mojo.jobs = List.of("*");
        mojo.snapshotDirectory = new File("src/it/quickstart/src/test/dlf").getAbsoluteFile();
        mojo.reportDirectory = temp.resolve("check").toFile();

        assertLeaksNothing(assertThrows(AbstractMojoExecutionException.class, mojo::execute));
    }

    private void assertLeaksNothing(AbstractMojoExecutionException failure) {
        assertFalse(signatures.isEmpty(), "requests were signed");
        List<String> texts = new ArrayList<>(log.lines);
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        texts.add(trace.toString());
        List<String> secrets = new ArrayList<>(List.of(AK, SK, TOKEN));
        synchronized (signatures) {
            secrets.addAll(signatures);
        }
        for (String secret : List.copyOf(secrets)) {
            secrets.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
            secrets.add(secret.replace("/", "\\/"));
        }
        for (String text : texts) {
            for (String secret : secrets) {
                assertFalse(text.contains(secret), () -> "'" + secret + "' leaked into: " + text);
            }
        }
    }

    /** Answers every call of the export, the check and the import, with every secret it can get hold of. */
    private final class Echo extends Dispatcher {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
            String authorization = String.valueOf(request.getHeaders().get("Authorization"));
            Matcher dlf = DLF_SIGNATURE.matcher(authorization);
            Matcher obs = OBS_SIGNATURE.matcher(authorization);
            String signature = dlf.find() ? dlf.group(1) : obs.find() ? obs.group(1) : "";
            synchronized (signatures) {
                signatures.add(signature);
            }
            String echo = "X-Security-Token=" + request.getHeaders().get("X-Security-Token") + " Authorization="
                    + authorization + " sk=" + SK + " ak " + AK + " sig " + signature + " encoded "
                    + URLEncoder.encode(TOKEN, StandardCharsets.UTF_8);
            String json = echo.replace("\\", "\\\\").replace("\"", "\\\"").replace("/", "\\/");
            String path = request.getUrl().encodedPath();
            String method = request.getMethod();
            if (!path.startsWith("/v1/")) {
                return new MockResponse.Builder()
                        .code(method.equals("PUT") ? 200 : 204)
                        .build();
            }
            if (method.equals("GET") && path.endsWith("/jobs")) {
                return json(200, "{\"total\": 1, \"jobs\": [{\"name\": \"etl_" + json + "\"}]}");
            }
            if (path.endsWith("/jobs/check-file")) {
                return json(200, "{\"jobs\": [{\"name\": \"ods_orders_load\"}], \"scripts\": []}");
            }
            if (path.endsWith("/jobs/import")) {
                return json(200, "{\"taskId\": \"task-" + request.getHeaders().get("X-Security-Token") + "\"}");
            }
            if (path.contains("/system-tasks/")) {
                return json(
                        200,
                        "{\"id\": \"task\", \"status\": \"FAILED\", \"subtasks\": [{\"id\": \"1\", \"name\":"
                                + " \"ods_orders_load\", \"status\": \"FAILED\", \"message\": \"" + json + "\"}]}");
            }
            return json(400, "{\"error_code\": \"DLF.0100\", \"error_msg\": \"" + json + "\"}");
        }

        private MockResponse json(int status, String body) {
            return new MockResponse.Builder()
                    .code(status)
                    .setHeader("Content-Type", "application/json")
                    .body(body)
                    .build();
        }
    }
}
