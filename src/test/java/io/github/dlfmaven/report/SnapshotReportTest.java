package io.github.dlfmaven.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    void escapedFileNamesShowTheJobsNamesAndNoPageIsADeviceNameOfWindows() throws IOException {
        Path snapshot = Files.createDirectories(tmp.resolve("snapshot/jobs"));
        Files.writeString(snapshot.resolve("CO%4E.job"), "{\"name\":\"CON\",\"nodes\":[]}");
        Files.writeString(snapshot.resolve("co%6E.backup.job"), "{\"name\":\"con.backup\",\"nodes\":[]}");
        Files.writeString(snapshot.resolve("a%3Ab.job"), "{\"name\":\"a:b\",\"nodes\":[]}");
        Path drift = Files.writeString(
                tmp.resolve("drift.json"), "{\"files\":[{\"path\":\"jobs/CO%4E.job\",\"change\":\"changed\"}]}");
        Path out = tmp.resolve("report");

        new SnapshotReport(Log.NONE).write(snapshot.getParent(), out, drift);

        String index = Files.readString(out.resolve("index.html"));
        assertTrue(index.contains(">CON</a> <em>(changed)</em>"), index);
        assertTrue(index.contains(">con.backup</a>") && index.contains(">a:b</a>"), index);
        List<String> pages;
        try (Stream<Path> files = Files.list(out.resolve("jobs"))) {
            pages = files.map(f -> f.getFileName().toString()).sorted().toList();
        }
        assertEquals(3, pages.size(), pages.toString());
        for (String page : pages) {
            assertFalse(page.substring(0, page.indexOf('.')).matches("(?i)CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9]"), page);
        }
    }

    @Test
    void anEarlierReportIsReplacedButNoFileTheReportDidNotWriteIsDeleted() throws IOException {
        Path out = tmp.resolve("report");
        new SnapshotReport(Log.NONE).write(QUICK_START, out, null);
        new SnapshotReport(Log.NONE).write(QUICK_START, out, null);
        assertTrue(Files.isRegularFile(out.resolve("index.html")));

        Files.writeString(out.resolve("jobs/notes.md"), "mine");
        IOException added =
                assertThrows(IOException.class, () -> new SnapshotReport(Log.NONE).write(QUICK_START, out, null));
        assertTrue(added.getMessage().contains("did not write (jobs/notes.md)"), added.getMessage());
        assertEquals("mine", Files.readString(out.resolve("jobs/notes.md")));
        assertTrue(Files.isRegularFile(out.resolve("index.html")), "the last report is kept");

        Path foreign = Files.createDirectories(tmp.resolve("docs"));
        Files.writeString(foreign.resolve("notes.md"), "mine");
        IOException e =
                assertThrows(IOException.class, () -> new SnapshotReport(Log.NONE).write(QUICK_START, foreign, null));
        assertTrue(e.getMessage().contains("holds files that are no report"), e.getMessage());
        assertEquals("mine", Files.readString(foreign.resolve("notes.md")));
    }

    @Test
    void theReportNeverReplacesTheSnapshotItDrawsNorAFolderAroundIt() throws IOException {
        Path target = tmp.resolve("target");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        new SnapshotReport(Log.NONE).write(empty, target, null); // claims target while it is empty
        Path snapshot = Files.createDirectories(target.resolve("dlf/jobs"));
        Files.writeString(snapshot.resolve("a.job"), "{\"name\":\"a\",\"nodes\":[]}");

        for (Path out : List.of(target, target.resolve("dlf"))) {
            IOException e = assertThrows(
                    IOException.class, () -> new SnapshotReport(Log.NONE).write(target.resolve("dlf"), out, null));
            assertTrue(e.getMessage().contains("lie inside each other"), e.getMessage());
        }
        assertTrue(Files.isRegularFile(snapshot.resolve("a.job")));
    }

    @Test
    void hostileNamesAndValuesGiveOnePageEachAndNoCrash() throws IOException {
        Path snapshot = Files.createDirectories(tmp.resolve("snapshot/jobs"));
        String wide = "ab " + "\uD840\uDC00".repeat(50); // a space, then 50 letters of four bytes each
        String long251 = "销".repeat(83) + "ab"; // 251 bytes: a file name with .job fits, with .html not
        List<String> names = List.of("a b", "a_b-c8687a08", "Daily", "daily", wide, long251);
        for (String name : names) {
            Files.writeString(
                    snapshot.resolve(name + ".job"),
                    "{\"name\": \"" + name + "\", \"nodes\": [], \"basicConfig\": {\"owner\": \"owner of " + name
                            + "\"}, \"schedule\": {\"cron\": {\"expression\": \"0 0 99999999999 * * ?\"}}}");
        }
        Path out = tmp.resolve("report");

        new SnapshotReport(Log.NONE).write(snapshot.getParent(), out, null);

        List<String> pages;
        try (Stream<Path> files = Files.list(out.resolve("jobs"))) {
            pages = files.map(f -> f.getFileName().toString()).toList();
        }
        assertEquals(names.size(), pages.size(), pages.toString());
        assertEquals(
                names.size(),
                pages.stream()
                        .map(p -> p.toLowerCase(java.util.Locale.ROOT))
                        .distinct()
                        .count(),
                "distinct on a disk that ignores case");
        for (String page : pages) {
            String html = Files.readString(out.resolve("jobs").resolve(page));
            assertEquals(
                    1,
                    names.stream()
                            .filter(n -> html.contains("<h1>" + n + "</h1>"))
                            .count(),
                    page);
            assertTrue(page.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 255, page);
        }
        assertTrue(Files.readString(out.resolve("index.html")).contains("cron 0 0 99999999999 * * ?"));
    }

    @Test
    void secretsInSqlAreMaskedOnEveryPage() throws IOException {
        Path snapshot = Files.createDirectories(tmp.resolve("snapshot"));
        Files.createDirectories(snapshot.resolve("jobs"));
        Files.createDirectories(snapshot.resolve("scripts"));
        Files.writeString(
                snapshot.resolve("jobs/j.job"),
                "{\"name\":\"j\",\"nodes\":[{\"name\":\"n\",\"type\":\"DWSSQL\",\"properties\":"
                        + "[{\"name\":\"scriptName\",\"value\":\"s\"}]}]}");
        Files.writeString(
                snapshot.resolve("scripts/s.script"),
                "{\"name\":\"s\",\"content\":\"CREATE SERVER x OPTIONS (password 'hunter4');"
                        + " -- db_password=hunter5 user=${user} pwd '${pwd}'\"}");

        new SnapshotReport(Log.NONE).write(snapshot, tmp.resolve("report"), null);

        for (String page : List.of("jobs/j.html", "scripts/s.html")) {
            String html = Files.readString(tmp.resolve("report").resolve(page));
            assertFalse(html.contains("hunter4") || html.contains("hunter5"), html);
            assertTrue(html.contains("password &#39;****&#39;") && html.contains("db_password=****"), html);
            assertTrue(html.contains("pwd &#39;${pwd}&#39;"), "a reference is no secret: " + html);
        }
    }

    @Test
    void schedulesInWords() {
        assertEquals("every day at 02:00", ScheduleWords.words("0 0 2 * * ?"));
        assertEquals("every 15 minutes", ScheduleWords.words("0 0/15 * * * ?"));
        assertEquals("every 2 hours at minute 30", ScheduleWords.words("0 30 0/2 * * ?"));
        assertEquals("every Monday to Friday at 06:30", ScheduleWords.words("0 30 6 ? * MON-FRI"));
        assertEquals("every Monday and Thursday at 06:30", ScheduleWords.words("0 30 6 ? * MON,THU"));
        assertEquals("every Monday to Wednesday and Friday at 06:30", ScheduleWords.words("0 30 6 ? * MON-WED,FRI"));
        assertEquals("on day 1 of every month at 03:00", ScheduleWords.words("0 0 3 1 * ?"));
        assertEquals("cron 0 0 2 L * ?", ScheduleWords.words("0 0 2 L * ?"));
        assertEquals("cron 0 61 25 * * ?", ScheduleWords.words("0 61 25 * * ?"));
        assertEquals("cron 0 0 99999999999 * * ?", ScheduleWords.words("0 0 99999999999 * * ?"));
        assertEquals("cron 0 0/99999999999 * * * ?", ScheduleWords.words("0 0/99999999999 * * * ?"));
        assertEquals("cron 0 30 6 ? * MON,XYZ", ScheduleWords.words("0 30 6 ? * MON,XYZ"));
    }

    @Test
    void pageNamesAreStableSafeAndDistinct() {
        PageNames pages = PageNames.of(List.of("dws_daily", "销售日报", "a b", "a_b", "../x"));
        assertEquals("dws_daily.html", pages.file("dws_daily", ".html"));
        assertEquals("销售日报.html", pages.file("销售日报", ".html"));
        String spaced = pages.file("a b", ".html");
        assertTrue(spaced.matches("a_b-[0-9a-f]{8}\\.html"), spaced);
        assertEquals("a_b.html", pages.file("a_b", ".html"));
        assertTrue(pages.file("../x", ".html").matches("_\\._x-[0-9a-f]{8}\\.html"), pages.file("../x", ".html"));
        assertEquals(spaced, PageNames.of(List.of("a b")).file("a b", ".html"), "stable from run to run");
        PageNames devices = PageNames.of(List.of("CON", "nul.txt", "Com1"));
        assertTrue(devices.file("CON", ".html").matches("_CON-[0-9a-f]{8}\\.html"), devices.file("CON", ".html"));
        assertTrue(
                devices.file("nul.txt", ".html").matches("_nul\\.txt-[0-9a-f]{8}\\.html"),
                devices.file("nul.txt", ".html"));
    }
}
