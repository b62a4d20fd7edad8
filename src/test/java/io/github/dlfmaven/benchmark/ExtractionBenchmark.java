package io.github.dlfmaven.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dlfmaven.archive.ArchiveLimits;
import io.github.dlfmaven.archive.ExtractedFile;
import io.github.dlfmaven.archive.SafeUnzipper;
import io.github.dlfmaven.snapshot.SnapshotLayout;
import io.github.dlfmaven.testing.FileTrees;
import io.github.dlfmaven.testing.TestZip;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Extracts a 400 MB package, once stored and once deflated (compressible text, as job packages are), with the
 * plugin's extraction and with {@code unzip -q} on the same file, and prints both throughputs; the median of three
 * runs each, the file system's cache warm for both. Without {@code unzip} on the PATH only the plugin's figures are
 * printed. Run with {@code mvn -Pbenchmark test}; it checks that both give the same files, not which is faster.
 */
@Tag("benchmark")
class ExtractionBenchmark {

    private static final long PACKAGE_BYTES = 400_000_000L;
    private static final int ENTRIES = 40;
    private static final int RUNS = 3;

    @TempDir
    Path temp;

    @Test
    void storedPackage() throws Exception {
        compare("stored", write(temp.resolve("stored.zip"), ZipEntry.STORED));
    }

    @Test
    void deflatedPackage() throws Exception {
        compare("deflated", write(temp.resolve("deflated.zip"), ZipEntry.DEFLATED));
    }

    private void compare(String kind, Path zip) throws Exception {
        SafeUnzipper unzipper =
                new SafeUnzipper(new ArchiveLimits(ENTRIES, PACKAGE_BYTES * 2), SnapshotLayout.INSTANCE);
        List<Double> plugin = new ArrayList<>();
        List<Double> unzip = new ArrayList<>();
        Optional<Path> unzipCommand = onPath("unzip");
        for (int run = 0; run < RUNS; run++) {
            Path ours = temp.resolve("plugin-" + run);
            long started = System.nanoTime();
            List<ExtractedFile> files = unzipper.extract(zip, ours);
            plugin.add((System.nanoTime() - started) / 1e9);
            assertEquals(ENTRIES, files.size());
            if (unzipCommand.isPresent()) {
                Path theirs = temp.resolve("unzip-" + run);
                started = System.nanoTime();
                Process process = new ProcessBuilder(
                                unzipCommand.get().toString(), "-q", zip.toString(), "-d", theirs.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
                if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                    throw new IOException("unzip failed");
                }
                unzip.add((System.nanoTime() - started) / 1e9);
                assertEquals(FileTrees.state(theirs, false), FileTrees.state(ours, false));
                delete(theirs);
            }
            delete(ours);
        }
        double mb = PACKAGE_BYTES / 1e6;
        double ourMedian = median(plugin);
        System.out.printf(
                Locale.ROOT,
                "[benchmark] extraction of a %,.0f MB %s package (%s on disk): plugin %.2f s (%.0f MB/s)%s%n",
                mb,
                kind,
                String.format(Locale.ROOT, "%,.0f MB", Files.size(zip) / 1e6),
                ourMedian,
                mb / ourMedian,
                unzip.isEmpty()
                        ? ", unzip not found on the PATH"
                        : String.format(
                                Locale.ROOT,
                                ", unzip -q %.2f s (%.0f MB/s): the plugin takes %.2fx unzip's time",
                                median(unzip),
                                mb / median(unzip),
                                ourMedian / median(unzip)));
    }

    /** Text that compresses about as well as job definitions and SQL do: words from a small vocabulary. */
    private static Path write(Path zip, int method) throws IOException {
        String[] words = {
            "SELECT",
            "FROM",
            "WHERE",
            "dt",
            "=",
            "'${bizdate}'",
            "JOIN",
            "ON",
            "GROUP",
            "BY",
            "\"name\":",
            "\"value\":",
            "{",
            "}",
            "[",
            "]",
            "orders",
            "customers",
            "amount",
            "1024",
            "3.14",
            "\n",
            "  "
        };
        SplittableRandom random = new SplittableRandom(400);
        byte[] entry = new byte[(int) (PACKAGE_BYTES / ENTRIES)];
        int at = 0;
        while (at < entry.length) {
            byte[] word = (words[random.nextInt(words.length)] + " ").getBytes(StandardCharsets.UTF_8);
            int n = Math.min(word.length, entry.length - at);
            System.arraycopy(word, 0, entry, at, n);
            at += n;
        }
        TestZip archive = TestZip.create();
        for (int i = 0; i < ENTRIES; i++) {
            // Every entry differs in its first bytes, so none is a copy of another.
            byte[] head = String.format(Locale.ROOT, "part %08d ", i).getBytes(StandardCharsets.US_ASCII);
            archive.add(TestZip.streamed("resources/data/part-" + i + ".csv", method, out -> {
                out.write(head);
                out.write(entry, head.length, entry.length - head.length);
            }));
        }
        archive.write(zip);
        return zip;
    }

    private static Optional<Path> onPath(String command) {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(folder, command);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static void delete(Path root) throws IOException {
        try (var walk = Files.walk(root)) {
            for (Path path : walk.sorted(Collections.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
