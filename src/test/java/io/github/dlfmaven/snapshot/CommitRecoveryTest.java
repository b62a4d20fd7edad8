package io.github.dlfmaven.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlfmaven.files.FolderLock;
import io.github.dlfmaven.testing.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A commit interrupted at any point (the JVM killed between two renames, an error in the middle) never costs
 * the previous snapshot: every intermediate state the real commit passes through is captured on disk, and from
 * each one the next export, succeeding or failing, leaves exactly one complete snapshot.
 */
class CommitRecoveryTest {

    @TempDir
    Path tmp;

    /** The previous snapshot, and what the interrupted export was writing; they share the names jobs/ and scripts/. */
    private Path oldSnapshot;

    private Path newSnapshot;
    /** What the export after the crash writes when it succeeds. */
    private Path nextSnapshot;

    @BeforeEach
    void snapshots() throws IOException {
        oldSnapshot = tmp.resolve("reference/old");
        write(oldSnapshot, "jobs/a.job", "old a\n");
        write(oldSnapshot, "jobs/gone.job", "gone\n");
        write(oldSnapshot, "scripts/s.script", "old s\n");
        write(oldSnapshot, "deep/er/notes.txt", "thesis chapter 3\n");
        write(oldSnapshot, "stray.txt", "stray\n");
        newSnapshot = tmp.resolve("reference/new");
        write(newSnapshot, "jobs/a.job", "new a\n");
        write(newSnapshot, "resources/r.resource", "new r\n");
        write(newSnapshot, "scripts/s.script", "new s\n");
        nextSnapshot = tmp.resolve("reference/next");
        write(nextSnapshot, "jobs/b.job", "next b\n");
    }

    @Test
    void fromEveryStateOfAnInterruptedCommitTheNextExportLeavesOneWholeSnapshot() throws Exception {
        List<Path> states = statesOfARealCommit();
        SortedMap<String, String> old = FileTrees.state(oldSnapshot, false);
        assertTrue(states.size() >= 2 * 7, "every rename seen: " + states.size());

        for (Path state : states) {
            SortedMap<String, String> before = FileTrees.state(state, false);
            boolean committed = !Files.exists(workFolder(state).resolve(CommitJournal.FILE_NAME));

            Path failing = copy(state, tmp.resolve("failing-" + state.getFileName()));
            try (SnapshotWriter writer = SnapshotWriter.open(failing)) {
                stage(writer, "job_b", "jobs/b.job", "next b\n");
                // no commit: the export failed
            }
            SortedMap<String, String> expected = committed ? FileTrees.state(newSnapshot, false) : old;
            assertEquals(
                    expected,
                    FileTrees.state(failing, false),
                    "a failed export after " + state.getFileName() + " (" + before.keySet()
                            + ") leaves one complete snapshot");

            Path succeeding = copy(state, tmp.resolve("succeeding-" + state.getFileName()));
            try (SnapshotWriter writer = SnapshotWriter.open(succeeding)) {
                stage(writer, "job_b", "jobs/b.job", "next b\n");
                writer.commit();
            }
            assertEquals(
                    FileTrees.state(nextSnapshot, false),
                    FileTrees.state(succeeding, false),
                    "a successful export after " + state.getFileName());
        }
    }

    @Test
    void aRuntimeExceptionInTheMiddleOfTheRenamesIsRolledBack() throws Exception {
        Path output = copy(oldSnapshot, tmp.resolve("output"));
        AtomicInteger renames = new AtomicInteger();
        CommitJournal.Renamer failingOnFifth = (from, to) -> {
            if (renames.incrementAndGet() == 5) {
                throw new IllegalStateException("simulated failure in the fifth rename");
            }
            Files.move(from, to);
        };

        try (SnapshotWriter writer = SnapshotWriter.open(output, failingOnFifth)) {
            stageNewSnapshot(writer);
            IllegalStateException e = assertThrows(IllegalStateException.class, writer::commit);
            assertEquals("simulated failure in the fifth rename", e.getMessage());
        }

        assertEquals(FileTrees.state(oldSnapshot, false), FileTrees.state(output, false));
    }

    @Test
    void aRollbackThatFailsTooKeepsTheJournalAndTheNextExportFinishesIt() throws Exception {
        Path output = copy(oldSnapshot, tmp.resolve("output"));
        AtomicInteger renames = new AtomicInteger();
        // The sixth rename fails (the commit), and so does the first one back (the rollback).
        CommitJournal.Renamer unlucky = (from, to) -> {
            int n = renames.incrementAndGet();
            if (n == 6 || n == 7) {
                throw new IOException("simulated disk error in rename " + n);
            }
            Files.move(from, to);
        };

        try (SnapshotWriter writer = SnapshotWriter.open(output, unlucky)) {
            stageNewSnapshot(writer);
            IOException e = assertThrows(IOException.class, writer::commit);
            assertTrue(
                    e.getMessage().contains("could not be fully undone")
                            && e.getMessage().contains("The next export puts" + " them back"),
                    e.getMessage());
        }
        assertTrue(Files.exists(workFolder(output).resolve(CommitJournal.FILE_NAME)), "the journal stays");

        try (SnapshotWriter writer = SnapshotWriter.open(output)) {
            assertEquals(
                    FileTrees.state(oldSnapshot, false),
                    withoutPluginFiles(FileTrees.state(output, false)),
                    "restored before anything else");
        }
        assertEquals(FileTrees.state(oldSnapshot, false), FileTrees.state(output, false));
    }

    @Test
    void anErrorInTheMiddleOfTheRollbackKeepsThePreviousSnapshotForTheNextExport() throws Exception {
        Path output = copy(oldSnapshot, tmp.resolve("output"));
        AtomicInteger renames = new AtomicInteger();
        CommitJournal.Renamer dying = (from, to) -> {
            int n = renames.incrementAndGet();
            if (n == 2) {
                throw new IOException("simulated disk error in rename 2");
            }
            if (n == 3) {
                throw new OutOfMemoryError("simulated, in the first rename back");
            }
            Files.move(from, to);
        };

        try (SnapshotWriter writer = SnapshotWriter.open(output, dying)) {
            stageNewSnapshot(writer);
            IOException e = assertThrows(IOException.class, writer::commit);
            assertTrue(e.getMessage().contains("could not be fully undone"), e.getMessage());
        }

        try (SnapshotWriter writer = SnapshotWriter.open(output)) {
            // restored before anything else
        }
        assertEquals(FileTrees.state(oldSnapshot, false), FileTrees.state(output, false));
    }

    @Test
    void namesTheCommitMovesAreNamesTheRollbackAccepts() throws Exception {
        write(oldSnapshot, "odd\\name.txt", "a backslash is just a character here\n");
        Path output = copy(oldSnapshot, tmp.resolve("output"));
        AtomicInteger renames = new AtomicInteger();
        CommitJournal.Renamer failingLate = (from, to) -> {
            if (renames.incrementAndGet() == 7) {
                throw new IOException("simulated disk error");
            }
            Files.move(from, to);
        };

        try (SnapshotWriter writer = SnapshotWriter.open(output, failingLate)) {
            stageNewSnapshot(writer);
            assertThrows(IOException.class, writer::commit);
        }

        assertEquals(FileTrees.state(oldSnapshot, false), FileTrees.state(output, false));
    }

    @Test
    void anUnreadableJournalStopsTheExportAndDeletesNothing() throws Exception {
        Path output = copy(oldSnapshot, tmp.resolve("output"));
        Path work = Files.createDirectories(output.resolve(".dlf-work-crashed/old/jobs"));
        Files.writeString(work.resolve("keep.job"), "parked\n");
        Files.writeString(output.resolve(".dlf-work-crashed/" + CommitJournal.FILE_NAME), "{not json");
        SortedMap<String, String> before = FileTrees.state(output, false);

        IOException e = assertThrows(IOException.class, () -> SnapshotWriter.open(output));

        assertTrue(
                e.getMessage().contains("cannot be read") && e.getMessage().contains(".dlf-work-crashed"),
                e.getMessage());
        assertEquals(before, FileTrees.state(output, false));
    }

    @Test
    void aJournalNamingSomethingOutsideTheFolderIsRefused() throws Exception {
        Path output = copy(oldSnapshot, tmp.resolve("output"));
        Files.createDirectories(output.resolve(".dlf-work-crashed/old"));
        Files.writeString(
                output.resolve(".dlf-work-crashed/" + CommitJournal.FILE_NAME),
                "{\"format\":1,\"old\":[\"../../etc\"],\"new\":[]}");

        IOException e = assertThrows(IOException.class, () -> SnapshotWriter.open(output));

        assertTrue(e.getMessage().contains("names '../../etc'"), e.getMessage());
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Runs a real commit of the new snapshot over the old one and copies the whole output folder before and after
     * every rename: each copy is the folder as a crash at that moment would leave it. A last copy is taken after
     * the commit returned, before the work folder is deleted.
     */
    private List<Path> statesOfARealCommit() throws Exception {
        Path output = copy(oldSnapshot, tmp.resolve("interrupted"));
        List<Path> states = new ArrayList<>();
        CommitJournal.Renamer recording = (from, to) -> {
            states.add(copy(output, tmp.resolve("states/" + states.size())));
            Files.move(from, to);
            states.add(copy(output, tmp.resolve("states/" + states.size())));
        };
        try (SnapshotWriter writer = SnapshotWriter.open(output, recording)) {
            stageNewSnapshot(writer);
            writer.commit();
            states.add(copy(output, tmp.resolve("states/" + states.size())));
        }
        assertEquals(FileTrees.state(newSnapshot, false), FileTrees.state(output, false), "the commit itself works");
        return states;
    }

    private void stageNewSnapshot(SnapshotWriter writer) throws Exception {
        stage(
                writer,
                "job_a",
                "jobs/a.job",
                "new a\n",
                "scripts/s.script",
                "new s\n",
                "resources/r.resource",
                "new r\n");
    }

    private static void stage(SnapshotWriter writer, String job, String... pairs) throws Exception {
        SnapshotWriterTest.add(writer, job, pairs);
    }

    private static Path workFolder(Path output) throws IOException {
        try (Stream<Path> list = Files.list(output)) {
            return list.filter(p -> p.getFileName().toString().startsWith(SnapshotWriter.WORK_PREFIX))
                    .findFirst()
                    .orElse(output.resolve(".dlf-work-none"));
        }
    }

    private static SortedMap<String, String> withoutPluginFiles(SortedMap<String, String> state) {
        state.keySet().removeIf(path -> path.startsWith(".dlf-work-") || path.equals(FolderLock.FILE_NAME));
        return state;
    }

    /** Copies a folder tree; a crash leaves the lock file behind, unlocked, and so does the copy. */
    private static Path copy(Path from, Path to) {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path root, String path, String content) throws IOException {
        SnapshotWriterTest.write(root, path, content);
    }
}
