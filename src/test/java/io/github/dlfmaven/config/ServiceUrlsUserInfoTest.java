package io.github.dlfmaven.config;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A URL with credentials in it is refused without showing them, whatever characters the password has. */
class ServiceUrlsUserInfoTest {

    @Test
    void aPasswordWithASlashIsNotShown() {
        for (String url : List.of("https://etl:pa/ss-word@dlf.example.com", "https://etl:p@ss-word@dlf.example.com")) {
            List<String> problems = new ArrayList<>();
            ServiceUrls.parse(url, "The endpoint", "dlf.endpoint", "https://x", false, problems);
            assertFalse(String.join(" ", problems).contains("ss-word"), problems.toString());
        }
    }
}
