package io.github.dlfmaven.config;

/** Which state of a job DataArts Factory exports. */
public enum ExportStatus {
    /** The latest saved development state (the API's default). */
    DEVELOP,
    /** The submitted state. */
    SUBMIT
}
