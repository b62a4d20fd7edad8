package io.github.dlfmaven.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlfmaven.snapshot.SnapshotWriter;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Folders made by runs in parallel, as the modules of {@code mvn -T 4} export into siblings below a new parent. */
class FoldersTest {

    private static final int RUNS = 8;
    private static final int ROUNDS = 100;

    @TempDir
    Path tmp;

    @Test
    void siblingExportsBelowAParentNoneHasMadeYetAllSucceed() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(RUNS);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                Path parent = tmp.resolve("round-" + round).resolve("exports");
                CyclicBarrier together = new CyclicBarrier(RUNS);
                List<Future<?>> runs = new ArrayList<>();
                for (int module = 0; module < RUNS; module++) {
                    Path output = parent.resolve("module-" + module);
                    runs.add(pool.submit(() -> {
                        together.await();
                        try (SnapshotWriter writer = SnapshotWriter.open(output)) {
                            writer.commit();
                        }
                        return null;
                    }));
                }
                for (Future<?> run : runs) {
                    run.get(30, TimeUnit.SECONDS); // a failed run throws here, with its cause
                }
                try (var modules = Files.list(parent)) {
                    assertEquals(RUNS, modules.count());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFileInTheWayIsNamedWithWhatWasBeingDone() throws Exception {
        Path file = Files.writeString(tmp.resolve("exports"), "not a folder");

        IOException e = assertThrows(IOException.class, () -> Folders.create(file.resolve("module")));

        assertEquals("Cannot create the folder " + file + ": a file of that name is in the way", e.getMessage());
    }

    @Test
    void createdSaysWhatThisCallMadeInnermostFirst() throws Exception {
        Files.createDirectories(tmp.resolve("a"));

        assertEquals(List.of(tmp.resolve("a/b/c"), tmp.resolve("a/b")), Folders.create(tmp.resolve("a/b/c")));
        assertEquals(List.of(), Folders.create(tmp.resolve("a/b/c")));
    }

    @Test
    void aFailureWithOnlyAPathAsItsMessageIsSaidInWords() {
        assertEquals(
                "/x/exports: a file or folder of that name already exists",
                FileFailures.describe(new FileAlreadyExistsException("/x/exports")));
        assertTrue(FileFailures.describe(new java.nio.file.AccessDeniedException("/x"))
                .startsWith("/x: access denied"));
    }
}
