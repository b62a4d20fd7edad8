package io.github.dlfmaven.snapshot;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlfmaven.files.FolderLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder another run holds, inside the folder an export replaces. */
class NestedLockTest {

    @TempDir
    Path tmp;

    @Test
    void anExportDoesNotReplaceAFolderAnotherRunHolds() throws Exception {
        Path parent = tmp.resolve("out");
        Path report = Files.createDirectories(parent.resolve("dlf-report"));
        Files.writeString(report.resolve("index.html"), "the other run's page");
        // The other run is another module of the build (mvn -T): a thread of its own, holding its folder.
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread other = new Thread(() -> {
            try (FolderLock lock = FolderLock.acquire(report, "dlf:report", "-Ddlf.report.outputDirectory")) {
                held.countDown();
                done.await();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        other.start();
        try {
            assertTrue(held.await(10, TimeUnit.SECONDS));

            IOException refused = assertThrows(IOException.class, () -> {
                try (SnapshotWriter writer = SnapshotWriter.open(parent)) {
                    writer.commit();
                }
            });

            assertTrue(refused.getMessage().startsWith("Another run (dlf:report, process "), refused.getMessage());
            assertTrue(refused.getMessage().contains(" is writing to " + report.toRealPath()), refused.getMessage());
        } finally {
            done.countDown();
            other.join(10_000);
        }
        assertTrue(Files.exists(report.resolve("index.html")), "the other run's report is still there");
    }

    @Test
    void aRunMayWriteInsideTheFolderItHoldsItself() throws Exception {
        // As the check exports into its report folder, and the import into its work folder.
        Path reports = Files.createDirectories(tmp.resolve("dlf-check"));
        try (FolderLock own = FolderLock.acquire(reports, "dlf:check", "-Ddlf.check.reportDirectory");
                SnapshotWriter writer = SnapshotWriter.open(reports.resolve("cloud"))) {
            writer.commit();
        }
        assertTrue(Files.isDirectory(reports.resolve("cloud")));
    }
}
