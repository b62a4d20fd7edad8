package io.github.dlfmaven.emulator;

import com.sun.net.httpserver.HttpServer;
import io.github.dlfmaven.auth.Credentials;
import io.github.dlfmaven.config.Defaults;
import io.github.dlfmaven.log.Log;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for the DataArts Factory (DLF) V1 API, serving job definitions from a folder, on
 * the JDK's own HTTP server, bound to the loopback address only.
 *
 * <p>It serves {@code POST /v1/{project_id}/jobs/{job_name}/export} (with {@code exportDepend},
 * {@code exportStatus} and {@code obsPath}), {@code POST /v1/{project_id}/jobs/batch-export},
 * {@code GET /v1/{project_id}/jobs} (paging, {@code jobType} and {@code jobName} filters), the import
 * ({@code jobs/check-file}, {@code jobs/import}, {@code system-tasks/{id}}) and OBS objects for it, answers with
 * the documented error shapes, checks every request's AK/SK signature like the API gateway, and can add
 * latency, 503s and 429s on purpose. Each request is logged in one line, never with a secret.
 *
 * <p>A request is authenticated before its body is read, as far as its headers allow, and the request bodies held at
 * once stay within a budget (64 MiB: two of the largest OBS objects it takes), so it is safe to run inside a build's
 * JVM: see {@link Router}.
 */
public final class DlfEmulator implements AutoCloseable {

    /** How {@code offset} of the job list is read; the real service's reading is not confirmed. */
    public enum OffsetMode {
        /** {@code offset} counts jobs to skip. */
        ROWS,
        /** {@code offset} is a page index: {@code offset * limit} jobs are skipped. */
        PAGES
    }

    /**
     * The threads that serve requests. The JDK's server reads a request's headers on one of them, so a connection that
     * stops in the middle of its headers holds one until the JDK's request time closes it (see {@link
     * JdkServerSwitches}): so many that a couple of dozen such connections leave the others free, while the work itself
     * needs few (the plugin calls on 4 threads by default).
     */
    private static final int THREADS = 32;

    static {
        JdkServerSwitches.apply();
    }

    private final Path fixtures;
    private final Faults faults;
    private final BodyBudget budget;
    private final Credentials credentials;
    private final HttpServer server;
    private final ExecutorService executor;

    private DlfEmulator(Builder b) throws IOException {
        this.fixtures = b.fixtures;
        this.faults = b.faults;
        this.budget = new BodyBudget(b.bodyBudget);
        this.credentials = b.credentials;
        Path importDirectory =
                b.importDirectory != null ? b.importDirectory : b.obsDirectory.resolveSibling("imported");
        JobApi jobs = new JobApi(b.fixtures, importDirectory, b.obsDirectory, b.offsetMode, b.maxPageSize);
        Router router = new Router(
                new Gateway(
                        new SignatureVerifier(b.credentials),
                        b.faults,
                        b.projectId,
                        b.workspace,
                        b.defaultWorkspace,
                        b.clock),
                new ObsApi(b.obsDirectory, b.credentials),
                new ImportApi(jobs, b.obsDirectory, importDirectory, b.importDuration, b.failImports, b.clock),
                new ReadApi(jobs),
                jobs,
                b.faults,
                budget,
                b.clock,
                b.log);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), b.port), 50);
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(THREADS, runnable -> {
            Thread thread = new Thread(runnable, "dlf-emulator-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", router);
        // The server's dispatcher thread inherits daemon status from the thread that starts it: started from a
        // daemon thread, a forgotten emulator never keeps a JVM (a build, an IDE, a test runner) alive.
        Thread starter = new Thread(server::start, "dlf-emulator-start");
        starter.setDaemon(true);
        starter.start();
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.stop(0);
            executor.shutdownNow();
            throw new InterruptedIOException("Interrupted while starting the emulator");
        }
    }

    /**
     * @param fixtures folder with {@code jobs/}, {@code scripts/} and {@code resources/}
     * @param credentials the only AK/SK (and security token, if any) the emulator accepts
     */
    public static Builder builder(Path fixtures, Credentials credentials) {
        return new Builder(fixtures, credentials);
    }

    /** The base URL to give the export, such as {@code http://127.0.0.1:38211}. */
    public URI endpoint() {
        InetSocketAddress address = server.getAddress();
        String host = address.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort());
    }

    public Credentials credentials() {
        return credentials;
    }

    public Path fixtures() {
        return fixtures;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** The bytes of request bodies held now, for tests that drive the budget. */
    int bodyBytesHeld() {
        return budget.held();
    }

    @Override
    public String toString() {
        return "DlfEmulator[" + endpoint() + ", fixtures " + fixtures + (faults.any() ? ", " + faults : "") + "]";
    }

    /** Settings of an emulator; everything but the fixtures and credentials has a default. */
    public static final class Builder {
        private final Path fixtures;
        private final Credentials credentials;
        private int port;
        private String projectId;
        private String workspace;
        private Path obsDirectory;
        private Path importDirectory;
        private Duration importDuration = Duration.ofMillis(Defaults.number(Defaults.EMULATOR_IMPORT_DURATION));
        private boolean failImports;
        private boolean defaultWorkspace = Defaults.flag(Defaults.EMULATOR_DEFAULT_WORKSPACE);
        private Faults faults = Faults.NONE;
        private OffsetMode offsetMode = OffsetMode.valueOf(Defaults.EMULATOR_OFFSET_MODE);
        private int maxPageSize = Defaults.integer(Defaults.EMULATOR_MAX_PAGE_SIZE);
        private Clock clock = Clock.systemUTC();
        private Log log = Log.NONE;
        private int bodyBudget = BodyBudget.DEFAULT_BYTES;

        private Builder(Path fixtures, Credentials credentials) {
            this.fixtures = fixtures.toAbsolutePath().normalize();
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            this.obsDirectory = this.fixtures.resolveSibling("obs");
        }

        /** 0, the default, picks a free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * Whether the emulated workspace is the project's default one, which a request without a {@code workspace}
         * header reaches, as DLF's documentation says; yes by default.
         */
        public Builder defaultWorkspace(boolean defaultWorkspace) {
            this.defaultWorkspace = defaultWorkspace;
            return this;
        }

        /**
         * When set, the only project the credentials act in: a request for another is refused, as the cloud refuses a
         * project id its caller has no part in (a typo, another region's project); by default any project is served.
         */
        public Builder projectId(String projectId) {
            this.projectId = projectId == null || projectId.isBlank() ? null : projectId.strip();
            return this;
        }

        /** When set, a request's {@code workspace} header must name it (or be absent, see {@link #defaultWorkspace}). */
        public Builder workspace(String workspace) {
            this.workspace = workspace == null || workspace.isBlank() ? null : workspace;
            return this;
        }

        /** The folder that stands for OBS: {@code obs://bucket/path/} maps to {@code {folder}/bucket/path/}. */
        public Builder obsDirectory(Path obsDirectory) {
            this.obsDirectory = obsDirectory.toAbsolutePath().normalize();
            return this;
        }

        /**
         * The folder imported definitions are written to and served from, over the fixtures, which an import never
         * changes; by default {@code imported} beside the OBS folder.
         */
        public Builder importDirectory(Path importDirectory) {
            this.importDirectory = importDirectory.toAbsolutePath().normalize();
            return this;
        }

        /** How long an import's system task reports {@code RUNNING}; one second by default. */
        public Builder importDuration(Duration importDuration) {
            this.importDuration = Objects.requireNonNull(importDuration, "importDuration");
            return this;
        }

        /** Makes every import fail: its task ends {@code FAILED}, a failed subtask per job, and nothing is imported. */
        public Builder failImports(boolean failImports) {
            this.failImports = failImports;
            return this;
        }

        public Builder faults(Faults faults) {
            this.faults = faults;
            return this;
        }

        public Builder offsetMode(OffsetMode offsetMode) {
            this.offsetMode = offsetMode;
            return this;
        }

        /** Largest {@code limit} of the job list: 1000 on Huawei Cloud, 100 on other deployments. */
        public Builder maxPageSize(int maxPageSize) {
            this.maxPageSize = maxPageSize;
            return this;
        }

        /** The clock the signature dates are checked against. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder log(Log log) {
            this.log = log;
            return this;
        }

        /** The bytes of request bodies held at once, {@link BodyBudget#DEFAULT_BYTES} unless a test makes it small. */
        Builder bodyBudget(int bytes) {
            this.bodyBudget = bytes;
            return this;
        }

        /** Binds the loopback address and starts serving. */
        public DlfEmulator start() throws IOException {
            return new DlfEmulator(this);
        }
    }
}
