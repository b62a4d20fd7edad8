package io.github.dlfmaven.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlfmaven.maven.MavenSettingNames;
import io.github.dlfmaven.snapshot.SnapshotWriter;
import io.github.dlfmaven.testing.ChildJvm;
import io.github.dlfmaven.testing.FileTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One export at a time per output folder, whether the other one runs in this JVM or in another process. */
class FolderLockTest {

    @TempDir
    Path tmp;

    @Test
    void aSecondWriterInTheSameJvmFailsAtOnceAndTouchesNothing() throws Exception {
        Path output = tmp.resolve("dlf");
        Files.createDirectories(output.resolve("jobs"));
        Files.writeString(output.resolve("jobs/a.job"), "A\n");

        try (SnapshotWriter first = SnapshotWriter.open(output)) {
            SortedMap<String, String> during = FileTrees.state(output, true);

            FolderLockedException e = assertThrows(
                    FolderLockedException.class, () -> SnapshotWriter.open(output, MavenSettingNames.INSTANCE));

            assertTrue(
                    e.getMessage()
                                    .startsWith("Another run (dlf:export, process "
                                            + ProcessHandle.current().pid())
                            && e.getMessage()
                                    .contains(" is writing to " + output + " (it holds " + output.resolve(".dlf-lock")
                                            + ")")
                            && e.getMessage().contains("-Ddlf.outputDirectory"),
                    e.getMessage());
            assertEquals(during, FileTrees.state(output, true), "the second one removed none of the first one's work");
        }

        assertEquals(List.of("jobs"), names(output), "no lock file and no work folder after the first one ended");
        try (SnapshotWriter again = SnapshotWriter.open(output)) {
            assertTrue(Files.exists(output.resolve(".dlf-lock")));
        }
    }

    @Test
    void aLockHeldByAnotherProcessStopsTheExportAndDiesWithIt() throws Exception {
        Path output = Files.createDirectories(tmp.resolve("dlf"));
        try (ChildJvm child = ChildJvm.start(HoldsTheLock.class, List.of(), output.toString())) {
            assertEquals("locked", child.readLine());

            FolderLockedException e = assertThrows(FolderLockedException.class, () -> SnapshotWriter.open(output));

            // The other process wrote itself down: the message names it.
            assertTrue(
                    e.getMessage().startsWith("Another run (dlf:export, process " + child.pid() + ", started "),
                    e.getMessage());
            child.kill();
        }

        assertTrue(Files.exists(output.resolve(".dlf-lock")), "a killed export leaves its lock file behind ...");
        try (SnapshotWriter writer = SnapshotWriter.open(output)) {
            writer.commit(); // ... but not its lock: the next export goes ahead
        }
        assertFalse(Files.exists(output.resolve(".dlf-lock")));
    }

    @Test
    void aRefusedSecondExportInThisJvmDoesNotReleaseTheFirstOnesLock() throws Exception {
        Path output = Files.createDirectories(tmp.resolve("dlf"));
        try (SnapshotWriter first = SnapshotWriter.open(output)) {
            assertThrows(FolderLockedException.class, () -> SnapshotWriter.open(output)); // as with mvn -T

            // POSIX locks go with any descriptor of the file the process closes: another process must still be refused.
            ChildJvm.Result other = ChildJvm.start(TriesTheLock.class, List.of(), output.toString())
                    .await(60);

            assertEquals("refused\n", other.output());
        }
    }

    private static List<String> names(Path folder) throws Exception {
        try (java.util.stream.Stream<Path> list = Files.list(folder)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Tries to open a writer on the folder given and says whether it could. */
    public static final class TriesTheLock {
        public static void main(String[] args) throws Exception {
            try (SnapshotWriter writer = SnapshotWriter.open(Path.of(args[0]))) {
                System.out.println("locked");
            } catch (FolderLockedException e) {
                System.out.println("refused");
            }
        }
    }

    /** Opens a writer on the folder given, says so, and waits to be killed. */
    public static final class HoldsTheLock {
        public static void main(String[] args) throws Exception {
            SnapshotWriter writer = SnapshotWriter.open(Path.of(args[0]));
            System.out.println("locked");
            System.out.flush();
            Thread.sleep(60_000);
            writer.close();
        }
    }
}
