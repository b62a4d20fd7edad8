package io.github.dlfmaven.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dlfmaven.api.DlfClient;
import io.github.dlfmaven.auth.Credentials;
import io.github.dlfmaven.config.ExportConfiguration;
import io.github.dlfmaven.emulator.DlfEmulator;
import io.github.dlfmaven.emulator.Faults;
import io.github.dlfmaven.export.ExportSummary;
import io.github.dlfmaven.export.Exporter;
import io.github.dlfmaven.log.Log;
import io.github.dlfmaven.testing.FileTrees;
import io.github.dlfmaven.testing.HeapSampler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exports a whole workspace from the emulator, which adds a fixed latency to every request, twice: the
 * plugin's way ({@code jobs=*}: the job list, then batches of up to 100 jobs on 4 threads) and the naive way
 * (one request per job, one thread). Prints jobs, requests, wall time, the ratio to the sequential bound
 * (jobs x latency) and the peak heap of both, side by side, for 10,000 jobs at 20 ms and 300 jobs at 100 ms.
 * Run with {@code mvn -Pbenchmark test} (about five minutes, most of it the naive runs). It checks that both
 * ways give the same files, not how fast they are.
 */
@Tag("benchmark")
class WorkspaceExportBenchmark {

    private static final Credentials CREDENTIALS =
            Credentials.of("BENCHMARKAK000000001", "benchmarkSecretKey00000000000000000000000", "benchmark");
    private static final int SHARED_SCRIPTS = 50;

    @TempDir
    Path temp;

    @Test
    void tenThousandJobsAt20Milliseconds() throws Exception {
        compare(10_000, Duration.ofMillis(20));
    }

    @Test
    void threeHundredJobsAt100Milliseconds() throws Exception {
        compare(300, Duration.ofMillis(100));
    }

    private void compare(int jobs, Duration latency) throws Exception {
        Path fixtures = workspace(temp.resolve("workspace"), jobs);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            names.add(jobName(i));
        }
        try (DlfEmulator emulator = DlfEmulator.builder(fixtures, CREDENTIALS)
                .faults(new Faults(latency, 0, 0, 0, 1))
                .start()) {
            Run plugin = run(
                    "plugin (jobs=*, batches, 4 threads)",
                    emulator,
                    latency,
                    jobs,
                    config(emulator, temp.resolve("plugin")).jobs(List.of("*")).threads(4));
            Run naive = run(
                    "naive (one job per request, 1 thread)",
                    emulator,
                    latency,
                    jobs,
                    config(emulator, temp.resolve("naive"))
                            .jobs(names)
                            .threads(1)
                            .batch(false));
            System.out.printf(
                    Locale.ROOT,
                    "[benchmark] %,d jobs, %d ms latency per request, sequential bound %.1f s%n",
                    jobs,
                    latency.toMillis(),
                    jobs * latency.toMillis() / 1000.0);
            System.out.printf(
                    Locale.ROOT,
                    "[benchmark] %-40s %8s %9s %10s %10s %10s%n",
                    "strategy",
                    "jobs",
                    "requests",
                    "wall",
                    "of bound",
                    "peak heap");
            for (Run run : List.of(plugin, naive)) {
                System.out.printf(
                        Locale.ROOT,
                        "[benchmark] %-40s %,8d %,9d %8.1f s %9.1f%% %7.0f MB%n",
                        run.name(),
                        run.summary().jobs().size(),
                        run.summary().requests(),
                        run.seconds(),
                        100 * run.seconds() / (jobs * latency.toMillis() / 1000.0),
                        run.peakHeap() / 1e6);
            }
            assertEquals(jobs, plugin.summary().jobs().size());
            assertEquals(FileTrees.state(temp.resolve("naive"), false), FileTrees.state(temp.resolve("plugin"), false));
        }
    }

    private record Run(String name, ExportSummary summary, double seconds, long peakHeap) {}

    private static Run run(
            String name, DlfEmulator emulator, Duration latency, int jobs, ExportConfiguration.Builder builder)
            throws Exception {
        ExportConfiguration config = builder.build();
        System.gc();
        HeapSampler heap = new HeapSampler();
        long started = System.nanoTime();
        ExportSummary summary;
        try (heap;
                DlfClient client = Exporter.client(config, Log.NONE)
                        .credentials(CREDENTIALS)
                        .build()) {
            summary = new Exporter(config, client, Log.NONE).run();
        }
        return new Run(name, summary, (System.nanoTime() - started) / 1e9, heap.peak());
    }

    private static ExportConfiguration.Builder config(DlfEmulator emulator, Path output) {
        return ExportConfiguration.builder()
                .endpoint(emulator.endpoint().toString())
                .projectId("bench")
                .outputDirectory(output);
    }

    /** Jobs of two nodes each, every one using one of 50 shared scripts, in ten folders. */
    private static Path workspace(Path root, int jobs) throws IOException {
        Files.createDirectories(root.resolve("jobs"));
        Files.createDirectories(root.resolve("scripts"));
        for (int s = 0; s < SHARED_SCRIPTS; s++) {
            Files.writeString(
                    root.resolve("scripts/common_" + s + ".script"),
                    "{\n  \"content\": \"SELECT " + s
                            + " FROM dual WHERE dt = '${bizdate}';\\n\",\n  \"name\": \"common_" + s
                            + "\",\n  \"type\": \"HiveSQL\"\n}\n");
        }
        for (int i = 0; i < jobs; i++) {
            String name = jobName(i);
            Files.writeString(
                    root.resolve("jobs/" + name + ".job"),
                    "{\n  \"directory\": \"/team_" + (i % 10) + "\",\n"
                            + "  \"name\": \"" + name
                            + "\",\n  \"nodes\": [\n    {\n      \"name\": \"check\",\n      \"properties\": [\n"
                            + "        {\n          \"name\": \"scriptName\",\n          \"value\": \"common_"
                            + (i % SHARED_SCRIPTS) + "\"\n"
                            + "        }\n      ],\n      \"type\": \"HiveSQL\"\n    },\n    {\n      \"name\": \"load\",\n"
                            + "      \"preNodeName\": [\n        \"check\"\n      ],\n      \"type\": \"Dummy\"\n    }\n  ],\n"
                            + "  \"processType\": \"BATCH\"\n}\n");
        }
        return root;
    }

    private static String jobName(int i) {
        return String.format(Locale.ROOT, "etl_job_%05d", i);
    }
}
