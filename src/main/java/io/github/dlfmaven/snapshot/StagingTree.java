package io.github.dlfmaven.snapshot;

import io.github.dlfmaven.archive.ExtractionTarget;
import io.github.dlfmaven.archive.UnsafeArchiveException;
import io.github.dlfmaven.config.Setting;
import io.github.dlfmaven.config.SettingNames;
import io.github.dlfmaven.text.LogText;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The new snapshot as it is built: every package is extracted straight into it, in parallel, each file written once
 * with its final bytes. A file another job already brought with the same content is not written again; different
 * content for the same path is a conflict, and so are two paths that Windows or macOS would take for one file (names
 * differing only in case or in Unicode normalization), on every system alike, so that a snapshot written on Linux can
 * be checked out anywhere, and two paths this file system cannot hold apart (a file where another job needs a folder).
 * Thread-safe.
 *
 * <p>Only this class writes into the tree, and it writes no links, so a folder, once created, is not checked again.
 */
final class StagingTree {

    private final Path root;
    private final Map<String, Origin> origins = new ConcurrentHashMap<>();
    /** Each path of the tree by its form as Windows and macOS compare paths ({@link PortableFileName#folded}). */
    private final Map<String, Claim> folded = new ConcurrentHashMap<>();

    private final Set<Path> folders = ConcurrentHashMap.newKeySet();
    private final PreviousSnapshot previous;
    private final AtomicInteger files = new AtomicInteger();
    private final Map<PreviousSnapshot.Kept, AtomicInteger> kept = new EnumMap<>(PreviousSnapshot.Kept.class);
    private final SettingNames names;

    /** Which job (or batch) brought a file, and what it holds. */
    private record Origin(String job, String sha256) {}

    /** A path of the tree, and the job (or batch) that brought it. */
    private record Claim(String path, String job) {}

    /**
     * @param previous the snapshot being replaced, whose unchanged files are linked rather than written
     * @param names how the front end spells settings in advice
     */
    StagingTree(Path root, PreviousSnapshot previous, SettingNames names) {
        this.root = root;
        this.previous = previous;
        this.names = names;
        folders.add(root);
        for (PreviousSnapshot.Kept k : PreviousSnapshot.Kept.values()) {
            kept.put(k, new AtomicInteger());
        }
    }

    /** How many of the tree's files the previous snapshot had in this way. */
    int files(PreviousSnapshot.Kept how) {
        return kept.get(how).get();
    }

    /** How many files the tree holds. */
    int files() {
        return files.get();
    }

    /**
     * Where the package of {@code job} is extracted to.
     *
     * @param scratch a folder of this job's on the same file system, for entries too large to hold in memory
     */
    ExtractionTarget<SnapshotConflictException> target(String job, Path scratch) {
        return new ExtractionTarget<>() {
            @Override
            public boolean write(String entryName, String path, byte[] content, String sha256)
                    throws IOException, UnsafeArchiveException, SnapshotConflictException {
                return add(job, entryName, path, sha256, file -> {
                    PreviousSnapshot.Kept how = previous.keep(path, content, file);
                    if (how != PreviousSnapshot.Kept.LINKED) {
                        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
                            out.write(content);
                        }
                    }
                    return how;
                });
            }

            @Override
            public boolean move(String entryName, String path, Path file, String sha256)
                    throws IOException, UnsafeArchiveException, SnapshotConflictException {
                try {
                    return add(job, entryName, path, sha256, target -> {
                        PreviousSnapshot.Kept how = previous.keep(path, file, target);
                        if (how != PreviousSnapshot.Kept.LINKED) {
                            Files.move(file, target);
                        }
                        return how;
                    });
                } finally {
                    Files.deleteIfExists(file);
                }
            }

            @Override
            public Path scratch() {
                return scratch;
            }
        };
    }

    @FunctionalInterface
    private interface Placing {
        /** Places the file, and says what the previous snapshot had there. */
        PreviousSnapshot.Kept to(Path file) throws IOException;
    }

    private boolean add(String job, String entryName, String path, String sha256, Placing placing)
            throws IOException, UnsafeArchiveException, SnapshotConflictException {
        int slash = path.indexOf('/');
        if (SnapshotWriter.reserved(slash < 0 ? path : path.substring(0, slash))) {
            throw new SnapshotConflictException("Job '" + LogText.escape(job) + "' brings " + LogText.escape(path)
                    + ", a name this plugin reserves for its work folder; rename it in DataArts Factory.");
        }
        Claim claim = new Claim(path, job);
        Claim other = folded.putIfAbsent(PortableFileName.folded(path), claim);
        if (other != null && !other.path().equals(path)) {
            throw oneFileOnWindowsOrMac(other, claim);
        }
        Origin mine = new Origin(job, sha256);
        Origin earlier = origins.putIfAbsent(path, mine);
        if (earlier != null) {
            if (!earlier.sha256().equals(sha256)) {
                throw new SnapshotConflictException("Jobs '" + LogText.escape(earlier.job()) + "' and '"
                        + LogText.escape(job) + "' bring different content for " + LogText.escape(path)
                        + "; export them in separate executions or make the two definitions agree in DataArts"
                        + " Factory.");
            }
            return false;
        }
        Path file = root.resolve(path);
        boolean foldersMade = false;
        PreviousSnapshot.Kept how;
        try {
            createFolders(file.getParent());
            foldersMade = true;
            how = placing.to(file);
        } catch (FileSystemException e) {
            // FileAlreadyExists, NotDirectory and the like: the path is taken by another file or folder.
            origins.remove(path, mine);
            Map.Entry<String, Origin> clash = clashing(path);
            if (clash == null) {
                throw e;
            }
            if (clash.getValue().job().equals(job)) {
                // Both from this package: the package itself cannot be laid out.
                String shown = LogText.escape(entryName);
                throw new UnsafeArchiveException(
                        !foldersMade
                                ? "Entry '" + shown + "' needs a folder where another entry is a file."
                                : "Entry '" + shown + "' collides with a folder or another file at '"
                                        + LogText.escape(path) + "' (a file and a folder of the same name, or names"
                                        + " that differ only in case).");
            }
            throw new SnapshotConflictException(
                    "Jobs '" + LogText.escape(clash.getValue().job()) + "' and '"
                            + LogText.escape(job) + "' bring " + LogText.escape(clash.getKey()) + " and "
                            + LogText.escape(path) + ", which this file system cannot hold side by side (a file and a"
                            + " folder of the same name, or names that differ only in case); rename one in DataArts"
                            + " Factory.");
        }
        files.incrementAndGet();
        kept.get(how).incrementAndGet();
        return true;
    }

    /** Names both files, and both definitions where they are, the rule, and the ways around it. */
    private SnapshotConflictException oneFileOnWindowsOrMac(Claim earlier, Claim later) {
        // In path order, so the message is the same whichever package was extracted first.
        List<Claim> sorted = List.of(earlier, later).stream()
                .sorted(Comparator.comparing(Claim::path))
                .toList();
        Claim first = sorted.get(0);
        Claim second = sorted.get(1);
        Optional<DefinitionKind> kind = DefinitionKind.ofSnapshotPath(first.path())
                .filter(k -> DefinitionKind.ofSnapshotPath(second.path()).equals(Optional.of(k)));
        String rule = " differ only in case or in Unicode normalization: Windows and macOS hold them as one file, so a"
                + " snapshot with both could not be checked out there.";
        if (kind.isEmpty()) {
            return new SnapshotConflictException("The files " + LogText.escape(first.path()) + " (from '"
                    + LogText.escape(first.job()) + "') and " + LogText.escape(second.path()) + " (from '"
                    + LogText.escape(second.job()) + "')" + rule + " Rename one in DataArts Factory.");
        }
        String what = kind.get().name().toLowerCase(Locale.ROOT);
        String both = "'" + LogText.escape(name(kind.get(), first)) + "' and '"
                + LogText.escape(name(kind.get(), second)) + "'";
        String paths = LogText.escape(first.path()) + " and " + LogText.escape(second.path());
        String excludes = names.name(Setting.EXCLUDES);
        if (kind.get() == DefinitionKind.JOB) {
            return new SnapshotConflictException("The jobs " + both + " would be stored as " + paths + ", which" + rule
                    + " Rename one of them in DataArts Factory, or leave one out with " + excludes + ".");
        }
        String from = first.job().equals(second.job())
                ? "both from '" + LogText.escape(first.job()) + "'"
                : "from '" + LogText.escape(first.job()) + "' and '" + LogText.escape(second.job()) + "'";
        return new SnapshotConflictException("The " + what + "s " + both + " (" + from + ") would be stored as "
                + paths + ", which" + rule + " Rename one of them in DataArts Factory, or leave out the jobs that use"
                + " one of them with " + excludes + ".");
    }

    private static String name(DefinitionKind kind, Claim claim) {
        return kind.nameOf(claim.path().substring(claim.path().lastIndexOf('/') + 1));
    }

    private void createFolders(Path folder) throws IOException {
        if (!folders.contains(folder)) {
            Files.createDirectories(folder);
            for (Path p = folder; p.startsWith(root) && folders.add(p); p = p.getParent()) {
                // each folder up to the root is known to exist now
            }
        }
    }

    /** The file in the tree that {@code path} collides with: same name but for case, or a folder of it. */
    private Map.Entry<String, Origin> clashing(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, Origin> entry : origins.entrySet()) {
            String other = entry.getKey().toLowerCase(Locale.ROOT);
            if (other.equals(lower) || lower.startsWith(other + "/") || other.startsWith(lower + "/")) {
                return entry;
            }
        }
        return null;
    }
}
