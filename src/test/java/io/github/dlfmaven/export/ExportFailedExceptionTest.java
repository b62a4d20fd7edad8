package io.github.dlfmaven.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The failure's message reads as sentences, whatever the cause's message ends with. */
class ExportFailedExceptionTest {

    private static final String OUTCOME = "the output folder /p/target/dlf was left as it was.";

    @Test
    void aReasonWithoutAFullStopGetsOneAndTheOutcomeACapital() {
        Map<String, Exception> failures = new LinkedHashMap<>();
        failures.put("a", new IOException("Job 'a': HTTP 500 (request id 7f3a)"));

        assertEquals(
                "Job 'a': HTTP 500 (request id 7f3a). The output folder /p/target/dlf was left as it was.",
                new ExportFailedException(failures, 1, OUTCOME).getMessage());
    }

    @Test
    void oneReasonForEveryJobIsSaidOnceAsASentence() {
        IOException same = new IOException("No credentials: see the plugin's README on credentials.");
        Map<String, Exception> failures = new LinkedHashMap<>();
        failures.put("a", same);
        failures.put("b", same);

        assertEquals(
                "2 of 2 jobs failed, all for one reason: No credentials: see the plugin's README on credentials. The"
                        + " output folder /p/target/dlf was left as it was.",
                new ExportFailedException(failures, 2, OUTCOME).getMessage());
    }
}
