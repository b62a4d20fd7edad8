package io.github.dlfmaven.log;

/**
 * Where the core reports progress; the Maven goals adapt their own log to it, tests collect lines.
 * Implementations must be safe to call from several threads.
 */
public interface Log {

    /** Discards everything. */
    Log NONE = new Log() {
        @Override
        public boolean isDebugEnabled() {
            return false;
        }

        @Override
        public void debug(String message) {}

        @Override
        public void info(String message) {}

        @Override
        public void warn(String message) {}
    };

    boolean isDebugEnabled();

    void debug(String message);

    void info(String message);

    void warn(String message);

    /** What fails the goal, one line of several; a log without an error level shows it as a warning. */
    default void error(String message) {
        warn(message);
    }
}
