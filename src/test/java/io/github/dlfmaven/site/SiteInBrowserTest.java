package io.github.dlfmaven.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dlfmaven.draw.JobGraph;
import io.github.dlfmaven.draw.SvgDrawing;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The generated site and report as a person sees them, in a real headless browser: run after {@code mvn site} with
 * {@code mvn test -Psite-check} (as {@code .ci/run} does). Screenshots go to {@code target/screenshots} for a human
 * to look at.
 */
@Tag("site")
class SiteInBrowserTest {

    private static final Path SITE = Path.of("target/site");
    /** The quick-start sample as the build draws it into the site at pre-site. */
    private static final Path REPORT = SITE.resolve("quickstart");

    private static final Path SHOTS = Path.of("target/screenshots");
    private static final Pattern LINK = Pattern.compile("(?:href|src)=\"([^\"#]*)(#[^\"]*)?\"");

    @BeforeAll
    static void theSiteIsThere() throws IOException {
        assertTrue(Files.isRegularFile(SITE.resolve("index.html")), "run mvn site first");
        assertTrue(Files.isRegularFile(REPORT.resolve("index.html")), "mvn site did not draw the quick start");
        Files.createDirectories(SHOTS);
    }

    /** The page's DOM after the browser loaded and laid it out. */
    private static String rendered(Path page) throws Exception {
        return browser("--dump-dom", page);
    }

    private static void screenshot(Path page, String name) throws Exception {
        browser("--screenshot=" + SHOTS.resolve(name + ".png").toAbsolutePath(), page);
        assertTrue(Files.size(SHOTS.resolve(name + ".png")) > 10_000, name + " looks empty");
    }

    private static String browser(String what, Path page) throws Exception {
        Process process = new ProcessBuilder(
                        "chromium-headless-shell",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--window-size=1280,900",
                        what,
                        page.toAbsolutePath().toUri().toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the browser did not finish");
        assertEquals(0, process.exitValue(), "the browser failed on " + page);
        return out;
    }

    @Test
    void everyGoalPageListsEachOfItsParameters() throws Exception {
        String descriptor = Files.readString(Path.of("target/classes/META-INF/maven/plugin.xml"));
        for (String goal : List.of("export", "check", "validate", "report", "import", "emulator-start")) {
            String dom = rendered(SITE.resolve(goal + "-mojo.html"));
            for (String parameter : parameters(descriptor, goal)) {
                assertTrue(dom.contains("&lt;" + parameter + "&gt;"), goal + " page lacks <" + parameter + ">");
            }
        }
        screenshot(SITE.resolve("index.html"), "site-index");
        screenshot(SITE.resolve("export-mojo.html"), "site-export-goal");
    }

    @Test
    void aJobPageDrawsEveryNodeAndEveryEdgeWithTheNamesAsText() throws Exception {
        JobGraph graph = JobGraph.of(new ObjectMapper()
                .readTree(Path.of("src/it/quickstart/src/test/dlf/jobs/dwd_orders_clean.job")
                        .toFile()));

        String dom = rendered(REPORT.resolve("jobs/dwd_orders_clean.html"));

        assertEquals(graph.nodes().size(), count(dom, "<g class=\"node\""));
        assertEquals(graph.edges().size(), count(dom, "<line class=\"edge\""));
        for (String node : graph.nodes().keySet()) {
            assertTrue(dom.contains(">" + node + "</text>"), node);
        }
        screenshot(REPORT.resolve("jobs/dwd_orders_clean.html"), "report-job");
    }

    @Test
    void theStartPageShowsAJobDrawnByThisBuild() throws Exception {
        String dom = rendered(SITE.resolve("index.html"));

        assertTrue(dom.contains("src=\"quickstart/svg/dwd_orders_clean.svg\""), "no drawn job on the start page");
        String svg = Files.readString(REPORT.resolve("svg/dwd_orders_clean.svg"));
        assertEquals(
                SvgDrawing.of(JobGraph.of(new ObjectMapper()
                        .readTree(Path.of("src/it/quickstart/src/test/dlf/jobs/dwd_orders_clean.job")
                                .toFile()))),
                svg,
                "the picture is not what this build's drawing code draws");
        screenshot(REPORT.resolve("index.html"), "report-index");
        screenshot(REPORT.resolve("jobs/" + "\u9500\u552e\u65e5\u62a5" + ".html"), "report-job-non-ascii");
    }

    @Test
    void noInternalLinkOfTheSiteOrTheReportIsBroken() throws Exception {
        List<String> broken = new ArrayList<>();
        try (Stream<Path> pages = Files.walk(SITE)) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".html")).toList()) {
                Matcher m = LINK.matcher(Files.readString(page));
                while (m.find()) {
                    String link = m.group(1);
                    if (link.isEmpty() || link.matches("^[a-z]+:.*")) {
                        continue; // this page, another site, or inline data
                    }
                    Path target =
                            Path.of(page.toAbsolutePath().getParent().toUri().resolve(URI.create(link)));
                    if (!Files.exists(target)) {
                        broken.add(page + " -> " + link);
                    }
                }
            }
        }
        assertEquals(List.of(), broken);
    }

    /** The parameter names of a goal in the plugin descriptor, read-only ones left out as the goal pages do. */
    private static Set<String> parameters(String descriptor, String goal) {
        int start = descriptor.indexOf("<goal>" + goal + "</goal>");
        int end = descriptor.indexOf("</mojo>", start);
        String mojo = descriptor.substring(start, end);
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile(
                        "<parameter>\\s*<name>([^<]+)</name>.*?<editable>(true|false)</editable>", Pattern.DOTALL)
                .matcher(mojo);
        while (m.find()) {
            if (m.group(2).equals("true")) {
                names.add(m.group(1));
            }
        }
        assertTrue(!names.isEmpty(), "no parameters found for " + goal);
        return names;
    }

    private static int count(String text, String what) {
        return text.split(Pattern.quote(what), -1).length - 1;
    }
}
