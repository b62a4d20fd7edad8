package io.github.dlfmaven.snapshot;

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

/**
 * An exclusive lock on an output folder for the whole export, so that two exports into one folder (two terminals,
 * {@code mvn -T}, two CI jobs in one workspace) cannot delete each other's work or undo each other's commit. The
 * second one fails at once. It is an operating-system lock ({@link FileChannel#tryLock}) on a file in the folder:
 * it ends with the process that holds it, so a killed build never leaves a lock behind, and the file is removed
 * when the export ends, so a committed snapshot does not carry it.
 *
 * <p>Removing the file while others may open it needs care: an export that opened the file just before it was
 * removed would lock a file nobody else can see. So after locking, an export checks that the path still names the
 * file it opened (the same device and inode as right after opening) and otherwise starts over.
 */
final class OutputLock implements AutoCloseable {

    static final String FILE_NAME = ".dlf-lock";
    private static final int ATTEMPTS = 5;

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private OutputLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @throws OutputLockedException another export holds the folder
     * @throws IOException the lock file cannot be created
     */
    static OutputLock acquire(Path output) throws IOException {
        Path file = output.resolve(FILE_NAME);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            // Never through a link: the lock file is the plugin's own, inside the output folder.
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
            FileLock lock;
            try {
                Object opened = fileKey(file);
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException heldInThisJvm) {
                    lock = null;
                }
                if (lock == null) {
                    channel.close();
                    throw new OutputLockedException(output);
                }
                if (opened == null || opened.equals(fileKey(file))) {
                    return new OutputLock(file, channel, lock);
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
        throw new OutputLockedException(output);
    }

    /**
     * The file system's identity of the file at the path (device and inode), read without opening it: opening and
     * closing the file would release this process's locks on it (POSIX record locks belong to the process, and go
     * with any of its descriptors for the file). Null where the platform has no such key.
     */
    private static Object fileKey(Path file) throws IOException {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (NoSuchFileException removed) {
            return new Object(); // equal to nothing: try again
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
                channel.close();
            }
        }
    }
}
