package io.github.dlfmaven.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huaweicloud.sdk.core.auth.BasicCredentials;
import com.huaweicloud.sdk.core.http.HttpConfig;
import com.huaweicloud.sdk.dgc.v1.DgcClient;
import com.huaweicloud.sdk.dgc.v1.model.ExportJobListRequest;
import com.huaweicloud.sdk.dgc.v1.model.ExportJobRequest;
import com.huaweicloud.sdk.dgc.v1.model.ExportJobsReq;
import com.huaweicloud.sdk.dgc.v1.model.ImportFileReq;
import com.huaweicloud.sdk.dgc.v1.model.ImportJobRequest;
import com.huaweicloud.sdk.dgc.v1.model.JobResult;
import com.huaweicloud.sdk.dgc.v1.model.ListJobsRequest;
import com.huaweicloud.sdk.dgc.v1.model.ListJobsResponse;
import com.huaweicloud.sdk.dgc.v1.model.ListResourcesRequest;
import com.huaweicloud.sdk.dgc.v1.model.ListResourcesResponse;
import com.huaweicloud.sdk.dgc.v1.model.ListScriptsRequest;
import com.huaweicloud.sdk.dgc.v1.model.ListScriptsResponse;
import com.huaweicloud.sdk.dgc.v1.model.ListSystemTasksRequest;
import com.huaweicloud.sdk.dgc.v1.model.ListSystemTasksResponse;
import com.huaweicloud.sdk.dgc.v1.model.ShowJobRequest;
import com.huaweicloud.sdk.dgc.v1.model.ShowJobResponse;
import com.huaweicloud.sdk.dgc.v1.model.ShowScriptRequest;
import com.huaweicloud.sdk.dgc.v1.model.ShowScriptResponse;
import io.github.dlfmaven.auth.Credentials;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emulator with Huawei's own DataArts Studio client (huaweicloud-sdk-dgc, test scope only) as its caller: every
 * answer signs, routes and parses into the SDK's models, with the fields the API documents filled from the fixtures, or
 * with stable values where the fixtures have none.
 */
class EmulatorAsOfficialSdkSeesItTest {

    private static final Credentials KEYS =
            Credentials.of("SDKCLIENTAK000000001", "sdkClientSecretKey00000000000000000000001", "test");
    private static final String PROJECT = "0833a5737480d53b2f25c010dc1a7b88";

    static {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }

    @TempDir
    Path temp;

    private DlfEmulator emulator;
    private DgcClient client;

    @BeforeEach
    void start() throws Exception {
        emulator = DlfEmulator.builder(Path.of("src/it/quickstart/src/test/dlf"), KEYS)
                .workspace("ws1")
                .start();
        client = client(emulator);
    }

    private static DgcClient client(DlfEmulator emulator) {
        return DgcClient.newBuilder()
                .withHttpConfig(HttpConfig.getDefaultHttpConfig().withIgnoreSSLVerification(true))
                .withCredential(new BasicCredentials()
                        .withAk(KEYS.accessKey())
                        .withSk(KEYS.secretKey())
                        .withProjectId(PROJECT))
                .withEndpoint(emulator.endpoint().toString())
                .build();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void theJobListHasTheDocumentedFieldsFromTheFixtures() {
        ListJobsResponse list =
                client.listJobs(new ListJobsRequest().withWorkspace("ws1").withLimit(10));

        assertEquals(4, list.getTotal());
        JobResult job = list.getJobs().stream()
                .filter(j -> j.getName().equals("dws_sales_daily"))
                .findFirst()
                .orElseThrow();
        assertEquals("BATCH", job.getJobType());
        assertEquals("/retail/dws", job.getPath());
        assertEquals("data_team", job.getOwner(), "the fixture's owner, not the emulator's");
        assertEquals(0, job.getPriority());
        assertNotNull(job.getStatus());
        assertEquals("data_team", job.getCreateUser());
        assertEquals("data_team", job.getLastUpdateUser());
        assertNotNull(job.getCreateTime());
        assertEquals(Fixtures.STABLE_TIME, job.getStartTime(), "the fixture dates none of them: the stable time");
        assertEquals(Fixtures.STABLE_TIME, job.getEndTime());
        assertNotNull(job.getLastUpdateTime());
        assertNotNull(job.getLastInstanceStatus());
        assertNotNull(job.getLastInstanceEndTime());
    }

    @Test
    void aJobAScriptAndTheListsOfScriptsAndResourcesAreServed() {
        ShowJobResponse job =
                client.showJob(new ShowJobRequest().withWorkspace("ws1").withJobName("销售日报"));
        ShowScriptResponse script =
                client.showScript(new ShowScriptRequest().withWorkspace("ws1").withScriptName("dwd_orders_clean"));
        ListScriptsResponse scripts =
                client.listScripts(new ListScriptsRequest().withWorkspace("ws1").withLimit(100));
        ListResourcesResponse resources = client.listResources(
                new ListResourcesRequest().withWorkspace("ws1").withLimit(100));

        assertEquals("销售日报", job.getName());
        assertEquals(2, job.getNodes().size());
        assertEquals("/retail/ads", job.getDirectory());
        assertEquals(
                "dws_sales_daily",
                job.getSchedule().getCron().getDependJobs().getJobs().get(0));
        assertEquals("mrs_hive_retail", script.getConnectionName());
        assertTrue(script.getContent().startsWith("INSERT OVERWRITE TABLE dwd.orders"));
        assertEquals(5, scripts.getTotal());
        assertEquals(5, scripts.getScripts().size());
        assertEquals(1, resources.getTotal());
        assertEquals("sales_aggregator_jar", resources.getResources().get(0).getName());
        assertEquals(
                "obs://retail-etl/jars/sales-aggregator-1.4.2.jar",
                resources.getResources().get(0).getLocation());
    }

    @Test
    void anImportsSystemTaskHasItsDocumentedTimesAndMessage() throws Exception {
        // A clock that stands still, near enough to now for the SDK's signatures.
        Instant importedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        ListSystemTasksResponse task = importTask(Duration.ZERO, false, importedAt);

        assertEquals(ListSystemTasksResponse.StatusEnum.SUCCESSFUL, task.getStatus());
        assertEquals(importedAt.toEpochMilli(), task.getStartTime());
        assertEquals(importedAt.toEpochMilli(), task.getEndTime());
        assertEquals(importedAt.toEpochMilli(), task.getLastUpdate());
        assertEquals("The package was imported.", task.getMessage());
        assertEquals("imported", task.getSubtasks().get(0).getName());
        assertEquals(importedAt.toEpochMilli(), task.getSubtasks().get(0).getLastUpdate());
    }

    @Test
    void aRunningTaskHasNoEndTimeYetAndAFailedOneSaysWhatFailed() throws Exception {
        Instant importedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        ListSystemTasksResponse running = importTask(Duration.ofHours(1), false, importedAt);
        ListSystemTasksResponse failed = importTask(Duration.ZERO, true, importedAt);

        assertEquals(ListSystemTasksResponse.StatusEnum.RUNNING, running.getStatus());
        assertEquals(importedAt.toEpochMilli(), running.getStartTime());
        assertEquals(importedAt.toEpochMilli(), running.getLastUpdate());
        assertNull(running.getEndTime());
        assertEquals("The import is running.", running.getMessage());
        assertEquals(ListSystemTasksResponse.StatusEnum.FAILED, failed.getStatus());
        assertEquals(importedAt.toEpochMilli(), failed.getEndTime());
        assertEquals("1 of 1 definitions failed to import; nothing was imported.", failed.getMessage());
    }

    /** Imports a package of one job into an emulator whose clock stands still, and reads the task as the SDK does. */
    private ListSystemTasksResponse importTask(Duration duration, boolean fail, Instant now) throws Exception {
        Path obs = Files.createTempDirectory(temp, "obs");
        try (DlfEmulator importing = DlfEmulator.builder(Path.of("src/it/quickstart/src/test/dlf"), KEYS)
                .obsDirectory(obs)
                .importDirectory(Files.createTempDirectory(temp, "imported"))
                .importDuration(duration)
                .failImports(fail)
                .clock(Clock.fixed(now, ZoneOffset.UTC))
                .start()) {
            Path zip = Files.createDirectories(obs.resolve("import-bucket")).resolve("package.zip");
            try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
                out.putNextEntry(new ZipEntry("jobs/imported.job"));
                out.write("{\"name\": \"imported\", \"nodes\": []}".getBytes(StandardCharsets.UTF_8));
            }
            DgcClient sdk = client(importing);
            String taskId = sdk.importJob(new ImportJobRequest()
                            .withBody(new ImportFileReq().withPath("obs://import-bucket/package.zip")))
                    .getTaskId();

            ListSystemTasksResponse task = sdk.listSystemTasks(new ListSystemTasksRequest().withTaskId(taskId));
            assertEquals(taskId, task.getId());
            return task;
        }
    }

    @Test
    void exportsAndBatchExportsAnswerAsTheSdkExpects() {
        assertEquals(
                200,
                client.exportJob(new ExportJobRequest().withWorkspace("ws1").withJobName("销售日报"))
                        .getHttpStatusCode());
        assertEquals(
                200,
                client.exportJobList(new ExportJobListRequest()
                                .withWorkspace("ws1")
                                .withBody(new ExportJobsReq()
                                        .withJobList(List.of("dws_sales_daily", "ods_orders_load"))
                                        .withExportDepend(true)))
                        .getHttpStatusCode());
    }
}
