package io.github.dlfmaven.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BodyPreviewTest {

    @Test
    void whitespaceOfAnyKindBecomesOneSpaceAndControlsAreEscaped() {
        assertEquals(
                "'ok \\u202Eevil\\u202C \\u009B31mred forged line another \\u001B[2J'",
                BodyPreview.of("ok \u202Eevil\u202C \u009B31mred \u0085forged line\u2028another\r\n\t\u001B[2J"));
    }

    @Test
    void longTextIsCutBeforeItIsEscapedSoNoEscapeIsHalved() {
        String preview = BodyPreview.of("x".repeat(199) + "\u001Byyy");

        assertEquals("'" + "x".repeat(199) + "\\u001B...'", preview);
    }

    @Test
    void describeSaysWhatKindOfBodyItIs() {
        assertEquals("JSON starting '{\"a\": 1}'", BodyPreview.describe("  {\"a\":\n 1}".replace(":\n", ": ")));
        assertEquals("an empty body", BodyPreview.describe(""));
    }
}
