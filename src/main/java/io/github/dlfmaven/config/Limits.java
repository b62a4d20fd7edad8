package io.github.dlfmaven.config;

import java.util.List;

/** Checks that a number setting lies in its range, adding a problem that names the setting when it does not. */
record Limits(SettingNames names, List<String> problems) {

    void range(long value, long min, long max, Setting setting) {
        if (value < min || value > max) {
            problems.add(setting.parameter() + " is " + value + " but must be "
                    + (max == Long.MAX_VALUE || max == Integer.MAX_VALUE
                            ? "at least " + min
                            : "between " + min + " and " + max)
                    + " (" + names.where(setting) + ").");
        }
    }
}
