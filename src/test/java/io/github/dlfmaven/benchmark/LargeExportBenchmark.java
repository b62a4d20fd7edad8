package io.github.dlfmaven.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlfmaven.api.DlfClient;
import io.github.dlfmaven.auth.Credentials;
import io.github.dlfmaven.export.ExportSummary;
import io.github.dlfmaven.export.Exporter;
import io.github.dlfmaven.log.Log;
import io.github.dlfmaven.testing.HeapSampler;
import io.github.dlfmaven.testing.TestExport;
import io.github.dlfmaven.testing.TestZip;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.BufferedSink;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exports a 1 GB job plus three jobs with multi-megabyte JSON definitions from a local server and prints
 * time, throughput and peak heap. Run with {@code mvn -Pbenchmark test}, which forks the JVM with
 * {@code -Xmx128m}: the export must stream, never hold a package in memory. It asserts the result, not
 * the speed.
 */
@Tag("benchmark")
class LargeExportBenchmark {

    private static final long BIG_JOB_BYTES = 1_000_000_000L;
    private static final int BIG_JOB_ENTRIES = 16;
    private static final int JSON_JOBS = 3;
    private static final int JSON_DEFINITION_CHARS = 7 << 20;

    @TempDir
    Path temp;

    @Test
    void oneGigabyteUnderASmallHeap() throws Exception {
        long maxHeap = Runtime.getRuntime().maxMemory();
        assertTrue(maxHeap <= 160L << 20, "run with -Xmx128m (mvn -Pbenchmark test); max heap is " + mb(maxHeap));

        Path packages = Files.createDirectories(temp.resolve("packages"));
        long started = System.nanoTime();
        Path big = bigPackage(packages.resolve("big.zip"));
        List<Path> jsonPackages = new ArrayList<>();
        for (int i = 0; i < JSON_JOBS; i++) {
            jsonPackages.add(jsonPackage(packages.resolve("json" + i + ".zip"), "json" + i));
        }
        System.out.printf(
                Locale.ROOT,
                "[benchmark] packages generated in %.1f s: big %s, json %s each%n",
                seconds(started),
                mb(Files.size(big)),
                mb(Files.size(jsonPackages.get(0))));

        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    String job = request.getUrl().pathSegments().get(3);
                    Path file = job.equals("big") ? big : packages.resolve(job + ".zip");
                    return new MockResponse.Builder()
                            .code(200)
                            .setHeader("Content-Type", "application/octet-stream")
                            .body(new FileBody(file))
                            .build();
                }
            });
            server.start(InetAddress.getLoopbackAddress(), 0);
            List<String> jobs = new ArrayList<>(List.of("big"));
            for (int i = 0; i < JSON_JOBS; i++) {
                jobs.add("json" + i);
            }
            TestExport config = TestExport.builder()
                    .endpoint(server.url("/").toString())
                    .projectId("p")
                    .jobs(jobs)
                    .threads(4)
                    .outputDirectory(temp.resolve("out"))
                    .build();
            HeapSampler heap = new HeapSampler();
            long exportStarted = System.nanoTime();
            ExportSummary summary;
            try (heap;
                    DlfClient client = Exporter.client(config.connection(), Log.NONE)
                            .credentials(Credentials.of("AK", "SK", "benchmark"))
                            .build()) {
                summary = new Exporter(config.settings(), config.connection(), client, Log.NONE).run();
            }
            double exportSeconds = seconds(exportStarted);
            long extracted;
            try (Stream<Path> files = Files.walk(temp.resolve("out"))) {
                extracted = files.filter(Files::isRegularFile)
                        .mapToLong(LargeExportBenchmark::size)
                        .sum();
            }
            System.out.printf(
                    Locale.ROOT,
                    "[benchmark] exported %d jobs: %s downloaded, %s extracted in %.1f s (%.0f MB/s); max heap %s, peak heap used (sampled) %s%n",
                    jobs.size(),
                    mb(summary.bytesDownloaded()),
                    mb(extracted),
                    exportSeconds,
                    summary.bytesDownloaded() / 1e6 / exportSeconds,
                    mb(maxHeap),
                    mb(heap.peak()));
            assertEquals(BIG_JOB_ENTRIES + 1 + JSON_JOBS * 2, summary.filesWritten());
            assertTrue(extracted > BIG_JOB_BYTES + JSON_JOBS * (long) JSON_DEFINITION_CHARS);
        }
    }

    /** 1 GB of incompressible data in 16 entries, stored without compression as DLF would for binaries. */
    /** The 1 GB job: its definition and random (so incompressible, hence stored) blobs, streamed to the file. */
    private static Path bigPackage(Path zip) throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        long perEntry = BIG_JOB_BYTES / BIG_JOB_ENTRIES;
        TestZip big = TestZip.create().add(TestZip.file("jobs/big.job", "{\"name\":\"big\",\"nodes\":[]}"));
        for (int e = 0; e < BIG_JOB_ENTRIES; e++) {
            big.add(TestZip.streamed("cdm/blob-" + e + ".bin", ZipEntry.STORED, out -> {
                byte[] buffer = new byte[1 << 20];
                for (long written = 0; written < perEntry; written += buffer.length) {
                    for (int i = 0; i < buffer.length; i += 8) {
                        long value = random.nextLong();
                        for (int b = 0; b < 8; b++) {
                            buffer[i + b] = (byte) (value >>> (8 * b));
                        }
                    }
                    out.write(buffer, 0, (int) Math.min(buffer.length, perEntry - written));
                }
            }));
        }
        return big.write(zip);
    }

    private static Path jsonPackage(Path zip, String job) throws IOException {
        StringBuilder content = new StringBuilder(JSON_DEFINITION_CHARS + 64);
        while (content.length() < JSON_DEFINITION_CHARS) {
            content.append("SELECT col_").append(content.length()).append(" FROM t; ");
        }
        return TestZip.create()
                .add(
                        TestZip.file("jobs/" + job + ".job", "{\"name\":\"" + job + "\"}"),
                        TestZip.file(
                                "scripts/" + job + ".script",
                                "{\"type\":\"HiveSQL\",\"name\":\"" + job + "\",\"content\":\"" + content + "\"}"))
                .write(zip);
    }

    private static final class FileBody implements MockResponseBody {
        private final Path file;

        FileBody(Path file) {
            this.file = file;
        }

        @Override
        public long getContentLength() {
            return size(file);
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            // The sink is MockWebServer's, which flushes and closes it itself.
            try (InputStream in = Files.newInputStream(file)) {
                in.transferTo(sink.outputStream());
            }
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double seconds(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1e9;
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
