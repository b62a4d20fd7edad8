package io.github.dlfmaven.snapshot;

import io.github.dlfmaven.config.Setting;
import io.github.dlfmaven.config.SettingNames;
import java.io.IOException;
import java.nio.file.Path;

/** Another export holds the output folder's lock; this one changed nothing. */
public class OutputLockedException extends IOException {

    private static final long serialVersionUID = 1L;

    OutputLockedException(Path output, SettingNames names) {
        super("Another export is writing to " + output + " (it holds " + output.resolve(OutputLock.FILE_NAME)
                + "), so this one stopped before changing anything. Wait for that one to finish, or give this one an"
                + " output folder of its own with " + names.where(Setting.OUTPUT_DIRECTORY) + ".");
    }
}
