package io.github.dlfmaven.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlfmaven.log.Log;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report of the quick-start sample: every page there, every link leading to a page that exists. */
class SnapshotReportTest {

    private static final Path QUICK_START = Path.of("src/it/quickstart/src/test/dlf");
    private static final Pattern HREF = Pattern.compile("href=\"([^\"]*)\"");

    @TempDir
    Path tmp;

    @Test
    void everyJobAndScriptHasItsPageAndEveryLinkLeadsSomewhere() throws IOException {
        Path out = tmp.resolve("report");

        SnapshotReport.Summary summary = new SnapshotReport(Log.NONE).write(QUICK_START, out, null);

        assertEquals(4, summary.jobs());
        assertEquals(5, summary.scripts());
        assertTrue(Files.isRegularFile(out.resolve("jobs/销售日报.html")));
        assertTrue(Files.isRegularFile(out.resolve("svg/dws_sales_daily.svg")));
        List<String> broken = new ArrayList<>();
        int links = 0;
        try (Stream<Path> pages = Files.walk(out)) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".html")).toList()) {
                Matcher m = HREF.matcher(Files.readString(page));
                while (m.find()) {
                    links++;
                    Path target = Path.of(page.getParent().toUri().resolve(URI.create(m.group(1))));
                    if (!Files.isRegularFile(target)) {
                        broken.add(out.relativize(page) + " -> " + m.group(1));
                    }
                }
            }
        }
        assertEquals(List.of(), broken);
        assertTrue(links > 20, links + " links");
    }

    @Test
    void theIndexSaysScheduleOwnerAndScriptsAndAScriptPageWhoUsesIt() throws IOException {
        Path out = tmp.resolve("report");

        new SnapshotReport(Log.NONE).write(QUICK_START, out, null);

        String index = Files.readString(out.resolve("index.html"));
        assertTrue(index.contains("every day at 02:00 GMT+08:00") || index.contains("every day at"), index);
        assertTrue(index.contains("<a href=\"jobs/%E9%94%80%E5%94%AE%E6%97%A5%E6%8A%A5.html\">销售日报</a>"), index);
        String script = Files.readString(out.resolve("scripts/dws_sales_daily_publish.html"));
        assertTrue(script.contains("<a href=\"../jobs/dws_sales_daily.html\">dws_sales_daily</a>"), script);
        String job = Files.readString(out.resolve("jobs/dws_sales_daily.html"));
        assertTrue(job.contains("<svg"), job);
        assertTrue(job.contains("<pre class=\"sql\">"), job);
    }

    @Test
    void theIndexDrawsTheJobsDependenciesOnEachOtherAndOnOtherWorkspaces() throws IOException {
        Path snapshot = Files.createDirectories(tmp.resolve("snapshot/jobs"));
        Files.writeString(snapshot.resolve("a.job"), "{\"name\":\"a\",\"nodes\":[]}");
        Files.writeString(
                snapshot.resolve("b.job"),
                "{\"name\":\"b\",\"nodes\":[],\"schedule\":{\"cron\":"
                        + "{\"dependJobs\":{\"jobs\":[\"a\",\"elsewhere\",\"a\",\"b\"]}}}}");
        Files.writeString(snapshot.resolve("alone.job"), "{\"name\":\"alone\",\"nodes\":[]}");

        new SnapshotReport(Log.NONE).write(snapshot.getParent(), tmp.resolve("report"), null);

        String index = Files.readString(tmp.resolve("report/index.html"));
        assertEquals(3, index.split("<g class=\"node\"", -1).length - 1, index);
        assertEquals(2, index.split("<line class=\"edge\"", -1).length - 1, index);
        assertTrue(index.contains("data-from=\"a\" data-to=\"b\""), index);
        assertTrue(index.contains("data-from=\"elsewhere\" data-to=\"b\""), index);
        assertTrue(!index.contains("data-name=\"alone\""), index);
        assertTrue(index.contains("<a href=\"jobs/a.html\"><g class=\"node\" data-name=\"a\">"), index);
        assertTrue(!index.contains("<a href=\"jobs/elsewhere.html\">"), index);
        assertTrue(index.contains(">Job</text>") && index.contains(">Job of another workspace</text>"), index);
    }

    @Test
    void theDriftOfACheckIsShown() throws IOException {
        Path drift = Files.writeString(
                tmp.resolve("drift.json"),
                "{\"files\":[{\"path\":\"jobs/dws_sales_daily.job\",\"change\":\"changed\"}]}");

        new SnapshotReport(Log.NONE).write(QUICK_START, tmp.resolve("report"), drift);

        String index = Files.readString(tmp.resolve("report/index.html"));
        assertTrue(index.contains("changed: <code>jobs/dws_sales_daily.job</code>"), index);
        assertTrue(index.contains("dws_sales_daily</a> <em>(changed)</em>"), index);
    }

    @Test
    void anEarlierReportIsReplacedButAFolderOfOtherFilesIsNot() throws IOException {
        Path out = tmp.resolve("report");
        new SnapshotReport(Log.NONE).write(QUICK_START, out, null);
        Files.writeString(out.resolve("jobs/stale.html"), "old");
        new SnapshotReport(Log.NONE).write(QUICK_START, out, null);
        assertTrue(Files.notExists(out.resolve("jobs/stale.html")));

        Path foreign = Files.createDirectories(tmp.resolve("docs"));
        Files.writeString(foreign.resolve("notes.md"), "mine");
        IOException e =
                assertThrows(IOException.class, () -> new SnapshotReport(Log.NONE).write(QUICK_START, foreign, null));
        assertTrue(e.getMessage().contains("holds files that are no report"), e.getMessage());
        assertEquals("mine", Files.readString(foreign.resolve("notes.md")));
    }

    @Test
    void schedulesInWords() {
        assertEquals("every day at 02:00", ScheduleWords.words("0 0 2 * * ?"));
        assertEquals("every 15 minutes", ScheduleWords.words("0 0/15 * * * ?"));
        assertEquals("every 2 hours at minute 30", ScheduleWords.words("0 30 0/2 * * ?"));
        assertEquals("every Monday to Friday at 06:30", ScheduleWords.words("0 30 6 ? * MON-FRI"));
        assertEquals("every Monday, Thursday at 06:30", ScheduleWords.words("0 30 6 ? * MON,THU"));
        assertEquals("on day 1 of every month at 03:00", ScheduleWords.words("0 0 3 1 * ?"));
        assertEquals("cron 0 0 2 L * ?", ScheduleWords.words("0 0 2 L * ?"));
    }

    @Test
    void pageNamesAreStableSafeAndDistinct() {
        assertEquals("dws_daily.html", PageNames.file("dws_daily", ".html"));
        assertEquals("销售日报.html", PageNames.file("销售日报", ".html"));
        String spaced = PageNames.file("a b", ".html");
        assertTrue(spaced.matches("a_b-[0-9a-f]{8}\\.html"), spaced);
        assertTrue(!spaced.equals(PageNames.file("a_b", ".html")));
        assertTrue(
                PageNames.file("../x", ".html").matches("_\\._x-[0-9a-f]{8}\\.html"), PageNames.file("../x", ".html"));
    }
}
