package io.github.dlfmaven.benchmark;

import io.github.dlfmaven.auth.Credentials;
import io.github.dlfmaven.emulator.DlfEmulator;
import io.github.dlfmaven.emulator.Faults;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The emulator of the benchmark workspace as a process of its own, for measuring a whole {@code mvn dlf:export} run
 * (see {@code src/test/benchmark/whole-mvn-run.sh}): writes the fixtures once, serves them on a free loopback port with
 * a latency per request and pages of at most 100, writes its endpoint to a file, and runs until killed. It accepts the
 * access key pair in {@code HUAWEICLOUD_SDK_AK} and {@code HUAWEICLOUD_SDK_SK}.
 *
 * <p>Arguments: the work folder, the number of jobs, the latency in milliseconds.
 */
public final class WorkspaceEmulator {

    private WorkspaceEmulator() {}

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        int jobs = Integer.parseInt(args[1]);
        Duration latency = Duration.ofMillis(Long.parseLong(args[2]));
        Path fixtures = folder.resolve("workspace-" + jobs);
        if (!Files.isDirectory(fixtures)) {
            BenchmarkWorkspace.write(fixtures, jobs);
        }
        Credentials credentials =
                Credentials.of(System.getenv("HUAWEICLOUD_SDK_AK"), System.getenv("HUAWEICLOUD_SDK_SK"), "benchmark");
        DlfEmulator emulator = DlfEmulator.builder(fixtures, credentials)
                .faults(new Faults(latency, 0, 0, 0, 1))
                .maxPageSize(100)
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(emulator::close));
        Files.writeString(folder.resolve("endpoint"), emulator.endpoint().toString(), StandardCharsets.UTF_8);
        Thread.currentThread().join();
    }
}
