package io.github.dlfmaven.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The file names of definitions: what Windows or macOS cannot hold is escaped, and read back as the name. */
class PortableFileNameTest {

    static Stream<Arguments> names() {
        return Stream.of(
                Arguments.of("CON", "CO%4E"),
                Arguments.of("con.backup", "co%6E.backup"),
                Arguments.of("nul.txt", "nu%6C.txt"),
                Arguments.of("COM1", "COM%31"),
                Arguments.of("LPT9", "LPT%39"),
                Arguments.of("com0", "com%30"),
                Arguments.of("Aux.tar.gz", "Au%78.tar.gz"),
                Arguments.of("PRN", "PR%4E"),
                Arguments.of("COM\u00B9", "COM%C2%B9"),
                Arguments.of("lpt\u00B3.log", "lpt%C2%B3.log"),
                Arguments.of("CON .txt", "CON%20.txt"),
                Arguments.of("CON.", "CO%4E%2E"),
                Arguments.of("a:b", "a%3Ab"),
                Arguments.of("a*b", "a%2Ab"),
                Arguments.of("<a>|\"b\"?", "%3Ca%3E%7C%22b%22%3F"),
                Arguments.of("a/b\\c", "a%2Fb%5Cc"),
                Arguments.of("x.", "x%2E"),
                Arguments.of("x ", "x%20"),
                Arguments.of("x..", "x.%2E"),
                Arguments.of("50%", "50%25"),
                Arguments.of("a%41", "a%2541"),
                Arguments.of("bell\u0007tab\t", "bell%07tab%09"),
                Arguments.of("nul\u0000del\u007F", "nul%00del%7F"),
                Arguments.of("\u9500\u552e\u65e5\u62a5", "\u9500\u552e\u65e5\u62a5"),
                Arguments.of("ods_orders_load", "ods_orders_load"),
                Arguments.of("daily load v2", "daily load v2"),
                Arguments.of("CONSOLE", "CONSOLE"),
                Arguments.of("COM10", "COM10"),
                Arguments.of("my.CON", "my.CON"),
                Arguments.of(".hidden", ".hidden"),
                Arguments.of("caf\u00E9", "caf\u00E9"));
    }

    @ParameterizedTest
    @MethodSource("names")
    void aNameIsEscapedOnlyWhereWindowsOrMacCannotHoldItAndReadBack(String name, String fileName) {
        assertEquals(fileName, PortableFileName.of(name));
        assertEquals(name, PortableFileName.nameOf(fileName));
        assertEquals("jobs/" + fileName + ".job", DefinitionKind.JOB.path(name));
        assertEquals(name, DefinitionKind.JOB.nameOf(fileName + ".job"));
        assertEquals("jobs/" + name + ".job", DefinitionKind.JOB.packageEntry(name), "DLF's packages keep the name");
    }

    @Test
    void everyNameIsReadBackFromItsFileName() {
        // Names drawn from the characters the rule is about, mixed with plain ones: a fixed seed, the same every run.
        char[] alphabet =
                "%<>:\"/\\|?* .aCcNnOoUuLlPpTtMmRrXx019\u00B9\u00B2\u00B3\u0000\u001F\u007F\u00E9\u9500".toCharArray();
        Random random = new Random(17);
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            StringBuilder name = new StringBuilder();
            for (int length = 1 + random.nextInt(8); name.length() < length; ) {
                name.append(alphabet[random.nextInt(alphabet.length)]);
            }
            String fileName = PortableFileName.of(name.toString());
            if (!PortableFileName.nameOf(fileName).equals(name.toString()) || !portable(fileName)) {
                failed.add(name.toString());
            }
        }
        assertEquals(List.of(), failed);
    }

    /** What Windows asks of a file name, extension included. */
    private static boolean portable(String fileName) {
        String withExtension = fileName + ".job";
        String stem = withExtension.substring(0, withExtension.indexOf('.')).stripTrailing();
        return withExtension.chars().noneMatch(c -> c < 0x20 || c == 0x7F || "<>:\"/\\|?*".indexOf(c) >= 0)
                && !stem.toUpperCase(java.util.Locale.ROOT)
                        .matches("CON|PRN|AUX|NUL|COM[0-9\u00B9\u00B2\u00B3]|LPT[0-9\u00B9\u00B2\u00B3]")
                && (fileName.isEmpty() || !fileName.endsWith(".") && !fileName.endsWith(" "));
    }

    @ParameterizedTest
    @CsvSource({
        // a % that starts no escape, as in a snapshot written before the rule
        "50%, 50%",
        "100%done, 100%done",
        "x%2, x%2",
        // escapes the rule does not write: lower-case hex, an escaped plain character, a device name as it is
        "a%3ab, a%3ab",
        "a%41, a%41",
        "%41, %41",
        "CON, CON",
        "nul.txt, nul.txt",
        // bytes that are no UTF-8
        "%E9, %E9",
        "%C3%28, %C3%28"
    })
    void aFileNameTheRuleDoesNotWriteIsTheNameAsWritten(String fileName, String name) {
        assertEquals(name, PortableFileName.nameOf(fileName));
        assertEquals(name, DefinitionKind.SCRIPT.nameOf(fileName + ".script"));
    }

    @Test
    void namesDifferingInCaseOrNormalizationFoldToOneFileAndOthersDoNot() {
        assertEquals(PortableFileName.folded("jobs/Daily.job"), PortableFileName.folded("jobs/daily.job"));
        assertEquals(PortableFileName.folded("jobs/caf\u00E9.job"), PortableFileName.folded("jobs/cafe\u0301.job"));
        assertEquals(PortableFileName.folded("jobs/CAF\u00C9.job"), PortableFileName.folded("jobs/cafe\u0301.job"));
        assertEquals(PortableFileName.folded("jobs/CO%4E.job"), PortableFileName.folded("jobs/co%4e.job"));
        assertNotEquals(PortableFileName.folded("jobs/daily.job"), PortableFileName.folded("jobs/daily2.job"));
        assertNotEquals(PortableFileName.folded("jobs/a.job"), PortableFileName.folded("scripts/a.script"));
    }

    @Test
    void lettersWithTwoLowerCaseFormsFoldToOneFile() {
        // Both upper-case to Σ (Windows) and case-fold to σ (macOS).
        assertEquals(PortableFileName.folded("jobs/δοκιμέσ.job"), PortableFileName.folded("jobs/δοκιμές.job"));
        // ſ upper-cases to S and case-folds to s.
        assertEquals(PortableFileName.folded("jobs/sales.job"), PortableFileName.folded("jobs/ſales.job"));
        // The micro sign upper-cases to Μ and case-folds to μ.
        assertEquals(PortableFileName.folded("jobs/\u03BCs.job"), PortableFileName.folded("jobs/\u00B5s.job"));
        // Full case folding takes ß for ss; refused as one, to be safe.
        assertEquals(PortableFileName.folded("jobs/strasse.job"), PortableFileName.folded("jobs/straße.job"));
    }
}
