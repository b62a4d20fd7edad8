package io.github.dlfmaven.promote;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dlfmaven.api.DlfClient;
import io.github.dlfmaven.auth.Authentication;
import io.github.dlfmaven.auth.AuthenticationSource;
import io.github.dlfmaven.auth.Credentials;
import io.github.dlfmaven.config.ImportSettings;
import io.github.dlfmaven.emulator.DlfEmulator;
import io.github.dlfmaven.http.HttpTransport;
import io.github.dlfmaven.http.RetryPolicy;
import io.github.dlfmaven.log.Log;
import io.github.dlfmaven.obs.ObsStore;
import io.github.dlfmaven.testing.RecordingLog;
import io.github.dlfmaven.testing.TestExport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The import's flow on the emulator: the steps that stop it, and what each leaves behind. */
class PlanBytesTest {

    private static final Credentials KEYS =
            Credentials.of("IMPORTTESTAK00000001", "importTestSecretKey000000000000000000001", "test");
    private static final Path QUICK_START = Path.of("src/it/quickstart/src/test/dlf");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private final RecordingLog log = new RecordingLog();
    private final HttpTransport transport = HttpTransport.builder().build();
    private DlfEmulator emulator;

    @AfterEach
    void stop() {
        if (emulator != null) {
            emulator.close();
        }
        transport.close();
    }

    private DlfEmulator.Builder target() throws Exception {
        return DlfEmulator.builder(Files.createDirectories(tmp.resolve("production")), KEYS)
                .obsDirectory(tmp.resolve("obs"))
                .importDuration(Duration.ofMillis(20));
    }

    private ImportSettings config(String mapping, long timeoutSeconds, boolean keepPackage) throws Exception {
        Path environment = mapping == null ? null : Files.writeString(tmp.resolve("prod.json"), mapping);
        return ImportTestSettings.of(
                List.of("ods_*"),
                emulator.endpoint().toString(),
                environment,
                timeoutSeconds,
                keepPackage,
                tmp.resolve("work"));
    }

    private Promotion.Result run(ImportSettings config) throws Exception {
        return run(config, log);
    }

    private Promotion.Result run(ImportSettings config, Log log) throws Exception {
        TestExport export = TestExport.builder()
                .endpoint(emulator.endpoint().toString())
                .projectId("p1")
                .jobs(List.of("*"))
                .outputDirectory(config.currentDirectory())
                .build();
        AuthenticationSource keys = AuthenticationSource.fixed(new Authentication.Signed(KEYS));
        try (DlfClient client = DlfClient.builder(emulator.endpoint(), "p1", KEYS)
                .transport(transport)
                .retryPolicy(RetryPolicy.of(0))
                .build()) {
            ObsStore obs = new ObsStore(transport, emulator.endpoint(), keys, RetryPolicy.of(0), Clock.systemUTC());
            return new Promotion(
                            config,
                            export.settings().limits(),
                            export.connection(),
                            client,
                            obs,
                            Clock.systemUTC(),
                            Duration.ofMillis(10),
                            log)
                    .run();
        }
    }

    private List<Path> packagesInObs() throws Exception {
        Path folder = tmp.resolve("obs/import-bucket/dlf");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }

    @Test
    void thePlanShowsWhatIsUploadedEvenIfThePackageFolderChangesMeanwhile() throws Exception {
        emulator = target().start();
        run(config(null, 60, false)); // the workspace has the jobs now: a second import's plan compares them
        Path packed = tmp.resolve("work/package/jobs/ods_orders_load.job");
        Log meddling = new Log() {
            @Override
            public void info(String message) {
                if (message.startsWith("Packed ")) {
                    try {
                        Files.writeString(
                                packed,
                                Files.readString(packed)
                                        .replaceFirst(
                                                "\\{",
                                                java.util.regex.Matcher.quoteReplacement(
                                                        "{\n  \"injected\" : \"shown-in-plan\",")));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }

            @Override
            public void warn(String message) {}

            @Override
            public void error(String message) {}

            @Override
            public void debug(String message) {}

            @Override
            public boolean isDebugEnabled() {
                return false;
            }
        };
        Promotion.Result result = run(config(null, 60, true), meddling);
        String plan = Files.readString(tmp.resolve("work/plan.md"));
        boolean uploadedHasIt = false;
        for (Path zip : packagesInObs()) {
            try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(Files.newInputStream(zip))) {
                for (java.util.zip.ZipEntry e; (e = in.getNextEntry()) != null; ) {
                    uploadedHasIt |= new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                            .contains("shown-in-plan");
                }
            }
        }
        assertEquals(uploadedHasIt, plan.contains("shown-in-plan"), "the plan shows other bytes than were uploaded");
    }
}
