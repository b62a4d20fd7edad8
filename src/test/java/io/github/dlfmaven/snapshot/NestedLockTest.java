package io.github.dlfmaven.snapshot;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlfmaven.files.FolderLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
        try (FolderLock other = FolderLock.acquire(report, "dlf:report", "-Ddlf.reportOutputDirectory")) {
            IOException refused = assertThrows(IOException.class, () -> {
                try (SnapshotWriter writer = SnapshotWriter.open(parent)) {
                    writer.commit();
                }
            });
        }
        assertTrue(Files.exists(report.resolve("index.html")), "the other run's report is still there");
    }
}
