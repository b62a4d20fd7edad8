package io.github.dlfmaven.snapshot;

import io.github.dlfmaven.config.SettingNames;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An exclusive lock on an output folder for the whole export, so that two exports into one folder (two terminals,
 * {@code mvn -T}, two CI jobs in one workspace) cannot delete each other's work or undo each other's commit. The
 * second one fails at once. It is an operating-system lock ({@link FileChannel#tryLock}) on a file in the folder:
 * it ends with the process that holds it, so a killed build never leaves a lock behind, and the file is removed
 * when the export ends, so a committed snapshot does not carry it.
 *
 * <p>Two rules keep the operating-system lock sound. First, the process that holds it never opens the lock file a
 * second time: POSIX record locks belong to the process and go with <em>any</em> of its descriptors for the file,
 * so a second export in the same JVM (with {@code mvn -T}) that opened and closed the file would silently release
 * the first one's lock. Exports of this JVM are therefore told apart by a registry before the file is touched.
 * Second, removing the file while others may open it needs care: an export that opened the file just before it was
 * removed would lock a file nobody else can see. So an export checks that the path names the same file (device and
 * inode) before it opened it, after, and once it holds the lock, and otherwise starts over.
 */
final class OutputLock implements AutoCloseable {

    static final String FILE_NAME = ".dlf-lock";
    private static final int ATTEMPTS = 5;
    /** The lock files this JVM holds, by real path. */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;

    private OutputLock(Path file, Path key, FileChannel channel, FileLock lock) {
        this.file = file;
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @throws OutputLockedException another export holds the folder
     * @throws IOException the lock file cannot be created
     */
    static OutputLock acquire(Path output, SettingNames names) throws IOException {
        Path file = output.resolve(FILE_NAME);
        Path key = output.toRealPath().resolve(FILE_NAME);
        if (!HELD.add(key)) {
            throw new OutputLockedException(output, names);
        }
        try {
            OutputLock lock = lockFile(output, file, key);
            if (lock != null) {
                return lock;
            }
        } catch (IOException | RuntimeException | Error e) {
            HELD.remove(key);
            throw e;
        }
        HELD.remove(key);
        throw new OutputLockedException(output, names);
    }

    /** The lock on the file the path names, or null when another process holds it. */
    private static OutputLock lockFile(Path output, Path file, Path key) throws IOException {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Object before = fileKey(file);
            // Never through a link: the lock file is the plugin's own, inside the output folder.
            FileChannel channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            FileLock lock;
            try {
                Object opened = fileKey(file);
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException heldInThisJvm) {
                    // Another class loader's copy of this plugin (another version, in the same build) holds it.
                    // Closing this channel may release that one's lock; two versions exporting into one folder at
                    // once is not supported.
                    lock = null;
                }
                if (lock == null) {
                    channel.close();
                    return null;
                }
                // Without file keys (some platforms have none) the check cannot be made; the lock is taken as it is.
                boolean same = opened == null
                        || opened != MISSING
                                && opened.equals(fileKey(file))
                                && (before == MISSING || opened.equals(before));
                if (same) {
                    return new OutputLock(file, key, channel, lock);
                }
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            // The file we locked was removed (and maybe made anew) by the export that held it; lock the one the path
            // names now.
            lock.release();
            channel.close();
        }
        return null;
    }

    /** Stands for a file that is not there: equal to no key. */
    private static final Object MISSING = new Object();

    /**
     * The file system's identity of the file at the path (device and inode), read without opening it (see the class
     * comment); {@link #MISSING} when there is no file, null where the platform has no such key.
     */
    private static Object fileKey(Path file) throws IOException {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                    .fileKey();
        } catch (NoSuchFileException removed) {
            return MISSING;
        }
    }

    /** Removes the lock file while still holding the lock, then releases it. */
    @Override
    public void close() throws IOException {
        try {
            Files.deleteIfExists(file);
        } finally {
            try {
                lock.release();
            } finally {
                try {
                    channel.close();
                } finally {
                    HELD.remove(key);
                }
            }
        }
    }
}
