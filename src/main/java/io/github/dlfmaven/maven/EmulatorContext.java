package io.github.dlfmaven.maven;

import io.github.dlfmaven.emulator.DlfEmulator;
import java.util.Map;
import java.util.Optional;

/**
 * The emulator {@code dlf:emulator-start} started, kept in the plugin's context (shared by this plugin's
 * goals within one project's build) so that {@code dlf:export} can use its demo credentials and
 * {@code dlf:emulator-stop} can stop it. Secrets travel here, never through parameters or the log.
 */
record EmulatorContext(DlfEmulator emulator, boolean demoCredentials) {

    private static final String KEY = EmulatorContext.class.getName();

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
