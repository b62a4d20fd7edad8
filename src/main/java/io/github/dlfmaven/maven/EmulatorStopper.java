package io.github.dlfmaven.maven;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.execution.ExecutionEvent;
import org.apache.maven.execution.ExecutionListener;
import org.apache.maven.execution.MavenExecutionRequest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;

/**
 * Stops each emulator {@code dlf:emulator-start} started when the build of its project ends, failed or not, and any
 * left when the session ends. Without it a build that fails before {@code emulator-stop} leaves its emulator listening
 * for as long as the JVM lives (a Maven daemon, an IDE, the next module of a reactor), with its port taken.
 *
 * <p>Maven (3.8 to 4.0) hands each event to the execution listener the session's request holds when the event fires,
 * and fires {@code ProjectSucceeded} or {@code ProjectFailed} for each project that ran, then {@code SessionEnded},
 * whether the build failed or not. So a goal can chain this listener in front of the request's own, once per session,
 * with no build extension; every event goes on to the listener it replaced. Thread-safe: with {@code -T}, projects start
 * and end on several threads.
 */
final class EmulatorStopper implements InvocationHandler {

    private final ExecutionListener next;
    /** Guarded by this. */
    private final List<Running> running = new ArrayList<>();

    private EmulatorStopper(ExecutionListener next) {
        this.next = next;
    }

    /** The stopper of this session, chained in front of its execution listener on first use. */
    static EmulatorStopper of(MavenSession session) {
        MavenExecutionRequest request = session.getRequest();
        // The request is the one object all projects' sessions share, whatever the thread: its lock makes sure only one
        // stopper is chained, and none is lost to another thread's.
        synchronized (request) {
            ExecutionListener current = request.getExecutionListener();
            if (current != null
                    && Proxy.isProxyClass(current.getClass())
                    && Proxy.getInvocationHandler(current) instanceof EmulatorStopper stopper) {
                return stopper;
            }
            EmulatorStopper stopper = new EmulatorStopper(current);
            // A proxy rather than a class implementing the interface: ExecutionListener's Javadoc warns that later
            // Maven
            // versions may add events, and a proxy passes on every method, present or future, to the listener it
            // replaced (the build's log among them), where a class compiled today would fail or drop the new ones.
            request.setExecutionListener((ExecutionListener) Proxy.newProxyInstance(
                    ExecutionListener.class.getClassLoader(), new Class<?>[] {ExecutionListener.class}, stopper));
            return stopper;
        }
    }

    /** Stops the emulator when the build of this project ends, or the session, unless something stopped it before. */
    synchronized void stopAtEnd(MavenProject project, EmulatorContext emulator, Log log) {
        running.add(new Running(project.getId(), emulator, log));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "EmulatorStopper in front of " + next;
            };
        }
        if (args != null && args.length == 1 && args[0] instanceof ExecutionEvent event) {
            // Before the event goes on: SessionEnded is where Maven's own listener prints the build's result, which
            // should come last.
            stopFor(event);
        }
        if (next == null) {
            return null;
        }
        try {
            return method.invoke(next, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private void stopFor(ExecutionEvent event) {
        switch (event.getType()) {
            case ProjectSucceeded, ProjectFailed -> {
                MavenProject project = event.getProject();
                if (project != null) {
                    stop(takeOf(project.getId()), "the build of " + project.getId() + " ended");
                }
            }
            case SessionEnded -> stop(takeAll(), "the build ended");
            default -> {
                // Other events change nothing for a running emulator.
            }
        }
    }

    /** Takes this project's emulators off the list. */
    private synchronized List<Running> takeOf(String projectId) {
        List<Running> taken = new ArrayList<>();
        running.removeIf(r -> r.projectId().equals(projectId) && taken.add(r));
        return taken;
    }

    private synchronized List<Running> takeAll() {
        List<Running> taken = new ArrayList<>(running);
        running.clear();
        return taken;
    }

    private static void stop(List<Running> ended, String why) {
        for (Running r : ended) {
            try {
                if (r.emulator().stop()) {
                    r.log().info("DLF emulator at " + r.emulator().url() + " stopped: " + why + ".");
                }
            } catch (RuntimeException e) {
                // A failure to stop one must neither hide the build's own result nor keep the others running.
                r.log()
                        .warn("Could not stop the DLF emulator at "
                                + r.emulator().url() + ": " + e);
            }
        }
    }

    private record Running(String projectId, EmulatorContext emulator, Log log) {}
}
