package io.github.dlfmaven.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlfmaven.config.IgnoredFields;
import io.github.dlfmaven.maven.MavenSettingNames;
import io.github.dlfmaven.snapshot.SnapshotLayout;
import io.github.dlfmaven.testing.ChildJvm;
import io.github.dlfmaven.testing.TestZip;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Packages built to exhaust memory or disk: directories with too many entries, JSON that explodes when parsed or
 * pretty-printed, batches that add up, names that forge log lines. Where the danger is memory, the extraction
 * runs in a second JVM with a small heap, as a build on a small CI agent would.
 */
class HostileArchiveTest {

    private static final ArchiveLimits LIMITS = new ArchiveLimits(10_000, 1L << 30);

    @TempDir
    Path tmp;

    // ---------------------------------------------------------------- entries

    @Test
    void anEndRecordAnnouncingTooManyEntriesIsRefusedBeforeTheDirectoryIsRead() throws Exception {
        byte[] zip = zip(List.of("jobs/a.job"), "{}");
        announce(zip, 65_000);
        Path file = Files.write(tmp.resolve("package.zip"), zip);

        UnsafeArchiveException e = assertThrows(
                UnsafeArchiveException.class,
                () -> unzipper(new ArchiveLimits(10, 1 << 20)).extract(file, tmp.resolve("out")));

        assertEquals(
                "The archive has 65000 entries, more than the limit of 10; raise maxEntries (-Ddlf.maxEntries) if that"
                        + " is expected.",
                e.getMessage());
    }

    @Test
    void moreHeadersThanTheEndRecordAnnouncesAreCountedToo() throws Exception {
        byte[] zip = zip(names(30), "{}");
        announce(zip, 2); // commons-compress reads every header regardless
        Path file = Files.write(tmp.resolve("package.zip"), zip);

        UnsafeArchiveException e = assertThrows(
                UnsafeArchiveException.class,
                () -> unzipper(new ArchiveLimits(10, 1 << 20)).extract(file, tmp.resolve("out")));

        assertTrue(e.getMessage().startsWith("The archive has more than 10 entries"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("out/jobs")), "nothing was extracted");
    }

    @Test
    void aZip64LocatorCannotHideTheEntriesFromTheCount() throws Exception {
        // commons-compress trusts a zip64 locator before the end record, whatever the 32-bit record says.
        byte[] zip = zip(names(50), "{}");
        ByteBuffer original = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int end = zip.length - 22;
        long directorySize = Integer.toUnsignedLong(original.getInt(end + 12));
        long directoryStart = Integer.toUnsignedLong(original.getInt(end + 16));
        ByteBuffer lying = ByteBuffer.allocate(end + 56 + 20 + 22).order(ByteOrder.LITTLE_ENDIAN);
        lying.put(zip, 0, end);
        lying.putInt(0x06064b50)
                .putLong(44)
                .putShort((short) 45)
                .putShort((short) 45)
                .putInt(0)
                .putInt(0)
                .putLong(1)
                .putLong(1)
                .putLong(directorySize)
                .putLong(directoryStart); // zip64 end: "1 entry"
        lying.putInt(0x07064b50).putInt(0).putLong(end).putInt(1); // the locator, pointing at it
        lying.putInt(0x06054b50)
                .putShort((short) 0)
                .putShort((short) 0)
                .putShort((short) 1)
                .putShort((short) 1)
                .putInt(0)
                .putInt(end)
                .putShort((short) 0); // 32-bit end: "1 entry", its directory "at" the zip64 record
        Path file = Files.write(tmp.resolve("package.zip"), lying.array());

        UnsafeArchiveException e = assertThrows(
                UnsafeArchiveException.class,
                () -> unzipper(new ArchiveLimits(10, 1 << 20)).extract(file, tmp.resolve("out")));

        assertTrue(e.getMessage().startsWith("The archive has more than 10 entries"), e.getMessage());
    }

    @Test
    void threeHundredThousandEntriesAreRefusedWithinASmallHeap() throws Exception {
        TestZip many = TestZip.create();
        for (int i = 0; i < 300_000; i++) {
            many.add(TestZip.stored("e" + i, new byte[0]));
        }
        Path file = many.write(tmp.resolve("many.zip"));

        ChildJvm.Result result = ChildJvm.start(
                        ExtractInAChild.class,
                        List.of("-Xmx48m"),
                        file.toString(),
                        tmp.resolve("out").toString(),
                        "10000")
                .await(120);

        assertEquals(0, result.exitCode(), result.output());
        assertEquals(
                "refused: The archive has 300000 entries, more than the limit of 10000; raise maxEntries"
                        + " (-Ddlf.maxEntries) if that is expected.\n",
                result.output());
    }

    @Test
    void packagesShareTheWholeExportsEntryBudget() throws Exception {
        ExportBudget budget = new ExportBudget(Long.MAX_VALUE, 25, MavenSettingNames.INSTANCE);
        SafeUnzipper unzipper = unzipper(LIMITS);
        unzipper.extract(
                Files.write(tmp.resolve("1.zip"), zip(names(20), "{}")), 1, budget, new FolderTarget(tmp.resolve("1")));

        UnsafeArchiveException e = assertThrows(
                UnsafeArchiveException.class,
                () -> unzipper.extract(
                        Files.write(tmp.resolve("2.zip"), zip(names(6), "{}")),
                        1,
                        budget,
                        new FolderTarget(tmp.resolve("2"))));

        assertEquals(
                "The export as a whole would extract more than 25 entries (this package holds 6); raise"
                        + " maxTotalEntries (-Ddlf.maxTotalEntries) if that is expected.",
                e.getMessage());
    }

    // ---------------------------------------------------------------- bytes

    @Test
    void batchesShareTheWholeExportsByteBudgetCountedWhileInflating() throws Exception {
        ExportBudget budget = new ExportBudget(1_000, Long.MAX_VALUE, MavenSettingNames.INSTANCE);
        SafeUnzipper unzipper = unzipper(new ArchiveLimits(100, 800));
        String content = "x".repeat(600);
        // Each package is far within its own limit of 100 jobs x 800 bytes; together they are over the export's.
        unzipper.extract(
                Files.write(tmp.resolve("1.zip"), zip(List.of("other/1.bin"), content)),
                100,
                budget,
                new FolderTarget(tmp.resolve("1")));

        UnsafeArchiveException e = assertThrows(
                UnsafeArchiveException.class,
                () -> unzipper.extract(
                        Files.write(tmp.resolve("2.zip"), zip(List.of("other/2.bin"), content)),
                        100,
                        budget,
                        new FolderTarget(tmp.resolve("2"))));

        assertEquals(
                "The export as a whole inflates to more than 1000 bytes (stopped at entry 'other/2.bin'); raise"
                        + " maxTotalBytes (-Ddlf.maxTotalBytes) if that is expected.",
                e.getMessage());
    }

    @Test
    void whatNormalizingAddsCountsAgainstTheLimit() throws Exception {
        // 40 values one level down: 161 bytes sent, over 600 bytes once indented.
        String json = "{\"values\":[" + "\"abcdefghijklm\",".repeat(39) + "\"abcdefghijklm\"]}";
        Path file = Files.write(tmp.resolve("package.zip"), zip(List.of("jobs/a.job"), json));

        UnsafeArchiveException e = assertThrows(
                UnsafeArchiveException.class,
                () -> unzipper(new ArchiveLimits(10, json.length() + 100)).extract(file, tmp.resolve("out")));

        assertTrue(
                e.getMessage().startsWith("The archive inflates to more than " + (json.length() + 100) + " bytes"),
                e.getMessage());
    }

    @Test
    void explosiveJsonIsKeptVerbatimWithinASmallHeap() throws Exception {
        String nested = "[".repeat(24_500) + "]".repeat(24_500); // 49 KB
        String grower = "[".repeat(90) + "1,".repeat(25_000) + "1" + "]".repeat(90);
        String ones = "[" + "1,".repeat(4_000_000) + "1]"; // 8 MB, a few KB deflated: four million values parsed
        Path file = tmp.resolve("package.zip");
        Files.write(file, zip(new String[][] {
            {"jobs/tiny.job", "{\"threshold\":1e-999999999,\"name\":\"tiny\"}"},
            {"jobs/nested.job", nested},
            {"jobs/grower.job", grower},
            {"jobs/ones.job", ones}
        }));

        ChildJvm.Result result = ChildJvm.start(
                        ExtractInAChild.class,
                        List.of("-Xmx128m"),
                        file.toString(),
                        tmp.resolve("out").toString(),
                        "10000")
                .await(120);

        assertEquals(0, result.exitCode(), result.output());
        assertEquals("""
                jobs/tiny.job normalized
                jobs/nested.job kept: nested deeper than 100 levels
                jobs/grower.job kept: its normalized form would be larger than %d bytes
                jobs/ones.job kept: more than 100000 values
                """.formatted(JsonNormalizer.maxOutputBytes(grower.length())), result.output());
        assertEquals(
                "{\n  \"name\": \"tiny\",\n  \"threshold\": 1e-999999999\n}\n",
                Files.readString(tmp.resolve("out/jobs/tiny.job")));
        assertEquals(nested, Files.readString(tmp.resolve("out/jobs/nested.job")));
    }

    // ---------------------------------------------------------------- names

    @Test
    void entryNamesInMessagesCannotForgeLogLines() throws Exception {
        byte[] zip = zip(new String[][] {
            {"jobs/a\u001b[2J\n[INFO] BUILD SUCCESS.job", "{}"}, {"jobs/a\u001b[2J\n[INFO] BUILD SUCCESS.job", "{}"}
        });
        Path file = Files.write(tmp.resolve("package.zip"), zip);

        UnsafeArchiveException e = assertThrows(
                UnsafeArchiveException.class, () -> unzipper(LIMITS).extract(file, tmp.resolve("out")));

        assertFalse(e.getMessage().chars().anyMatch(c -> c < 0x20), e.getMessage());
        assertTrue(e.getMessage().contains("a\\u001B[2J\\n[INFO] BUILD SUCCESS.job"), e.getMessage());
    }

    @Test
    void aZipLibrarysMessageQuotingAnEntryNameIsEscapedAndCountsAsCorrupt() throws Exception {
        String name = "jobs/x\u001b[2J\r[INFO] BUILD SUCCESS.job";
        byte[] zip = zip(new String[][] {{"jobs/a.job", "{}"}, {name, "{}"}});
        // Point the second entry's local header past the central directory, which commons-compress refuses in words
        // that quote the name.
        ByteBuffer buffer = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int directory = buffer.getInt(zip.length - 22 + 16);
        int second = directory
                + 46
                + buffer.getShort(directory + 28)
                + buffer.getShort(directory + 30)
                + buffer.getShort(directory + 32);
        buffer.putInt(second + 42, directory + 1000);
        Path file = Files.write(tmp.resolve("package.zip"), zip);

        UnsafeArchiveException e = assertThrows(
                UnsafeArchiveException.class, () -> unzipper(LIMITS).extract(file, tmp.resolve("out")));

        assertTrue(e.getMessage().startsWith("The archive is truncated or corrupt"), e.getMessage());
        assertFalse(e.getMessage().chars().anyMatch(c -> c < 0x20), e.getMessage());
    }

    // ---------------------------------------------------------------- helpers

    /** Extracts in a JVM of its own: prints each file's outcome, or the refusal; an OutOfMemoryError ends it with 1. */
    public static final class ExtractInAChild {
        public static void main(String[] args) throws Exception {
            try {
                for (ExtractedFile file : unzipper(new ArchiveLimits(Integer.parseInt(args[2]), 1L << 30))
                        .extract(Path.of(args[0]), Path.of(args[1]))) {
                    System.out.println(
                            file.path() + (file.normalized() ? " normalized" : " kept: " + file.keptBecause()));
                }
            } catch (UnsafeArchiveException e) {
                System.out.println("refused: " + e.getMessage());
            } catch (OutOfMemoryError e) {
                System.out.println("out of memory");
                System.exit(1);
            }
        }
    }

    private static List<String> names(int count) {
        return java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> "jobs/j" + i + ".job")
                .toList();
    }

    /** An archive of these files, each with the same text. */
    private static byte[] zip(List<String> names, String content) {
        TestZip zip = TestZip.create();
        names.forEach(name -> zip.add(TestZip.file(name, content)));
        return zip.bytes();
    }

    /** An archive of name and text pairs. */
    private static byte[] zip(String[][] entries) {
        return TestZip.of(Arrays.stream(entries).flatMap(Arrays::stream).toArray(String[]::new));
    }

    /** Rewrites the entry counts of the end-of-central-directory record, as a lying server could. */
    private static void announce(byte[] zip, int entries) {
        ByteBuffer buffer = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = zip.length - 22; i >= 0; i--) {
            if (buffer.getInt(i) == 0x06054b50) {
                buffer.putShort(i + 8, (short) entries);
                buffer.putShort(i + 10, (short) entries);
                return;
            }
        }
        throw new IllegalStateException("no end record");
    }

    /** The export's unzipper, naming limits as Maven users set them. */
    static SafeUnzipper unzipper(ArchiveLimits limits) {
        return new SafeUnzipper(limits, MavenSettingNames.INSTANCE, SnapshotLayout.INSTANCE, IgnoredFields.NONE);
    }
}
