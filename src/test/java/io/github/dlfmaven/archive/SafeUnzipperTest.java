package io.github.dlfmaven.archive;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlfmaven.config.IgnoredFields;
import io.github.dlfmaven.maven.MavenSettingNames;
import io.github.dlfmaven.snapshot.SnapshotLayout;
import io.github.dlfmaven.testing.FileTrees;
import io.github.dlfmaven.testing.TestZip;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every archive here is built by the test itself. Layout of the temporary folder:
 * {@code download/package.zip} (the archive), {@code area/out} (the extraction target) and
 * {@code area/canary/keep.txt} (a sibling that must never change). Refusals check that everything outside
 * {@code area/out} is exactly as it was.
 */
class SafeUnzipperTest {

    private static final ArchiveLimits LIMITS = new ArchiveLimits(100, 1L << 20);
    private static final byte[] CANARY = "canary, must not change\n".getBytes(UTF_8);

    @TempDir
    Path tmp;

    private Path zipFile;
    private Path out;
    private Path canary;

    @BeforeEach
    void layout() throws IOException {
        zipFile = Files.createDirectories(tmp.resolve("download")).resolve("package.zip");
        out = tmp.resolve("area/out");
        canary = Files.createDirectories(tmp.resolve("area/canary"));
        Files.write(canary.resolve("keep.txt"), CANARY);
    }

    // ---------------------------------------------------------------- hostile names

    @ParameterizedTest
    @ValueSource(
            strings = {
                "../evil.txt",
                "jobs/../../evil",
                "..\\evil",
                "jobs\\..\\..\\evil.job",
                "../canary/keep.txt",
                "./../evil",
                "jobs/a/../../../evil.job",
                "..",
                "jobs/.."
            })
    void zipSlipIsRefused(String name) throws IOException {
        byte[] zip = TestZip.of(TestZip.file("jobs/ok.job", "{}"), TestZip.file(name, "pwned"));
        try (ZipFile check = ZipFile.builder().setByteArray(zip).get()) {
            assertEquals(
                    name, Collections.list(check.getEntries()).get(1).getName(), "the archive holds the name as given");
        }

        UnsafeArchiveException e = refused(zip, LIMITS);

        assertEquals(
                "Entry '" + name + "' contains '..' and would be written outside the output folder.", e.getMessage());
    }

    @Test
    void backslashSlipMadeOnWindowsIsRefused() throws IOException {
        // Commons-compress itself reads "..\\evil" from a FAT-made entry as "../evil".
        byte[] zip = TestZip.of(TestZip.file("..\\evil", "pwned").madeOn(ZipArchiveEntry.PLATFORM_FAT));
        try (ZipFile check = ZipFile.builder().setByteArray(zip).get()) {
            assertEquals("../evil", check.getEntries().nextElement().getName());
        }

        UnsafeArchiveException e = refused(zip, LIMITS);

        assertEquals("Entry '../evil' contains '..' and would be written outside the output folder.", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"/etc/x", "/x.job", "C:/x", "c:\\x", "C:x", "\\\\server\\share\\x", "//server/share/x", "\\x"})
    void absolutePathIsRefused(String name) throws IOException {
        UnsafeArchiveException e =
                refused(TestZip.of(TestZip.file("jobs/ok.job", "{}"), TestZip.file(name, "pwned")), LIMITS);

        assertEquals("Entry '" + name + "' has an absolute path.", e.getMessage());
    }

    @Test
    void absolutePathIntoTheCanaryIsRefused() throws IOException {
        String name = canary.toAbsolutePath().resolve("keep.txt").toString();
        assertTrue(name.startsWith("/"), name);

        UnsafeArchiveException e = refused(TestZip.of(TestZip.file(name, "pwned")), LIMITS);

        assertEquals("Entry '" + name + "' has an absolute path.", e.getMessage());
        assertArrayEquals(CANARY, Files.readAllBytes(canary.resolve("keep.txt")));
    }

    @Test
    void symbolicLinkIsRefused() throws IOException {
        String target = canary.toAbsolutePath().toString();
        byte[] zip = TestZip.of(
                TestZip.file("jobs/ok.job", "{}"),
                TestZip.symlink("jobs/link", target),
                TestZip.file("jobs/link/evil.txt", "pwned"));
        try (ZipFile check = ZipFile.builder().setByteArray(zip).get()) {
            assertTrue(check.getEntry("jobs/link").isUnixSymlink(), "the test archive must really hold a link");
        }

        UnsafeArchiveException e = refused(zip, LIMITS);

        assertEquals("Entry 'jobs/link' is a symbolic link; job packages never hold links.", e.getMessage());
        assertEquals(List.of("keep.txt"), list(canary));
    }

    @Test
    void symbolicLinkToAParentIsRefusedEvenAsTheFirstEntry() throws IOException {
        UnsafeArchiveException e =
                refused(TestZip.of(TestZip.symlink("up", ".."), TestZip.file("up/evil.txt", "pwned")), LIMITS);

        assertEquals("Entry 'up' is a symbolic link; job packages never hold links.", e.getMessage());
        assertFalse(Files.exists(out.resolve("up"), LinkOption.NOFOLLOW_LINKS));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "jobs/a.job|jobs/a.job",
                "jobs/a.job|./jobs/a.job",
                "jobs/a.job|jobs\\a.job",
                "jobs/a.job|jobs//a.job",
                "other/x.txt|other/./x.txt"
            })
    void duplicateNameIsRefused(String first, String second) throws IOException {
        byte[] zip = TestZip.of(TestZip.file(first, "{\"v\":1}"), TestZip.file(second, "{\"v\":2}"));
        try (ZipFile check = ZipFile.builder().setByteArray(zip).get()) {
            assertEquals(2, Collections.list(check.getEntries()).size());
        }

        UnsafeArchiveException e = refused(zip, LIMITS);

        assertEquals("The archive holds '" + first + "' twice.", e.getMessage());
        // The second copy never overwrote the first.
        byte[] kept = Files.readAllBytes(out.resolve(first));
        assertEquals(first.endsWith(".job") ? "{\n  \"v\": 1\n}\n" : "{\"v\":1}", new String(kept, UTF_8));
    }

    @Test
    void fileWhereAFolderWasIsRefused() throws IOException {
        UnsafeArchiveException e = refused(TestZip.of(TestZip.file("x/y.txt", "1"), TestZip.file("x", "2")), LIMITS);

        assertEquals(
                "Entry 'x' collides with a folder or another file at 'x' (a file and a folder of the same name,"
                        + " or names that differ only in case).",
                e.getMessage());
        assertTrue(Files.isDirectory(out.resolve("x")));
        assertEquals(List.of("y.txt"), list(out.resolve("x")));
    }

    @Test
    void folderWhereAFileWasIsRefused() throws IOException {
        // "a.job" goes to jobs/a.job, but the archive already put a file called "jobs" there.
        UnsafeArchiveException e = refused(TestZip.of(TestZip.file("jobs", "2"), TestZip.file("a.job", "{}")), LIMITS);

        assertEquals("Entry 'a.job' needs a folder where another entry is a file.", e.getMessage());
        assertEquals("2", Files.readString(out.resolve("jobs")));
    }

    // ---------------------------------------------------------------- limits

    @Test
    void tooManyEntriesAreRefusedBeforeAnythingIsWritten() throws IOException {
        byte[] zip = TestZip.of(
                TestZip.directory("jobs/"),
                TestZip.file("jobs/a.job", "{}"),
                TestZip.file("jobs/b.job", "{}"),
                TestZip.file("jobs/c.job", "{}"));

        UnsafeArchiveException e = refused(zip, new ArchiveLimits(3, 1L << 20));

        assertEquals(
                "The archive has 4 entries, more than the limit of 3; raise maxEntries (-Ddlf.maxEntries) if that is"
                        + " expected.",
                e.getMessage());
        assertEquals(List.of(), list(out));
    }

    @Test
    void entriesUpToTheLimitAreAccepted() throws Exception {
        byte[] zip = TestZip.of(
                TestZip.directory("jobs/"), TestZip.file("jobs/a.job", "{}"), TestZip.file("jobs/b.job", "{}"));
        Files.write(zipFile, zip);

        List<ExtractedFile> files =
                new SafeUnzipper(new ArchiveLimits(3, 1L << 20), SnapshotLayout.INSTANCE).extract(zipFile, out);

        assertEquals(
                List.of("jobs/a.job", "jobs/b.job"),
                files.stream().map(ExtractedFile::path).toList());
    }

    @Test
    void zipBombIsRefusedAtTheLimit() throws IOException {
        byte[] zip = TestZip.of(TestZip.file("other/zeros.bin", new byte[5 << 20]));
        assertTrue(zip.length < 64 * 1024, "a bomb: " + zip.length + " bytes inflating to 5 MB");

        UnsafeArchiveException e = refused(zip, LIMITS);

        assertEquals(
                "The archive inflates to more than 1048576 bytes (stopped at entry 'other/zeros.bin'); raise"
                        + " maxExtractedBytes (-Ddlf.maxExtractedBytes) if that is expected.",
                e.getMessage());
        assertEquals(List.of(), regularFiles(out), "the partial file is removed");
    }

    @Test
    void zipBombWithLyingHeaderIsRefusedByCountingWhatIsInflated() throws IOException {
        byte[] zip = TestZip.of(TestZip.file("other/zeros.bin", new byte[5 << 20]));
        int header = centralHeader(zip, "other/zeros.bin");
        putInt(zip, header + 24, 10); // uncompressed size: "10 bytes"
        try (ZipFile check = ZipFile.builder().setByteArray(zip).get()) {
            assertEquals(10, check.getEntry("other/zeros.bin").getSize(), "the header really lies");
        }

        UnsafeArchiveException e = refused(zip, LIMITS);

        assertEquals(
                "The archive inflates to more than 1048576 bytes (stopped at entry 'other/zeros.bin'); raise"
                        + " maxExtractedBytes (-Ddlf.maxExtractedBytes) if that is expected.",
                e.getMessage());
        assertEquals(List.of(), regularFiles(out));
    }

    @Test
    void limitCountsTheWholeArchiveNotEachEntry() throws IOException {
        byte[] part = new byte[400 * 1024];
        byte[] zip = TestZip.of(
                TestZip.file("other/a.bin", part),
                TestZip.file("other/b.bin", part),
                TestZip.file("other/c.bin", part));

        UnsafeArchiveException e = refused(zip, LIMITS);

        assertTrue(
                e.getMessage()
                        .startsWith("The archive inflates to more than 1048576 bytes (stopped at entry"
                                + " 'other/c.bin')"),
                e.getMessage());
        assertEquals(List.of("other/a.bin", "other/b.bin"), regularFiles(out));
    }

    @Test
    void exactlyTheLimitIsAccepted() throws Exception {
        Files.write(zipFile, TestZip.of(TestZip.file("other/full.bin", new byte[1 << 20])));

        List<ExtractedFile> files = new SafeUnzipper(LIMITS, SnapshotLayout.INSTANCE).extract(zipFile, out);

        assertEquals(1, files.size());
        assertEquals(1L << 20, files.get(0).size());
        assertEquals(1L << 20, Files.size(out.resolve("other/full.bin")));
    }

    // ---------------------------------------------------------------- broken archives

    @Test
    void truncatedZipIsRefused() throws IOException {
        byte[] good = TestZip.of(
                TestZip.file("jobs/a.job", "{\"a\":1}"),
                TestZip.file("scripts/s.script", "{\"s\":\"select 1\"}"),
                TestZip.file("other/r.txt", "x".repeat(2000)));

        UnsafeArchiveException half = refused(Arrays.copyOf(good, good.length / 2), LIMITS);
        assertTrue(
                half.getMessage()
                        .startsWith("The archive is truncated or corrupt: its table of contents cannot be" + " read ("),
                half.getMessage());

        UnsafeArchiveException lastByte = refused(Arrays.copyOf(good, good.length - 1), LIMITS);
        assertTrue(lastByte.getMessage().startsWith("The archive is truncated or corrupt"), lastByte.getMessage());
        assertEquals(List.of(), list(out));
    }

    @Test
    void corruptDeflateDataIsRefused() throws IOException {
        byte[] zip = TestZip.of(TestZip.file("other/a.txt", "hello world, hello world, hello world, hello world"));
        int data = dataOffset(zip, "other/a.txt");
        zip[data + 3] ^= 0x55;
        zip[data + 4] ^= 0x55;

        UnsafeArchiveException e = refused(zip, LIMITS);

        assertTrue(e.getMessage().startsWith("The archive is truncated or corrupt"), e.getMessage());
        assertEquals(List.of(), regularFiles(out));
    }

    @ParameterizedTest
    @ValueSource(ints = {ZipEntry.STORED, ZipEntry.DEFLATED})
    void wrongCrcIsRefused(int method) throws IOException {
        byte[] zip = TestZip.of(
                TestZip.file("other/a.txt", "hello world".getBytes(UTF_8)).method(method));
        int header = centralHeader(zip, "other/a.txt");
        zip[header + 16] ^= 0x01;

        UnsafeArchiveException e = refused(zip, LIMITS);

        assertEquals("The archive is truncated or corrupt: entry 'other/a.txt' fails its CRC check.", e.getMessage());
        assertEquals(List.of(), regularFiles(out));
    }

    @Test
    void damagedStoredDataIsRefused() throws IOException {
        byte[] zip = TestZip.of(
                TestZip.file("other/a.txt", "hello world".getBytes(UTF_8)).method(ZipEntry.STORED));
        int data = dataOffset(zip, "other/a.txt");
        assertEquals('h', zip[data]);
        zip[data] = 'j';

        UnsafeArchiveException e = refused(zip, LIMITS);

        assertEquals("The archive is truncated or corrupt: entry 'other/a.txt' fails its CRC check.", e.getMessage());
    }

    @Test
    void encryptedEntryIsRefused() throws IOException {
        byte[] zip = TestZip.of(TestZip.file("other/a.txt", "secret"));
        zip[centralHeader(zip, "other/a.txt") + 8] |= 0x01; // general purpose bit 0: encrypted

        UnsafeArchiveException e = refused(zip, LIMITS);

        assertEquals(
                "Entry 'other/a.txt' uses a compression method or encryption this plugin cannot read.", e.getMessage());
    }

    // ---------------------------------------------------------------- not a zip at all

    @Test
    void htmlPageIsNamedAndQuoted() throws IOException {
        String start =
                "<!DOCTYPE html>\n<html>\n<head><title>407 Proxy Authentication Required</title></head>\n<body>\n"
                        + "<h1>Proxy Authentication Required</h1>\n<p>";
        String page = start + "x".repeat(600) + "</p>\n</body>\n</html>\n";
        String flatStart =
                "<!DOCTYPE html> <html> <head><title>407 Proxy Authentication Required</title></head> <body> "
                        + "<h1>Proxy Authentication Required</h1> <p>";

        UnsafeArchiveException e = refused(page.getBytes(UTF_8), LIMITS);

        assertEquals(
                "The server did not send a zip archive but " + page.length() + " bytes of an HTML page (often a"
                        + " proxy's or a login portal's) starting '" + flatStart + "x".repeat(200 - flatStart.length())
                        + "...'.",
                e.getMessage());
        assertFalse(Files.exists(out), "nothing is created for a body that is not a zip");
    }

    @Test
    void jsonBodyIsNamedAndQuoted() throws IOException {
        String json = "{\"error_code\":\"DLF.0817\",\"error_msg\":\"The job does not exist.\"}";

        UnsafeArchiveException e = refused(json.getBytes(UTF_8), LIMITS);

        assertEquals(
                "The server did not send a zip archive but " + json.length() + " bytes of JSON starting '" + json
                        + "'.",
                e.getMessage());
        assertFalse(Files.exists(out));
    }

    @Test
    void emptyBodyIsNamed() throws IOException {
        UnsafeArchiveException e = refused(new byte[0], LIMITS);

        assertEquals("The server did not send a zip archive but 0 bytes of an empty body.", e.getMessage());
        assertFalse(Files.exists(out));
    }

    @Test
    void randomBinaryIsNamed() throws IOException {
        byte[] noise = new byte[4096];
        new Random(42).nextBytes(noise);
        noise[0] = 0;

        UnsafeArchiveException e = refused(noise, LIMITS);

        assertEquals("The server did not send a zip archive but 4096 bytes of binary data.", e.getMessage());
        assertFalse(Files.exists(out));
    }

    @Test
    void plainTextIsNamedAndQuoted() throws IOException {
        UnsafeArchiveException e = refused("Service Unavailable\r\n".getBytes(UTF_8), LIMITS);

        assertEquals(
                "The server did not send a zip archive but 21 bytes of text starting 'Service Unavailable'.",
                e.getMessage());
    }

    // ---------------------------------------------------------------- good packages

    @Test
    void jsonExtensionIsMatchedInAnyCase() throws Exception {
        Files.write(zipFile, TestZip.of(TestZip.file("cdm/X.JSON", "{\"b\":1,\"a\":2}")));

        List<ExtractedFile> files = new SafeUnzipper(LIMITS, SnapshotLayout.INSTANCE).extract(zipFile, out);

        byte[] normalized = "{\n  \"a\": 2,\n  \"b\": 1\n}\n".getBytes(UTF_8);
        assertEquals(List.of(extracted("cdm/X.JSON", normalized, true)), files);
        assertArrayEquals(normalized, Files.readAllBytes(out.resolve("cdm/X.JSON")));
    }

    @Test
    void singleExportLayoutIsExtractedAndNormalized() throws Exception {
        byte[] readme = "line 1\r\nline 2 {\"b\":1,\"a\":2}\r\n".getBytes(UTF_8);
        Files.write(
                zipFile,
                TestZip.of(
                        TestZip.directory("jobs/"),
                        TestZip.file("jobs/a.job", "{\"name\":\"a\",\"nodes\":[{\"type\":\"DWS\",\"id\":2}]}"),
                        TestZip.directory("scripts/"),
                        TestZip.file(
                                "scripts/s.script", "{\"type\":\"DWS\",\"content\":\"select 1;\\n\",\"name\":\"s\"}"),
                        TestZip.file(
                                "resources/r.resource",
                                "{\r\n\t\"name\": \"r\",\r\n\t\"location\": \"obs://b/r.jar\"\r\n}\r\n"),
                        TestZip.file("cdm/x.json", "{\"b\":1,\"a\":2}"),
                        TestZip.file("other/readme.txt", readme)));

        List<ExtractedFile> files = new SafeUnzipper(LIMITS, SnapshotLayout.INSTANCE).extract(zipFile, out);

        byte[] job =
                "{\n  \"name\": \"a\",\n  \"nodes\": [\n    {\n      \"id\": 2,\n      \"type\": \"DWS\"\n    }\n  ]\n}\n"
                        .getBytes(UTF_8);
        byte[] script =
                "{\n  \"content\": \"select 1;\\n\",\n  \"name\": \"s\",\n  \"type\": \"DWS\"\n}\n".getBytes(UTF_8);
        byte[] resource = "{\n  \"location\": \"obs://b/r.jar\",\n  \"name\": \"r\"\n}\n".getBytes(UTF_8);
        byte[] cdm = "{\n  \"a\": 2,\n  \"b\": 1\n}\n".getBytes(UTF_8);
        assertEquals(
                List.of(
                        extracted("jobs/a.job", job, true),
                        extracted("scripts/s.script", script, true),
                        extracted("resources/r.resource", resource, true),
                        extracted("cdm/x.json", cdm, true),
                        // Only definitions can report false; other files are copied as they are.
                        extracted("other/readme.txt", readme, true)),
                files);
        assertEquals(
                tree(
                        "jobs/",
                        "jobs/a.job",
                        "scripts/",
                        "scripts/s.script",
                        "resources/",
                        "resources/r.resource",
                        "cdm/",
                        "cdm/x.json",
                        "other/",
                        "other/readme.txt"),
                FileTrees.state(out, false).keySet());
        assertArrayEquals(job, Files.readAllBytes(out.resolve("jobs/a.job")));
        assertArrayEquals(script, Files.readAllBytes(out.resolve("scripts/s.script")));
        assertArrayEquals(resource, Files.readAllBytes(out.resolve("resources/r.resource")));
        assertArrayEquals(cdm, Files.readAllBytes(out.resolve("cdm/x.json")));
        assertArrayEquals(readme, Files.readAllBytes(out.resolve("other/readme.txt")));
        assertOutsideUntouched();
    }

    @Test
    void batchLayoutIsMappedOntoJobsScriptsAndResources() throws Exception {
        Files.write(
                zipFile,
                TestZip.of(
                        TestZip.directory("jobs/"),
                        TestZip.directory("jobs/job_batch/"),
                        TestZip.file("jobs/job_batch/job_batch.job", "{\"name\":\"job_batch\"}"),
                        TestZip.file("jobs/job_batch/dws_sql.script", "{\"name\":\"dws_sql\"}"),
                        TestZip.directory("jobs/job_stream/"),
                        TestZip.file("jobs/job_stream/job_stream.job", "{\"name\":\"job_stream\"}"),
                        TestZip.file("jobs/job_stream/udf.resource", "{\"name\":\"udf\"}")));

        List<ExtractedFile> files = new SafeUnzipper(LIMITS, SnapshotLayout.INSTANCE).extract(zipFile, out);

        assertEquals(
                List.of(
                        "jobs/job_batch.job",
                        "scripts/dws_sql.script",
                        "jobs/job_stream.job",
                        "resources/udf.resource"),
                files.stream().map(ExtractedFile::path).toList());
        assertEquals(
                tree(
                        "jobs/",
                        "jobs/job_batch.job",
                        "jobs/job_stream.job",
                        "scripts/",
                        "scripts/dws_sql.script",
                        "resources/",
                        "resources/udf.resource"),
                FileTrees.state(out, false).keySet());
        assertEquals("{\n  \"name\": \"dws_sql\"\n}\n", Files.readString(out.resolve("scripts/dws_sql.script")));
    }

    @Test
    void sameScriptInTwoBatchFoldersIsWrittenOnce() throws Exception {
        // Equal after normalization, though the bytes in the archive differ.
        Files.write(
                zipFile,
                TestZip.of(
                        TestZip.file("jobs/job_batch/job_batch.job", "{}"),
                        TestZip.file("jobs/job_batch/dws_sql.script", "{\"name\":\"dws_sql\",\"type\":\"DWS\"}"),
                        TestZip.file("jobs/job_stream/job_stream.job", "{}"),
                        TestZip.file(
                                "jobs/job_stream/dws_sql.script",
                                "{ \"type\" : \"DWS\",\r\n  \"name\" : \"dws_sql\" }\r\n")));

        List<ExtractedFile> files = new SafeUnzipper(LIMITS, SnapshotLayout.INSTANCE).extract(zipFile, out);

        byte[] script = "{\n  \"name\": \"dws_sql\",\n  \"type\": \"DWS\"\n}\n".getBytes(UTF_8);
        assertEquals(
                List.of(
                        extracted("jobs/job_batch.job", "{}\n".getBytes(UTF_8), true),
                        extracted("scripts/dws_sql.script", script, true),
                        extracted("jobs/job_stream.job", "{}\n".getBytes(UTF_8), true)),
                files);
        assertEquals(
                tree("jobs/", "jobs/job_batch.job", "jobs/job_stream.job", "scripts/", "scripts/dws_sql.script"),
                FileTrees.state(out, false).keySet(),
                "no temporary file is left behind");
        assertArrayEquals(script, Files.readAllBytes(out.resolve("scripts/dws_sql.script")));
    }

    @Test
    void sameScriptWithDifferentContentIsRefused() throws IOException {
        byte[] zip = TestZip.of(
                TestZip.file("jobs/job_batch/dws_sql.script", "{\"sql\":\"select 1\"}"),
                TestZip.file("jobs/job_stream/dws_sql.script", "{\"sql\":\"select 2\"}"));

        UnsafeArchiveException e = refused(zip, LIMITS);

        assertEquals(
                "The archive holds two different files for 'scripts/dws_sql.script': 'jobs/job_batch/dws_sql.script'"
                        + " and 'jobs/job_stream/dws_sql.script'.",
                e.getMessage());
        assertEquals("{\n  \"sql\": \"select 1\"\n}\n", Files.readString(out.resolve("scripts/dws_sql.script")));
        assertEquals(List.of("scripts/dws_sql.script"), regularFiles(out));
    }

    @Test
    void definitionThatIsNotJsonIsKeptByteForByte() throws Exception {
        byte[] notJson = {'n', 'o', 't', ' ', '{', '\r', '\n', 0, (byte) 0xff, (byte) 0xfe, '}'};
        byte[] duplicateKeys = "{\"a\":1,\"a\":2}".getBytes(UTF_8);
        Files.write(
                zipFile,
                TestZip.of(
                        TestZip.file("jobs/broken.job", notJson), TestZip.file("scripts/dup.script", duplicateKeys)));

        List<ExtractedFile> files = new SafeUnzipper(LIMITS, SnapshotLayout.INSTANCE).extract(zipFile, out);

        assertEquals(
                List.of(
                        extracted("jobs/broken.job", notJson, false),
                        extracted("scripts/dup.script", duplicateKeys, false)),
                files);
        assertArrayEquals(notJson, Files.readAllBytes(out.resolve("jobs/broken.job")));
        assertArrayEquals(duplicateKeys, Files.readAllBytes(out.resolve("scripts/dup.script")));
    }

    @Test
    void definitionTooLargeToNormalizeIsKeptByteForByte() throws Exception {
        byte[] json = "{\"b\":1,\"a\":2}".getBytes(UTF_8);
        byte[] large = Arrays.copyOf(json, (int) SafeUnzipper.MAX_NORMALIZED_BYTES + 1);
        Arrays.fill(large, json.length, large.length, (byte) ' ');
        Files.write(zipFile, TestZip.of(TestZip.file("jobs/large.job", large), TestZip.file("jobs/small.job", json)));

        List<ExtractedFile> files =
                new SafeUnzipper(new ArchiveLimits(10, 16L << 20), SnapshotLayout.INSTANCE).extract(zipFile, out);

        ExtractedFile verbatim = extracted("jobs/large.job", large, false);
        assertEquals(
                List.of(
                        new ExtractedFile(
                                verbatim.path(),
                                verbatim.size(),
                                verbatim.sha256(),
                                false,
                                "larger than 8388608 bytes, the most this plugin normalizes"),
                        extracted("jobs/small.job", "{\n  \"a\": 2,\n  \"b\": 1\n}\n".getBytes(UTF_8), true)),
                files);
        assertArrayEquals(large, Files.readAllBytes(out.resolve("jobs/large.job")));
    }

    @Test
    void nonAsciiNamesAndContentSurvive() throws Exception {
        Files.write(
                zipFile,
                TestZip.of(
                        TestZip.file("jobs/作业1.job", "{\"名称\":\"作业1\",\"a\":\"é\"}"),
                        TestZip.file("jobs/批处理/脚本.script", "{\"sql\":\"select '数据'\"}")));

        List<ExtractedFile> files = new SafeUnzipper(LIMITS, SnapshotLayout.INSTANCE).extract(zipFile, out);

        byte[] job = "{\n  \"a\": \"é\",\n  \"名称\": \"作业1\"\n}\n".getBytes(UTF_8);
        byte[] script = "{\n  \"sql\": \"select '数据'\"\n}\n".getBytes(UTF_8);
        assertEquals(
                List.of(extracted("jobs/作业1.job", job, true), extracted("scripts/脚本.script", script, true)), files);
        assertArrayEquals(job, Files.readAllBytes(out.resolve("jobs").resolve("作业1.job")));
        assertArrayEquals(script, Files.readAllBytes(out.resolve("scripts").resolve("脚本.script")));
        assertEquals(
                tree("jobs/", "jobs/作业1.job", "scripts/", "scripts/脚本.script"),
                FileTrees.state(out, false).keySet());
    }

    @ParameterizedTest
    @ValueSource(ints = {ZipEntry.STORED, ZipEntry.DEFLATED})
    void filesTooLargeToHoldInMemoryPassThroughAScratchFileAndLeaveNothingBehind(int method) throws Exception {
        byte[] big = new byte[(int) SafeUnzipper.IN_MEMORY_BYTES * 3 + 17];
        new Random(7).nextBytes(big);
        // Half of it repeats, so the deflated entry really is inflated in several rounds of input.
        System.arraycopy(big, 0, big, big.length / 2, big.length / 2 - 1);
        byte[] definition = "{\"a\":[1,2]}".getBytes(UTF_8);
        Files.write(
                zipFile,
                TestZip.of(
                        TestZip.file("other/big.bin", big).method(method),
                        TestZip.file("jobs/a.job", definition).method(method)));

        List<ExtractedFile> files = new SafeUnzipper(LIMITS.times(4), SnapshotLayout.INSTANCE).extract(zipFile, out);

        assertArrayEquals(big, Files.readAllBytes(out.resolve("other/big.bin")));
        assertEquals(FileTrees.sha256(big), files.get(0).sha256());
        assertEquals(big.length, files.get(0).size());
        assertEquals("{\n  \"a\": [\n    1,\n    2\n  ]\n}\n", Files.readString(out.resolve("jobs/a.job")));
        assertEquals(
                Set.of("jobs/", "jobs/a.job", "other/", "other/big.bin"),
                FileTrees.state(out, false).keySet(),
                "no scratch file is left");
    }

    @Test
    void emptyZipGivesNoFiles() throws Exception {
        byte[] empty = TestZip.create().bytes();
        assertEquals(22, empty.length, "just the end of central directory record");
        Files.write(zipFile, empty);

        assertEquals(List.of(), new SafeUnzipper(LIMITS, SnapshotLayout.INSTANCE).extract(zipFile, out));
        assertEquals(List.of(), list(out));
    }

    // ---------------------------------------------------------------- helpers

    /** Extracts, expects a refusal, and checks that nothing outside the target changed and no link was made. */
    private UnsafeArchiveException refused(byte[] zip, ArchiveLimits limits) throws IOException {
        Files.write(zipFile, zip);
        SortedMap<String, String> before = outside();
        UnsafeArchiveException e = assertThrows(
                UnsafeArchiveException.class,
                () -> new SafeUnzipper(limits, MavenSettingNames.INSTANCE, SnapshotLayout.INSTANCE, IgnoredFields.NONE)
                        .extract(zipFile, out));
        assertEquals(before, outside(), "nothing outside the target folder changed");
        assertOutsideUntouched();
        if (Files.exists(out)) {
            for (String path : FileTrees.state(out, false).keySet()) {
                assertFalse(Files.isSymbolicLink(out.resolve(path)), path);
                assertFalse(path.endsWith(".part"), "temporary file left behind: " + path);
            }
        }
        return e;
    }

    private void assertOutsideUntouched() throws IOException {
        assertEquals(List.of("keep.txt"), list(canary));
        assertArrayEquals(CANARY, Files.readAllBytes(canary.resolve("keep.txt")));
        assertEquals(Files.exists(out) ? List.of("canary", "out") : List.of("canary"), list(tmp.resolve("area")));
        assertEquals(List.of("area", "download"), list(tmp));
        assertEquals(List.of("package.zip"), list(tmp.resolve("download")));
    }

    /** Every path under the temporary folder except the target's content, with a digest of each file. */
    private SortedMap<String, String> outside() throws IOException {
        SortedMap<String, String> state = FileTrees.state(tmp, false);
        state.keySet().removeIf(path -> path.startsWith("area/out/"));
        state.remove("area/out/");
        return state;
    }

    private static Set<String> tree(String... paths) {
        return new TreeSet<>(List.of(paths));
    }

    private static List<String> list(Path folder) throws IOException {
        try (Stream<Path> list = Files.list(folder)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static List<String> regularFiles(Path root) throws IOException {
        return FileTrees.state(root, false).keySet().stream()
                .filter(p -> !p.endsWith("/"))
                .toList();
    }

    private static ExtractedFile extracted(String path, byte[] content, boolean normalized) {
        return new ExtractedFile(path, content.length, FileTrees.sha256(content), normalized);
    }

    private static int centralHeader(byte[] zip, String name) {
        return header(zip, 0x02014b50, 28, 46, name);
    }

    private static int localHeader(byte[] zip, String name) {
        return header(zip, 0x04034b50, 26, 30, name);
    }

    /** Offset of the header with that signature whose name (length at lengthAt, text at nameAt) is {@code name}. */
    private static int header(byte[] zip, int signature, int lengthAt, int nameAt, String name) {
        byte[] wanted = name.getBytes(UTF_8);
        for (int i = 0; i + nameAt <= zip.length; i++) {
            if (getInt(zip, i) == signature
                    && (getShort(zip, i + lengthAt)) == wanted.length
                    && Arrays.equals(zip, i + nameAt, i + nameAt + wanted.length, wanted, 0, wanted.length)) {
                return i;
            }
        }
        throw new AssertionError("no header for " + name);
    }

    /** Where an entry's data starts: after its local header, name and extra field. */
    private static int dataOffset(byte[] zip, String name) {
        int header = localHeader(zip, name);
        return header + 30 + getShort(zip, header + 26) + getShort(zip, header + 28);
    }

    private static int getShort(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    private static int getInt(byte[] b, int at) {
        return getShort(b, at) | getShort(b, at + 2) << 16;
    }

    private static void putInt(byte[] b, int at, int value) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (value >>> (8 * i));
        }
    }
}
