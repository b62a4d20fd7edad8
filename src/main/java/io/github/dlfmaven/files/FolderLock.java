package io.github.dlfmaven.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An exclusive lock on a folder a goal writes, for the goal's whole run, so that two runs into one folder (two
 * terminals, {@code mvn -T}, two CI jobs in one workspace) cannot delete each other's work, undo each other's commit or
 * upload each other's package. The second one fails at once, naming the run that holds the folder. It is an
 * operating-system lock ({@link FileChannel#tryLock}) on a file in the folder: it ends with the process that holds
 * it, so a killed build never leaves a lock behind, and the file is removed when the run ends, so a committed
 * snapshot does not carry it. Every goal that writes a folder takes it: the export its output folder, the check its
 * report folder, the import its work folder, the report its pages' folder.
 *
 * <p>Two rules keep the operating-system lock sound. First, the process that holds it never opens the lock file a
 * second time: POSIX record locks belong to the process and go with <em>any</em> of its descriptors for the file,
 * so a second export in the same JVM (with {@code mvn -T}) that opened and closed the file would silently release
 * the first one's lock. Exports of this JVM are therefore told apart by a registry before the file is touched.
 * Second, removing the file while others may open it needs care: an export that opened the file just before it was
 * removed would lock a file nobody else can see. So an export checks that the path names the same file (device and
 * inode) before it opened it, after, and once it holds the lock, and otherwise starts over.
 */
public final class FolderLock implements AutoCloseable {

    /** The lock file's name in the folder it locks. */
    public static final String FILE_NAME = ".dlf-lock";

    private static final int ATTEMPTS = 5;
    /**
     * The lock files this JVM holds, by real path, with who holds each (read here, never from the file: see above) and
     * on which thread, since a goal's run takes its locks on one thread.
     */
    private static final Map<Path, Holder> HELD = new ConcurrentHashMap<>();

    private record Holder(String description, Thread thread) {}

    private final Path file;
    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;

    private FolderLock(Path file, Path key, FileChannel channel, FileLock lock) {
        this.file = file;
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks a folder that exists.
     *
     * @param goal who takes the lock, for the message another run gets: {@code dlf:import}
     * @param advice how the user gives a run a folder of its own: {@code -Ddlf.workDirectory}
     * @throws FolderLockedException another run holds the folder
     * @throws IOException the lock file cannot be created
     */
    public static FolderLock acquire(Path folder, String goal, String advice) throws IOException {
        Path file = folder.resolve(FILE_NAME);
        Path key = folder.toRealPath().resolve(FILE_NAME);
        String holder = goal + ", process " + ProcessHandle.current().pid() + ", started "
                + Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Holder other = HELD.putIfAbsent(key, new Holder(holder, Thread.currentThread()));
        if (other != null) {
            throw new FolderLockedException(folder, other.description(), advice);
        }
        FolderLock lock;
        try {
            lock = lockFile(file, key, holder);
        } catch (IOException | RuntimeException | Error e) {
            HELD.remove(key);
            throw e;
        }
        if (lock == null) {
            HELD.remove(key);
            throw new FolderLockedException(folder, otherProcess(file), advice);
        }
        try {
            // A folder another run holds, above or below this one, would be replaced by one of the two runs, or have
            // its
            // content replaced under it: the runs must not overlap. This run's own locks (the check's export inside its
            // report folder, taken on the same thread) are no other run's.
            Optional<Path> nested = heldElsewhere(key.getParent());
            if (nested.isPresent()) {
                throw new FolderLockedException(nested.get(), heldBy(nested.get()), advice);
            }
        } catch (IOException | RuntimeException | Error e) {
            lock.close();
            throw e;
        }
        return lock;
    }

    /** A folder above or below {@code realFolder} whose lock another run holds. */
    private static Optional<Path> heldElsewhere(Path realFolder) throws IOException {
        for (Path above = realFolder.getParent(); above != null; above = above.getParent()) {
            if (heldByAnotherRun(above.resolve(FILE_NAME))) {
                return Optional.of(above);
            }
        }
        List<Path> below = new ArrayList<>();
        Files.walkFileTree(realFolder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path path, BasicFileAttributes attributes) {
                if (path.getFileName().toString().equals(FILE_NAME)
                        && !path.getParent().equals(realFolder)) {
                    below.add(path);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path path, IOException e) {
                return FileVisitResult.CONTINUE; // gone meanwhile, or not ours to read: nothing held there by us
            }
        });
        for (Path lockFile : below) {
            if (heldByAnotherRun(lockFile)) {
                return Optional.of(lockFile.getParent());
            }
        }
        return Optional.empty();
    }

    /**
     * Whether another run holds this lock file: a run of this JVM on another thread, as the registry says (the file is
     * then never opened, see the class comment), or another process, as a try of the lock says.
     */
    private static boolean heldByAnotherRun(Path lockFile) throws IOException {
        if (!Files.isRegularFile(lockFile, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        Holder holder = HELD.get(lockFile);
        if (holder != null) {
            return holder.thread() != Thread.currentThread();
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            FileLock tried = channel.tryLock();
            if (tried == null) {
                return true;
            }
            tried.release();
            return false;
        } catch (OverlappingFileLockException heldInThisJvm) {
            return true; // another class loader's copy of this plugin
        } catch (java.nio.file.NoSuchFileException gone) {
            return false;
        }
    }

    /** Who holds the folder's lock, for the message. */
    private static String heldBy(Path realFolder) {
        Holder holder = HELD.get(realFolder.resolve(FILE_NAME));
        return holder != null ? holder.description() : otherProcess(realFolder.resolve(FILE_NAME));
    }

    /**
     * Who holds the lock file, as that process wrote it; null when it cannot be read. Only ever called by a process
     * that does not hold the lock, so opening the file here releases nothing.
     */
    private static String otherProcess(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            // Written by this plugin, but a lock file is a file anyone could have written: keep it short and printable.
            return text.isEmpty() || text.length() > 200 || !text.chars().allMatch(c -> c >= 0x20 && c < 0x7f)
                    ? null
                    : text;
        } catch (IOException e) {
            return null;
        }
    }

    /** The lock on the file the path names, or null when another process holds it. */
    private static FolderLock lockFile(Path file, Path key, String holder) throws IOException {
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
                    // Who holds it, for the message of a run in another process; written through the locked channel.
                    channel.truncate(0);
                    channel.write(ByteBuffer.wrap((holder + "\n").getBytes(StandardCharsets.UTF_8)), 0);
                    return new FolderLock(file, key, channel, lock);
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
