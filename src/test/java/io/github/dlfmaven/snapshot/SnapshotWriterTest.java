package io.github.dlfmaven.snapshot;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlfmaven.archive.ArchiveLimits;
import io.github.dlfmaven.archive.ExportBudget;
import io.github.dlfmaven.archive.ExtractedFile;
import io.github.dlfmaven.archive.ExtractionTarget;
import io.github.dlfmaven.archive.SafeUnzipper;
import io.github.dlfmaven.archive.UnsafeArchiveException;
import io.github.dlfmaven.testing.FileTrees;
import io.github.dlfmaven.testing.TestZip;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Layout: {@code project/pom.xml}, {@code project/target/classes/App.class} (a sibling that must never change) and
 * the output folder {@code project/target/dlf}.
 */
class SnapshotWriterTest {

    @TempDir
    Path tmp;

    private Path project;
    private Path target;
    private Path output;

    @BeforeEach
    void layout() throws IOException {
        project = Files.createDirectories(tmp.resolve("project"));
        Files.writeString(project.resolve("pom.xml"), "<project/>");
        target = Files.createDirectories(project.resolve("target/classes")).getParent();
        Files.writeString(target.resolve("classes/App.class"), "cafebabe");
        Files.writeString(target.resolve("build.log"), "log");
        output = target.resolve("dlf");
    }

    private void writeOldSnapshot() throws IOException {
        write(output, "jobs/old.job", "old job\n");
        write(output, "jobs/kept.job", "v1\n");
        write(output, "scripts/gone.script", "gone\n");
        write(output, "deep/er/x.txt", "x\n");
        write(output, "stray.txt", "stray\n");
        write(output, ".hidden", "hidden\n");
    }

    @Test
    void commitReplacesTheOldSnapshot() throws Exception {
        writeOldSnapshot();

        try (SnapshotWriter writer = SnapshotWriter.open(output)) {
            assertEquals(2, add(writer, "job_a", "jobs/kept.job", "v2\n", "scripts/new.script", "S\n"));
            writer.commit();
        }

        assertEquals(
                Map.of("jobs/", "folder", "jobs/kept.job", "v2\n", "scripts/", "folder", "scripts/new.script", "S\n"),
                contents(output));
    }

    @Test
    void anUnchangedFileStaysTheSameFileWithItsTimeAndAChangedOneIsWrittenAnew() throws Exception {
        write(output, "jobs/same.job", "same\n");
        write(output, "jobs/changed.job", "v1\n");
        FileTime past = FileTime.from(Instant.parse("2026-01-01T00:00:00Z"));
        Files.setLastModifiedTime(output.resolve("jobs/same.job"), past);
        Files.setLastModifiedTime(output.resolve("jobs/changed.job"), past);
        Object sameFile = Files.getAttribute(output.resolve("jobs/same.job"), "unix:ino");

        try (SnapshotWriter writer = SnapshotWriter.open(output)) {
            add(writer, "job_a", "jobs/same.job", "same\n", "jobs/changed.job", "v2\n");
            writer.commit();
        }

        assertEquals(
                Map.of("jobs/", "folder", "jobs/same.job", "same\n", "jobs/changed.job", "v2\n"), contents(output));
        assertEquals(sameFile, Files.getAttribute(output.resolve("jobs/same.job"), "unix:ino"));
        assertEquals(past, Files.getLastModifiedTime(output.resolve("jobs/same.job")));
        assertEquals(1, Files.getAttribute(output.resolve("jobs/same.job"), "unix:nlink"), "no second name is left");
        assertTrue(Files.getLastModifiedTime(output.resolve("jobs/changed.job")).compareTo(past) > 0);
    }

    @Test
    void anExportThatFailsAfterKeepingAnUnchangedFileLeavesItAsItWas() throws Exception {
        write(output, "jobs/same.job", "same\n");
        FileTime past = FileTime.from(Instant.parse("2026-01-01T00:00:00Z"));
        Files.setLastModifiedTime(output.resolve("jobs/same.job"), past);
        SortedMap<String, String> before = FileTrees.state(output, true);

        try (SnapshotWriter writer = SnapshotWriter.open(output)) {
            add(writer, "job_a", "jobs/same.job", "same\n");
            assertEquals(2, Files.getAttribute(output.resolve("jobs/same.job"), "unix:nlink"));
        }

        assertEquals(before, FileTrees.state(output, true));
        assertEquals(1, Files.getAttribute(output.resolve("jobs/same.job"), "unix:nlink"));
    }

    @Test
    void filesReachedThroughALinkAreNeverKeptButWrittenAnew() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        write(outside, "jobs/a.job", "A\n");
        write(outside, "b.job", "B\n");
        Files.createDirectories(output);
        // A folder of the old snapshot that is a link, and a file that is one.
        Files.createSymbolicLink(output.resolve("jobs"), outside.resolve("jobs"));
        write(output, "scripts/placeholder", "x\n");
        Files.createSymbolicLink(output.resolve("scripts/b.job"), outside.resolve("b.job"));

        try (SnapshotWriter writer = SnapshotWriter.open(output)) {
            add(writer, "job_a", "jobs/a.job", "A\n", "scripts/b.job", "B\n");
            writer.commit();
        }

        assertEquals(1, Files.getAttribute(outside.resolve("jobs/a.job"), "unix:nlink"));
        assertEquals(1, Files.getAttribute(outside.resolve("b.job"), "unix:nlink"));
        assertFalse(Files.isSymbolicLink(output.resolve("jobs")));
        assertEquals("A\n", Files.readString(output.resolve("jobs/a.job")));
        assertEquals("B\n", Files.readString(output.resolve("scripts/b.job")));
        assertEquals("A\n", Files.readString(outside.resolve("jobs/a.job")));
    }

    @Test
    void aFileThatAlsoHasANameOutsideIsWrittenAnewNotGivenAThirdName() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        write(outside, "a.job", "A\n");
        Files.createDirectories(output.resolve("jobs"));
        Files.createLink(output.resolve("jobs/a.job"), outside.resolve("a.job"));

        try (SnapshotWriter writer = SnapshotWriter.open(output)) {
            add(writer, "job_a", "jobs/a.job", "A\n");
            assertEquals(2, Files.getAttribute(outside.resolve("a.job"), "unix:nlink"), "linked while exporting");
            writer.commit();
        }

        assertEquals(1, Files.getAttribute(outside.resolve("a.job"), "unix:nlink"));
        assertEquals(1, Files.getAttribute(output.resolve("jobs/a.job"), "unix:nlink"));
        assertEquals("A\n", Files.readString(output.resolve("jobs/a.job")));
    }

    @Test
    void changesCountWhatChangedWasAddedRemovedOrKept() throws Exception {
        write(output, "jobs/same.job", "same\n");
        write(output, "jobs/changed.job", "v1\n");
        write(output, "jobs/gone.job", "gone\n");
        write(output, "scripts/gone.script", "gone\n");

        SnapshotChanges changes;
        try (SnapshotWriter writer = SnapshotWriter.open(output)) {
            add(writer, "job_a", "jobs/same.job", "same\n", "jobs/changed.job", "v2\n", "jobs/new.job", "new\n");
            add(writer, "job_b", "jobs/same.job", "same\n"); // a shared file counts once
            writer.commit();
            changes = writer.changes();
        }

        assertEquals(new SnapshotChanges(1, 1, 2, 1), changes);
        assertEquals("1 changed, 1 added, 2 removed, 1 unchanged", changes.describe());
    }

    @Test
    void aLargeUnchangedFileIsKeptAsItWasToo() throws Exception {
        write(output, "resources/big.bin", "big content\n");
        FileTime past = FileTime.from(Instant.parse("2026-01-01T00:00:00Z"));
        Files.setLastModifiedTime(output.resolve("resources/big.bin"), past);
        Object inode = Files.getAttribute(output.resolve("resources/big.bin"), "unix:ino");

        try (SnapshotWriter writer = SnapshotWriter.open(output)) {
            Path scratch = writer.newWorkFolder();
            ExtractionTarget<SnapshotConflictException> target = writer.target("job_a", scratch);
            Path spilled = Files.writeString(scratch.resolve("spill"), "big content\n");
            target.move(
                    "resources/big.bin",
                    "resources/big.bin",
                    spilled,
                    FileTrees.sha256("big content\n".getBytes(UTF_8)));
            Path other = Files.writeString(scratch.resolve("spill2"), "other\n");
            target.move(
                    "resources/other.bin", "resources/other.bin", other, FileTrees.sha256("other\n".getBytes(UTF_8)));
            writer.commit();
            assertEquals(new SnapshotChanges(0, 1, 0, 1), writer.changes());
        }

        assertEquals(inode, Files.getAttribute(output.resolve("resources/big.bin"), "unix:ino"));
        assertEquals(past, Files.getLastModifiedTime(output.resolve("resources/big.bin")));
        assertEquals("other\n", Files.readString(output.resolve("resources/other.bin")));
    }

    @Test
    void oldSnapshotStaysVisibleUntilCommit() throws Exception {
        writeOldSnapshot();
        SortedMap<String, String> before = FileTrees.state(output, true);

        try (SnapshotWriter writer = SnapshotWriter.open(output)) {
            add(writer, "job_a", "jobs/kept.job", "v2\n");
            assertEquals(before, withoutPluginFiles(FileTrees.state(output, true)));
            writer.commit();
            assertEquals(Map.of("jobs/", "folder", "jobs/kept.job", "v2\n"), withoutPluginFiles(contents(output)));
        }
    }

    @Test
    void closeWithoutCommitLeavesTheOutputFolderExactlyAsItWas() throws Exception {
        writeOldSnapshot();
        SortedMap<String, String> before = FileTrees.state(output, true);

        try (SnapshotWriter writer = SnapshotWriter.open(output)) {
            add(writer, "job_a", "jobs/kept.job", "v2\n", "jobs/old.job", "new\n", "scripts/s.script", "S\n");
            Files.writeString(writer.newWorkFolder().resolve("package.zip"), "half a download");
        }

        assertEquals(before, FileTrees.state(output, true));
    }

    @Test
    void closeWithoutCommitRemovesTheOutputFolderAndParentsItCreated() throws Exception {
        Path nested = target.resolve("a/b/dlf");
        SortedMap<String, String> before = FileTrees.state(tmp, true);

        try (SnapshotWriter writer = SnapshotWriter.open(nested)) {
            assertTrue(Files.isDirectory(nested));
            add(writer, "job_a", "jobs/job_a.job", "A\n");
        }

        assertFalse(Files.exists(target.resolve("a")));
        assertEquals(before, FileTrees.state(tmp, true));
    }

    @Test
    void closeWithoutCommitRemovesTheOutputFolderItCreatedEvenWithoutParents() throws Exception {
        SortedMap<String, String> before = FileTrees.state(tmp, true);

        try (SnapshotWriter writer = SnapshotWriter.open(output)) {
            add(writer, "job_a", "jobs/job_a.job", "A\n");
        }

        assertFalse(Files.exists(output));
        assertEquals(before, FileTrees.state(tmp, true));
    }

    @Test
    void closeWithoutCommitKeepsACreatedParentThatSomeoneElseFilledMeanwhile() throws Exception {
        Path nested = target.resolve("generated/dlf");

        try (SnapshotWriter writer = SnapshotWriter.open(nested)) {
            write(target, "generated/other-plugin.txt", "not ours\n");
        }

        assertFalse(Files.exists(nested));
        assertEquals(Map.of("other-plugin.txt", "not ours\n"), contents(target.resolve("generated")));
    }

    @Test
    void commitKeepsTheFoldersItCreated() throws Exception {
        Path nested = target.resolve("a/b/dlf");

        try (SnapshotWriter writer = SnapshotWriter.open(nested)) {
            add(writer, "job_a", "jobs/job_a.job", "A\n");
            writer.commit();
        }

        assertEquals(Map.of("jobs/", "folder", "jobs/job_a.job", "A\n"), contents(nested));
    }

    @Test
    void nothingIsWrittenOutsideTheOutputFolder() throws Exception {
        writeOldSnapshot();
        SortedMap<String, String> outside = outside();

        try (SnapshotWriter writer = SnapshotWriter.open(output)) {
            assertEquals(outside, outside());
            Path folder = writer.newWorkFolder();
            assertTrue(folder.toAbsolutePath().normalize().startsWith(output.toAbsolutePath()), folder.toString());
            assertEquals(outside, outside());
            add(writer, "job_a", "jobs/job_a.job", "A\n", "scripts/s.script", "S\n");
            assertEquals(outside, outside());
            writer.commit();
            assertEquals(outside, outside());
        }

        assertEquals(outside, outside());
        assertEquals(List.of("build.log", "classes", "dlf"), list(target));
    }

    @ParameterizedTest
    @ValueSource(strings = {".dlf-work-x/evil", ".dlf-lock", ".dlf-lock/readme.txt"})
    void aFileNamedLikeThePluginsOwnIsRefused(String path) throws Exception {
        try (SnapshotWriter writer = SnapshotWriter.open(output)) {
            SnapshotConflictException e =
                    assertThrows(SnapshotConflictException.class, () -> add(writer, "job_a", path, "E\n"));

            assertTrue(
                    e.getMessage().contains("Job 'job_a' brings " + path + ", a name this plugin reserves"),
                    e.getMessage());
        }
    }

    @Test
    void filesOfOnePackageThatCollideOnDiskMakeThePackageUnsafeNotAConflict() throws Exception {
        try (SnapshotWriter writer = SnapshotWriter.open(output)) {
            add(writer, "job_a", "other/x", "a file\n");

            UnsafeArchiveException e = assertThrows(
                    UnsafeArchiveException.class, () -> add(writer, "job_a", "other/x/y", "needs a folder\n"));
            SnapshotConflictException conflict = assertThrows(
                    SnapshotConflictException.class, () -> add(writer, "job_b", "other/x/z", "needs a folder\n"));

            assertEquals("Entry 'other/x/y' needs a folder where another entry is a file.", e.getMessage());
            assertTrue(
                    conflict.getMessage().startsWith("Jobs 'job_a' and 'job_b' bring other/x and other/x/z"),
                    conflict.getMessage());
            assertEquals(1, writer.files());
        }
    }

    @Test
    void closingTwiceIsHarmless() throws Exception {
        SnapshotWriter writer = SnapshotWriter.open(output);
        writer.close();
        writer.close();

        assertFalse(Files.exists(output));
    }

    @Test
    void sharedFileWithTheSameContentIsWrittenOnce() throws Exception {
        try (SnapshotWriter writer = SnapshotWriter.open(output)) {
            assertEquals(2, add(writer, "job_a", "jobs/job_a.job", "A\n", "scripts/shared.script", "S\n"));
            assertEquals(1, add(writer, "job_b", "jobs/job_b.job", "B\n", "scripts/shared.script", "S\n"));
            assertEquals(0, add(writer, "job_c", "scripts/shared.script", "S\n"));
            writer.commit();
        }

        assertEquals(
                Map.of(
                        "jobs/",
                        "folder",
                        "jobs/job_a.job",
                        "A\n",
                        "jobs/job_b.job",
                        "B\n",
                        "scripts/",
                        "folder",
                        "scripts/shared.script",
                        "S\n"),
                contents(output));
    }

    @Test
    void sharedFileWithDifferentContentIsAConflictNamingBothJobsAndThePath() throws Exception {
        writeOldSnapshot();
        SortedMap<String, String> before = FileTrees.state(output, true);

        try (SnapshotWriter writer = SnapshotWriter.open(output)) {
            add(writer, "job_a", "jobs/job_a.job", "A\n", "scripts/shared.script", "S1\n");
            SnapshotConflictException e = assertThrows(
                    SnapshotConflictException.class,
                    () -> add(writer, "job_b", "jobs/job_b.job", "B\n", "scripts/shared.script", "S2\n"));

            assertEquals(
                    "Jobs 'job_a' and 'job_b' bring different content for scripts/shared.script; export them in"
                            + " separate executions or make the two definitions agree in DataArts Factory. The output folder was left as it was.",
                    e.getMessage());
        }

        assertEquals(
                before, FileTrees.state(output, true), "no commit after the conflict: the old snapshot is untouched");
    }

    @Test
    void jobsWhoseFileNamesDifferOnlyInCaseAreRefusedOnEverySystemAndTheOldSnapshotStays() throws Exception {
        writeOldSnapshot();
        SortedMap<String, String> before = FileTrees.state(output, true);

        try (SnapshotWriter writer = SnapshotWriter.open(output)) {
            add(writer, "daily", "jobs/daily.job", "d\n");
            SnapshotConflictException e =
                    assertThrows(SnapshotConflictException.class, () -> add(writer, "Daily", "jobs/Daily.job", "D\n"));

            assertEquals(
                    "The jobs 'Daily' and 'daily' would be stored as jobs/Daily.job and jobs/daily.job, which differ"
                            + " only in case or in Unicode normalization: Windows and macOS hold them as one file, so a"
                            + " snapshot with both could not be checked out there. Rename one of them in DataArts"
                            + " Factory, or leave one out with excludes. The output folder was left as it was.",
                    e.getMessage());
        }

        assertEquals(before, FileTrees.state(output, true), "nothing committed: the old snapshot is whole");
    }

    @Test
    void scriptsWhoseFileNamesDifferOnlyInUnicodeNormalizationAreRefusedNamingTheJobs() throws Exception {
        try (SnapshotWriter writer = SnapshotWriter.open(output)) {
            add(writer, "job_a", "jobs/job_a.job", "A\n", "scripts/caf\u00E9.script", "S1\n");
            SnapshotConflictException e = assertThrows(
                    SnapshotConflictException.class,
                    () -> add(writer, "job_b", "jobs/job_b.job", "B\n", "scripts/CAFE\u0301.script", "S2\n"));

            assertEquals(
                    "The scripts 'CAFE\u0301' and 'caf\u00E9' (from 'job_b' and 'job_a') would be stored as"
                            + " scripts/CAFE\u0301.script and scripts/caf\u00E9.script, which differ only in case or in"
                            + " Unicode normalization: Windows and macOS hold them as one file, so a snapshot with both"
                            + " could not be checked out there. Rename one of them in DataArts Factory, or leave out the"
                            + " jobs that use one of them with excludes. The output folder was left as it was.",
                    e.getMessage());
        }
    }

    @Test
    void staleWorkFoldersFromACrashedRunAreRemovedOnOpen() throws Exception {
        write(output, "jobs/a.job", "A\n");
        write(output, ".dlf-work-0b9d1c7e/tree/jobs/x.job", "half\n");
        write(output, ".dlf-work-crashed/part-1/package.zip", "zip");
        write(output, ".dlf-work-stray-file", "?");
        Path canary = Files.createDirectories(tmp.resolve("canary"));
        write(canary, "keep.txt", "keep\n");
        Files.createSymbolicLink(output.resolve(".dlf-work-crashed/link-out"), canary);

        try (SnapshotWriter writer = SnapshotWriter.open(output)) {
            List<String> names = list(output);
            assertEquals(3, names.size(), names.toString());
            assertEquals(".dlf-lock", names.get(0));
            assertEquals("jobs", names.get(2));
            assertTrue(names.get(1).matches("\\.dlf-work-[0-9a-f-]{36}"), names.get(1));
            assertFalse(names.get(1).equals(".dlf-work-0b9d1c7e"));
        }

        assertEquals(Map.of("jobs/", "folder", "jobs/a.job", "A\n"), contents(output));
        assertEquals(Map.of("keep.txt", "keep\n"), contents(canary), "the link was removed, not what it points to");
    }

    @Test
    void commitAndCloseLeaveNoWorkFolderBehind() throws Exception {
        writeOldSnapshot();

        try (SnapshotWriter writer = SnapshotWriter.open(output)) {
            add(writer, "job_a", "jobs/job_a.job", "A\n");
            writer.newWorkFolder();
            writer.commit();
        }

        try (Stream<Path> walk = Files.walk(output)) {
            List<String> leftovers = walk.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(".dlf-work-"))
                    .toList();
            assertEquals(List.of(), leftovers);
        }
        assertEquals(List.of("jobs"), list(output));
    }

    @Test
    void extractedPackagesEndUpInTheSnapshot() throws Exception {
        writeOldSnapshot();

        try (SnapshotWriter writer = SnapshotWriter.open(output)) {
            SafeUnzipper unzipper = new SafeUnzipper(new ArchiveLimits(100, 1 << 20), SnapshotLayout.INSTANCE);
            for (String job : List.of("job_a", "job_b")) {
                Path folder = writer.newWorkFolder();
                Path zip = folder.resolve("package.zip");
                writeZip(
                        zip,
                        "jobs/" + job + ".job",
                        "{\"name\":\"" + job + "\"}",
                        "scripts/shared.script",
                        "{\"s\":1}");
                List<ExtractedFile> extracted =
                        unzipper.extract(zip, 1, ExportBudget.unlimited(), writer.target(job, folder));
                Files.delete(zip);
                assertEquals(2, extracted.size());
            }
            assertEquals(3, writer.files());
            writer.commit();
        }

        assertEquals(
                Map.of(
                        "jobs/",
                        "folder",
                        "jobs/job_a.job",
                        "{\n  \"name\": \"job_a\"\n}\n",
                        "jobs/job_b.job",
                        "{\n  \"name\": \"job_b\"\n}\n",
                        "scripts/",
                        "folder",
                        "scripts/shared.script",
                        "{\n  \"s\": 1\n}\n"),
                contents(output));
    }

    // ---------------------------------------------------------------- helpers

    /** Hands name/content pairs to the new snapshot as one job's extracted files; returns how many were new. */
    static int add(SnapshotWriter writer, String job, String... pairs) throws Exception {
        ExtractionTarget<SnapshotConflictException> target = writer.target(job, writer.newWorkFolder());
        int added = 0;
        for (int i = 0; i < pairs.length; i += 2) {
            byte[] content = pairs[i + 1].getBytes(UTF_8);
            if (target.write(pairs[i], pairs[i], content, FileTrees.sha256(content))) {
                added++;
            }
        }
        return added;
    }

    static void write(Path root, String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static void writeZip(Path zip, String... pairs) throws IOException {
        Files.write(zip, TestZip.of(pairs));
    }

    /** Like {@link #state} but with each file's text, for readable expectations. */
    private static SortedMap<String, String> contents(Path root) throws IOException {
        SortedMap<String, String> state = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.filter(p -> !p.equals(root)).toList()) {
                String name = root.relativize(path).toString().replace('\\', '/');
                state.put(
                        Files.isDirectory(path) ? name + "/" : name,
                        Files.isDirectory(path) ? "folder" : Files.readString(path));
            }
        }
        return state;
    }

    /** Without what the plugin keeps in the folder while it works: its work folder and its lock file. */
    private static SortedMap<String, String> withoutPluginFiles(SortedMap<String, String> state) {
        SortedMap<String, String> copy = new TreeMap<>(state);
        copy.keySet().removeIf(path -> path.startsWith(".dlf-work-") || path.equals(".dlf-lock"));
        return copy;
    }

    /** Everything under the temporary folder except the output folder's content. */
    private SortedMap<String, String> outside() throws IOException {
        SortedMap<String, String> state = FileTrees.state(tmp, true);
        String prefix = tmp.relativize(output).toString().replace('\\', '/') + "/";
        state.keySet().removeIf(path -> path.startsWith(prefix));
        return state;
    }

    private static List<String> list(Path folder) throws IOException {
        try (Stream<Path> list = Files.list(folder)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
