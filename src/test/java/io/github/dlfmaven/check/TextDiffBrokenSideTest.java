package io.github.dlfmaven.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One side of a diff that is no JSON (a snapshot file with a merge conflict left in it, a key given twice, a hand edit
 * with a typo) is masked as text, on its own: the other side keeps its JSON masking, and the text keeps the rules that
 * need the document's structure, such as the {@code {name, value}} pair across lines.
 */
class TextDiffBrokenSideTest {

    private static final String CLOUD = "{\n"
            + "  \"name\" : \"daily\",\n"
            + "  \"params\" : [ {\n"
            + "    \"name\" : \"db_password\",\n"
            + "    \"value\" : \"cloud-hunter2\"\n"
            + "  } ]\n"
            + "}\n";

    private static String diff(String before, String after) {
        return String.join("\n", new TextDiff(3).unified("jobs/daily.job", before, after));
    }

    @Test
    void aBrokenSnapshotFileDoesNotUnmaskTheCloudsParameterValue() {
        String snapshot = "{\n"
                + "  \"name\" : \"daily\",\n"
                + "<<<<<<< HEAD\n"
                + "  \"params\" : [ {\n"
                + "    \"name\" : \"db_password\",\n"
                + "    \"value\" : \"git-hunter2\"\n"
                + "  } ]\n"
                + "=======\n"
                + "  \"params\" : [ ]\n"
                + ">>>>>>> feature\n"
                + "}\n";
        String diff = diff(snapshot, CLOUD);
        assertFalse(diff.contains("hunter2"), diff);
    }

    @Test
    void aDuplicateKeyDoesNotUnmaskTheParameterValue() {
        String duplicate = CLOUD.replace("\"name\" : \"daily\",", "\"name\" : \"daily\",\n  \"name\" : \"daily\",");
        String diff = diff(CLOUD.replace("cloud-", "old-"), duplicate);
        assertFalse(diff.contains("hunter2"), diff);
    }

    @Test
    void theSideThatParsesKeepsItsJsonMasking() {
        String broken = CLOUD.replace("\"name\" : \"daily\",", "\"name\" : \"daily\",,");

        assertEquals(
                List.of(
                        "--- a/jobs/daily.job",
                        "+++ b/jobs/daily.job",
                        "@@ -1,5 +1,5 @@",
                        " {",
                        "-  \"name\" : \"daily\",",
                        "+  \"name\" : \"daily\",,",
                        "   \"params\" : [ {",
                        "     \"name\" : \"db_password\",",
                        "     \"value\" : \"****\""),
                new TextDiff(3).unified("jobs/daily.job", CLOUD, broken),
                "the two sides mask the value alike, so only the real change shows");
    }

    @Test
    void thePairRuleHoldsAcrossLinesWhateverTheValuesTypeLayoutOrPlace() {
        String broken = "{\n"
                + "<<<<<<< HEAD\n"
                + "  \"params\" : [ {\n"
                + "    \"name\" : \"db_pwd\",\n"
                + "    \"value\" : 917317001\n"
                + "  }, {\n"
                + "    \"value\" :\n"
                + "      \"S3cr3t-value\",\n"
                + "    \"name\" : \"api_token\"\n"
                + "  }, {\n"
                + "    \"name\" : \"sk\",\n"
                + "    \"value\" : [ \"S3cr3t-a\",\n"
                + "      \"S3cr3t-b\" ]\n"
                + "  }, {\n"
                + "    \"name\" : \"day\",\n"
                + "    \"value\" : \"${bizdate}\"\n"
                + "  } ],\n"
                + "  \"password\" : {\n"
                + "    \"user\" : \"S3cr3t-user\"\n"
                + "  },\n"
                + "=======\n"
                + ">>>>>>> feature\n"
                + "  \"nodes\" : [ {\n"
                + "    \"name\" : \"rest\",\n"
                + "    \"properties\" : [ {\n"
                + "      \"name\" : \"command\",\n"
                + "      \"value\" : \"curl -d \\\"{\\\\\\\"password\\\\\\\": \\\\\\\"S3cr3t-shell\\\\\\\"}\\\"\"\n"
                + "    }, {\n"
                + "      \"name\" : \"headers\",\n"
                + "      \"value\" : \"{\\\"X-Auth-Token\\\": \\\"S3cr3t-header\\\", \\\"n\\\": 1,}\"\n"
                + "    } ]\n"
                + "  } ]\n"
                + "}\n";

        String diff = diff(broken, "{ }\n");

        for (String secret : List.of("917317001", "S3cr3t")) {
            assertFalse(diff.contains(secret), secret + " in\n" + diff);
        }
        assertTrue(diff.contains("-    \"value\" : \"${bizdate}\""), "a reference is no secret:\n" + diff);
        assertTrue(diff.contains("-    \"name\" : \"api_token\""), "names and layout stay:\n" + diff);
    }
}
