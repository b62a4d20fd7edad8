package io.github.dlfmaven.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlfmaven.api.DlfClient;
import io.github.dlfmaven.auth.Credentials;
import io.github.dlfmaven.check.Drift;
import io.github.dlfmaven.check.SnapshotComparison;
import io.github.dlfmaven.emulator.DlfEmulator;
import io.github.dlfmaven.emulator.Faults;
import io.github.dlfmaven.export.ExportSummary;
import io.github.dlfmaven.export.ExportTimings;
import io.github.dlfmaven.export.Exporter;
import io.github.dlfmaven.log.Log;
import io.github.dlfmaven.testing.FileTrees;
import io.github.dlfmaven.testing.HeapSampler;
import io.github.dlfmaven.testing.TestExport;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exports a whole workspace from the emulator, which adds a fixed latency to every request and serves pages of at most
 * 100 jobs: the plugin's way ({@code jobs=*}: the job list, then batches of up to 100 jobs on 4 threads), once more
 * replacing that snapshot, and the naive way (one request per job, one thread). Prints jobs, requests, the time from
 * the goal's start to its summary line, wall time, the ratio to the sequential bound (jobs x latency) and the peak
 * heap, side by side, then where the plugin's time went (setup, listing, requests, extraction, commit, clean-up), for
 * 10,000 jobs at 20 ms and 300 jobs at 100 ms. {@code mvn -Pbenchmark test -Dbenchmark.quick=true} leaves
 * out the naive runs.
 * Run with {@code mvn -Pbenchmark test} (about five minutes, most of it the naive runs). It checks that both
 * ways give the same files, not how fast they are.
 */
@Tag("benchmark")
class WorkspaceExportBenchmark {

    private static final Credentials CREDENTIALS =
            Credentials.of("BENCHMARKAK000000001", "benchmarkSecretKey00000000000000000000000", "benchmark");

    /** {@code -Dbenchmark.quick=true} leaves out the naive runs, which take minutes. */
    private static final boolean QUICK = Boolean.getBoolean("benchmark.quick");

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
        Path fixtures = BenchmarkWorkspace.write(temp.resolve("workspace"), jobs);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            names.add(BenchmarkWorkspace.jobName(i));
        }
        // Pages of at most 100, as on deployments other than Huawei Cloud's: the listing's worst case.
        try (DlfEmulator emulator = DlfEmulator.builder(fixtures, CREDENTIALS)
                .faults(new Faults(latency, 0, 0, 0, 1))
                .maxPageSize(100)
                .start()) {
            // The first run warms the JIT and the file system's caches; the figures are the second's.
            run("warm-up", emulator, config(emulator, temp.resolve("warm-up")).jobs(List.of("*")));
            Run plugin = run(
                    "plugin (jobs=*, batches, 4 threads)",
                    emulator,
                    config(emulator, temp.resolve("plugin")).jobs(List.of("*")).threads(4));
            // A rerun replaces the previous snapshot: the commit then parks and deletes it.
            Run rerun = run(
                    "plugin again, replacing the snapshot",
                    emulator,
                    config(emulator, temp.resolve("plugin")).jobs(List.of("*")).threads(4));
            Run naive = QUICK
                    ? null
                    : run(
                            "naive (one job per request, 1 thread)",
                            emulator,
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
                    "[benchmark] %-40s %8s %9s %10s %10s %10s %10s%n",
                    "strategy",
                    "jobs",
                    "requests",
                    "summary",
                    "wall",
                    "of bound",
                    "peak heap");
            for (Run run : QUICK ? List.of(plugin, rerun) : List.of(plugin, rerun, naive)) {
                System.out.printf(
                        Locale.ROOT,
                        "[benchmark] %-40s %,8d %,9d %8.2f s %8.2f s %9.1f%% %7.0f MB%n",
                        run.name(),
                        run.summary().jobs().size(),
                        run.summary().requests(),
                        run.toSummary(),
                        run.seconds(),
                        100 * run.seconds() / (jobs * latency.toMillis() / 1000.0),
                        run.peakHeap() / 1e6);
            }
            for (Run run : List.of(plugin, rerun)) {
                ExportTimings t = run.summary().timings();
                System.out.printf(
                        Locale.ROOT,
                        "[benchmark] phases of '%s': setup %.2f s, listing %.2f s, export %.2f s (requests %.2f s and"
                                + " extraction with normalization %.2f s of thread time), commit %.2f s, summary line at"
                                + " %.2f s, clean-up after it %.2f s; CPU time %.2f s of this JVM (emulator included) on %d cores%n",
                        run.name(),
                        run.setup(),
                        seconds(t.listing()),
                        seconds(t.exporting()),
                        seconds(t.downloading()),
                        seconds(t.extracting()),
                        seconds(t.commit()),
                        run.toSummary(),
                        run.seconds() - run.toSummary(),
                        run.cpu(),
                        Runtime.getRuntime().availableProcessors());
            }
            // What dlf:check adds to an export: comparing the fresh snapshot with a committed one that has no drift.
            long compareStarted = System.nanoTime();
            Drift drift = new SnapshotComparison(3).compare(temp.resolve("warm-up"), temp.resolve("plugin"));
            System.out.printf(
                    Locale.ROOT,
                    "[benchmark] check's comparison of %,d files without drift: %.2f s%n",
                    drift.unchanged(),
                    (System.nanoTime() - compareStarted) / 1e9);
            assertTrue(drift.none(), drift.counts());
            assertEquals(jobs, plugin.summary().jobs().size());
            if (!QUICK) {
                assertEquals(
                        FileTrees.state(temp.resolve("naive"), false), FileTrees.state(temp.resolve("plugin"), false));
            }
        }
    }

    /**
     * @param toSummary seconds from the goal's start (the client set up) to the summary line
     * @param seconds seconds until the export returned, its clean-up done
     * @param setup seconds to set up the client
     */
    private record Run(
            String name,
            ExportSummary summary,
            double toSummary,
            double seconds,
            double setup,
            double cpu,
            long peakHeap) {}

    /** CPU time of this JVM, the emulator's threads included. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static Run run(String name, DlfEmulator emulator, TestExport.Builder builder) throws Exception {
        TestExport config = builder.build();
        System.gc();
        HeapSampler heap = new HeapSampler();
        SummaryClock log = new SummaryClock();
        long cpuBefore = processCpuNanos();
        long started = System.nanoTime();
        ExportSummary summary;
        double setup;
        try (heap;
                DlfClient client = Exporter.client(config.connection(), log)
                        .credentials(CREDENTIALS)
                        .build()) {
            setup = (System.nanoTime() - started) / 1e9;
            summary = new Exporter(config.settings(), config.connection(), client, log).run();
        }
        return new Run(
                name,
                summary,
                (log.summaryAt - started) / 1e9,
                (System.nanoTime() - started) / 1e9,
                setup,
                (processCpuNanos() - cpuBefore) / 1e9,
                heap.peak());
    }

    /** A log that only notes when the summary line came. */
    private static final class SummaryClock implements Log {
        volatile long summaryAt;

        @Override
        public boolean isDebugEnabled() {
            return false;
        }

        @Override
        public void debug(String message) {}

        @Override
        public void info(String message) {
            if (message.startsWith("Exported ")) {
                summaryAt = System.nanoTime();
            }
        }

        @Override
        public void warn(String message) {}
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    private static TestExport.Builder config(DlfEmulator emulator, Path output) {
        return TestExport.builder()
                .endpoint(emulator.endpoint().toString())
                .projectId("bench")
                .outputDirectory(output);
    }
}
