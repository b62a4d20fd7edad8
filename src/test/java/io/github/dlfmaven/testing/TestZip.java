package io.github.dlfmaven.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * The zip archives of every test, built entry by entry and written exactly as given: duplicates, {@code ..}, absolute
 * names, backslashes, links, stored or deflated. Small archives come as bytes; large ones (a benchmark's gigabyte) are
 * streamed to a file, their content written by a callback so that it is never held in memory.
 */
public final class TestZip {

    /** Writes an entry's content. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * One entry.
     *
     * @param data the content when known in advance, or null when {@code content} streams it
     * @param unixMode such as {@code 0120777} for a link; null for none
     * @param platform {@link ZipArchiveEntry#PLATFORM_UNIX} or {@link ZipArchiveEntry#PLATFORM_FAT}
     */
    public record Entry(String name, byte[] data, Content content, int method, Integer unixMode, int platform) {

        /** The same entry made on another platform, which decides how a zip library reads backslashes. */
        public Entry madeOn(int otherPlatform) {
            return new Entry(name, data, content, method, unixMode, otherPlatform);
        }

        /** The same entry with another compression method. */
        public Entry method(int otherMethod) {
            return new Entry(name, data, content, otherMethod, unixMode, platform);
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    private TestZip() {}

    public static TestZip create() {
        return new TestZip();
    }

    /** A deflated file. */
    public static Entry file(String name, String text) {
        return file(name, text.getBytes(UTF_8));
    }

    /** A deflated file. */
    public static Entry file(String name, byte[] data) {
        return new Entry(name, data, null, ZipEntry.DEFLATED, null, ZipArchiveEntry.PLATFORM_UNIX);
    }

    /** A file stored without compression. */
    public static Entry stored(String name, byte[] data) {
        return new Entry(name, data, null, ZipEntry.STORED, null, ZipArchiveEntry.PLATFORM_UNIX);
    }

    /** A file whose content is written as the archive is; for {@link #write(Path)} only. */
    public static Entry streamed(String name, int method, Content content) {
        return new Entry(name, null, content, method, null, ZipArchiveEntry.PLATFORM_UNIX);
    }

    /** A folder; its name should end with {@code /}. */
    public static Entry directory(String name) {
        return new Entry(name, new byte[0], null, ZipEntry.STORED, null, ZipArchiveEntry.PLATFORM_UNIX);
    }

    /** A symbolic link to {@code target}. */
    public static Entry symlink(String name, String target) {
        return new Entry(name, target.getBytes(UTF_8), null, ZipEntry.STORED, 0120777, ZipArchiveEntry.PLATFORM_UNIX);
    }

    /** An archive of these entries, in this order. */
    public static byte[] of(Entry... entries) {
        return create().add(entries).bytes();
    }

    /** An archive of deflated text files: name, text, name, text, ... */
    public static byte[] of(String... namesAndTexts) {
        TestZip zip = create();
        for (int i = 0; i < namesAndTexts.length; i += 2) {
            zip.add(file(namesAndTexts[i], namesAndTexts[i + 1]));
        }
        return zip.bytes();
    }

    /** An archive of deflated text files, in the map's order. */
    public static byte[] of(Map<String, String> files) {
        TestZip zip = create();
        files.forEach((name, text) -> zip.add(file(name, text)));
        return zip.bytes();
    }

    public TestZip add(Entry... more) {
        entries.addAll(Arrays.asList(more));
        return this;
    }

    /** The archive in memory. */
    public byte[] bytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            writeEntries(zip);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The archive written to a file, streamed: also entries too large for memory. */
    public Path write(Path file) throws IOException {
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(file)) {
            writeEntries(zip);
        }
        return file;
    }

    private void writeEntries(ZipArchiveOutputStream zip) throws IOException {
        // As a server may write them: no zip64 records unless they are needed.
        zip.setUseZip64(Zip64Mode.AsNeeded);
        for (Entry entry : entries) {
            ZipArchiveEntry zipEntry = new RawNameEntry(entry.name(), entry.platform());
            zipEntry.setMethod(entry.method());
            if (entry.method() == ZipEntry.STORED && entry.data() != null) {
                CRC32 crc = new CRC32();
                crc.update(entry.data());
                zipEntry.setSize(entry.data().length);
                zipEntry.setCrc(crc.getValue());
            }
            if (entry.unixMode() != null) {
                zipEntry.setUnixMode(entry.unixMode());
            }
            zip.putArchiveEntry(zipEntry);
            if (entry.data() != null) {
                zip.write(entry.data());
            } else {
                entry.content().writeTo(zip);
            }
            zip.closeArchiveEntry();
        }
    }

    /**
     * An entry whose name is written exactly as given. ZipArchiveEntry turns '\\' into '/' in names of entries made on
     * FAT (the default platform) when the name has no '/'; made on Unix, the backslashes reach the archive.
     */
    private static final class RawNameEntry extends ZipArchiveEntry {
        RawNameEntry(String name, int platform) {
            super("placeholder");
            setPlatform(PLATFORM_UNIX);
            setName(name);
            setPlatform(platform);
        }
    }
}
