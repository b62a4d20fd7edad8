package io.github.dlfmaven.maven;

import io.github.dlfmaven.emulator.DlfEmulator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The emulator {@code dlf:emulator-start} started, kept in the plugin's context (shared by this plugin's goals within
 * one project's build) so that {@code dlf:export} can use its demo credentials and {@code dlf:emulator-stop} can stop
 * it, with the project properties it pointed at itself and what they held before, so whoever stops it first
 * ({@code emulator-stop}, or the end of the project or the session) puts them back. Secrets travel here, never
 * through parameters or the log. Thread-safe.
 */
final class EmulatorContext {

    private static final String KEY = EmulatorContext.class.getName();
    /** The properties emulator-start points at the emulator: the export's endpoint, and OBS, served on the same port. */
    private static final List<String> POINTED = List.of(UserProperties.ENDPOINT, UserProperties.OBS_ENDPOINT);

    private final DlfEmulator emulator;
    private final String url;
    private final boolean demoCredentials;
    /** Each property set to the emulator's URL, with its earlier value; empty for one that had none. */
    private final Map<String, Optional<String>> earlier = new LinkedHashMap<>();

    private Properties properties;
    private boolean stopped;

    EmulatorContext(DlfEmulator emulator, boolean demoCredentials) {
        this.emulator = emulator;
        this.url = emulator.endpoint().toString();
        this.demoCredentials = demoCredentials;
    }

    DlfEmulator emulator() {
        return emulator;
    }

    boolean demoCredentials() {
        return demoCredentials;
    }

    /** The emulator's URL, also once it is stopped. */
    String url() {
        return url;
    }

    /** Sets {@code dlf.endpoint} and {@code dlf.obsEndpoint} to the emulator's URL, remembering what they held. */
    synchronized void pointAt(Properties properties) {
        this.properties = properties;
        synchronized (properties) {
            for (String name : POINTED) {
                earlier.put(name, Optional.ofNullable(properties.getProperty(name)));
                properties.setProperty(name, url);
            }
        }
    }

    /**
     * Stops the emulator and gives each property it pointed at itself its earlier value back, or removes it when it had
     * none; a property set to something else since is left as it is. Only the first call acts.
     *
     * @return whether this call stopped the emulator
     */
    synchronized boolean stop() {
        if (stopped) {
            return false;
        }
        stopped = true;
        emulator.close();
        if (properties != null) {
            // Properties locks on itself: the check and the change are one step for any other thread.
            synchronized (properties) {
                earlier.forEach((name, value) -> {
                    if (url.equals(properties.getProperty(name))) {
                        value.ifPresentOrElse(v -> properties.setProperty(name, v), () -> properties.remove(name));
                    }
                });
            }
        }
        return true;
    }

    static Optional<EmulatorContext> of(Map<?, ?> pluginContext) {
        return pluginContext == null ? Optional.empty() : Optional.ofNullable((EmulatorContext) pluginContext.get(KEY));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    void store(Map pluginContext) {
        pluginContext.put(KEY, this);
    }

    static Optional<EmulatorContext> remove(Map<?, ?> pluginContext) {
        return pluginContext == null
                ? Optional.empty()
                : Optional.ofNullable((EmulatorContext) pluginContext.remove(KEY));
    }
}
