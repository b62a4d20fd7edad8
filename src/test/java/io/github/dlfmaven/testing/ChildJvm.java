package io.github.dlfmaven.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A second JVM running a main class of the test classpath, for what one JVM cannot show about itself: a lock
 * held by another process, or a run under a small heap ({@code -Xmx128m}).
 */
public final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final BufferedReader output;

    private ChildJvm(Process process) {
        this.process = process;
        this.output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts {@code main} with these JVM options (such as {@code -Xmx128m}) and arguments; stderr joins stdout. */
    public static ChildJvm start(Class<?> main, List<String> jvmOptions, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(arguments));
        return new ChildJvm(
                new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    /** The child's process id. */
    public long pid() {
        return process.pid();
    }

    /** The next line the child printed; null when it ended. */
    public String readLine() throws IOException {
        return output.readLine();
    }

    /** Waits for the child to end and returns everything it printed after what was already read, with its exit code. */
    public Result await(long seconds) throws IOException, InterruptedException {
        StringBuilder rest = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                for (String line; (line = output.readLine()) != null; ) {
                    synchronized (rest) {
                        rest.append(line).append('\n');
                    }
                }
            } catch (IOException ignored) {
                // the child is gone
            }
        });
        reader.setDaemon(true);
        reader.start();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the child JVM did not end within " + seconds + " s");
        }
        reader.join(TimeUnit.SECONDS.toMillis(5));
        synchronized (rest) {
            return new Result(process.exitValue(), rest.toString());
        }
    }

    /** Stops the child as Ctrl-C or a CI cancel does (SIGTERM): its shutdown hooks run; waits until it ended. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the child JVM did not stop within 30 s");
        }
    }

    /** Kills the child at once (SIGKILL): no shutdown hook, no finally block runs, as when a build is killed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    /** How the child ended. */
    public record Result(int exitCode, String output) {}
}
