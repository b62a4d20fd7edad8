package io.github.dlfmaven.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's promises about the site: its copy of the credential table, and links that lead somewhere. */
class DocsTest {

    private static final Path README = Path.of("README.md");

    @Test
    void theReadmesCredentialTableIsTheCredentialsPagesTable() throws IOException {
        String table = table(Files.readString(README), "| order | source |");

        assertEquals(table, table(Files.readString(Path.of("site/markdown/credentials.md")), "| order | source |"));
        assertTrue(table.lines().count() >= 8, table);
    }

    @Test
    void theGoalReferenceKeepsEveryPlaceholderWhole() throws IOException {
        // The plugin descriptor, generated from the goals' Javadoc before the tests run: a {@code} span with braces
        // inside came out as https://dayu-dlf.{region.myhuaweicloud.com} on the goal pages and in dlf:help.
        String descriptor = Files.readString(Path.of("target/classes/META-INF/maven/plugin.xml"));
        Matcher broken = Pattern.compile("(?<!\\$)\\{[a-zA-Z]+\\.[^}\\s]*\\}").matcher(descriptor);
        assertFalse(broken.find(), () -> "a placeholder lost its closing brace: " + broken.group());
        assertTrue(descriptor.contains("https://dayu-dlf.{region}.myhuaweicloud.com"));
    }

    @Test
    void everyLinkOfTheReadmeToAFileLeadsToOne() throws IOException {
        Matcher m = Pattern.compile("\\]\\(([^)#]+)(#[^)]*)?\\)").matcher(Files.readString(README));
        List<String> broken = new ArrayList<>();
        int links = 0;
        while (m.find()) {
            if (!m.group(1).matches("^[a-z]+:.*")) {
                links++;
                if (!Files.exists(Path.of(m.group(1)))) {
                    broken.add(m.group(1));
                }
            }
        }
        assertEquals(List.of(), broken);
        assertTrue(links >= 10, links + " links");
    }

    /** The Markdown table that starts with {@code header}, up to the first line that is not a row. */
    private static String table(String markdown, String header) {
        int start = markdown.indexOf(header);
        assertTrue(start >= 0, "no table " + header);
        StringBuilder rows = new StringBuilder();
        for (String line : markdown.substring(start).lines().toList()) {
            if (!line.startsWith("|")) {
                break;
            }
            rows.append(line).append('\n');
        }
        return rows.toString();
    }
}
