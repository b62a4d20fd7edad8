package io.github.dlfmaven.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dlfmaven.config.Setting;
import io.github.dlfmaven.config.SettingNames;
import io.github.dlfmaven.draw.JobGraph;
import io.github.dlfmaven.draw.SvgDrawing;
import io.github.dlfmaven.files.FolderLock;
import io.github.dlfmaven.files.Folders;
import io.github.dlfmaven.files.OwnedFolder;
import io.github.dlfmaven.log.Log;
import io.github.dlfmaven.snapshot.DefinitionKind;
import io.github.dlfmaven.snapshot.JobReferences;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Pictures of a snapshot for people: {@code index.html} (every job with its folder, schedule in words, owner, node
 * count and scripts, and the jobs' dependencies on each other drawn), a page per job (its node graph drawn, its nodes,
 * the SQL of its scripts, the jobs it depends on), a page per script (its SQL and every job that uses it: what breaks
 * if it changes), and {@code svg/}, each job's drawing named as its page, for pull requests to link. Plain HTML with inline SVG: no script, no
 * network at view time. With a {@code drift.json} of {@code dlf:check}, the index says which jobs drifted. What looks
 * like a secret is masked in every page, as in the diffs ({@code SecretPolicy}).
 */
public final class SnapshotReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What was written. */
    public record Summary(int jobs, int scripts, Path index) {}

    private final Log log;
    private final SettingNames names;
    private final Map<String, String> drift = new TreeMap<>();
    private Map<String, JsonNode> jobs;
    private Map<String, JsonNode> scripts;
    private Map<String, TreeSet<String>> scriptUsers;
    private PageNames jobPages;
    private PageNames scriptPages;

    public SnapshotReport(Log log) {
        this(log, SettingNames.PLAIN);
    }

    /** @param names how the front end spells the report folder's setting in messages */
    public SnapshotReport(Log log, SettingNames names) {
        this.log = log;
        this.names = names;
    }

    /** Marks a folder as this report's, so that the next run may replace it and nothing else is ever replaced. */
    static final String MARKER = ".dlf-report";

    /**
     * @param folder where the report goes: missing, empty, or a report of an earlier run, which is replaced
     * @param driftReport a {@code drift.json} to show, or null
     * @throws IOException also when {@code folder} holds files that are not an earlier report's
     */
    public Summary write(Path snapshot, Path folder, Path driftReport) throws IOException {
        OwnedFolder owned = new OwnedFolder(folder, folder.resolve(MARKER), "dlf:report", "report");
        if (owned.overlaps(snapshot)) {
            throw new IOException("The report folder " + folder + " and the snapshot " + snapshot + " lie inside each"
                    + " other, and the report replaces its folder on every run: point it at a folder of its own, such"
                    + " as target/dlf-report.");
        }
        // Everything is read and drawn before the folder is touched, so a run that fails keeps the last report.
        SnapshotDefinitions definitions = new SnapshotDefinitions(snapshot, log);
        jobs = definitions.jobs;
        scripts = definitions.scripts;
        scriptUsers = definitions.scriptUsers;
        jobPages = PageNames.of(jobs.keySet());
        scriptPages = PageNames.of(scripts.keySet());
        if (driftReport != null && Files.isRegularFile(driftReport)) {
            for (JsonNode file : JSON.readTree(driftReport.toFile()).path("files")) {
                drift.put(file.path("path").asText(""), file.path("change").asText(""));
            }
        }
        Map<String, String> pages = new TreeMap<>();
        for (Map.Entry<String, JsonNode> job : jobs.entrySet()) {
            String svg = SvgDrawing.of(JobGraph.of(job.getValue()));
            pages.put("svg/" + jobPages.file(job.getKey(), ".svg"), svg);
            pages.put("jobs/" + jobPages.file(job.getKey(), ".html"), jobPage(job.getKey(), job.getValue(), svg));
        }
        for (Map.Entry<String, JsonNode> script : scripts.entrySet()) {
            pages.put(
                    "scripts/" + scriptPages.file(script.getKey(), ".html"),
                    scriptPage(script.getKey(), script.getValue()));
        }
        pages.put("index.html", indexPage());
        // Another report into the same folder would delete these pages as it replaces its own.
        Folders.create(folder);
        try (FolderLock lock = FolderLock.acquire(folder, "dlf:report", names.where(Setting.REPORT_OUTPUT_DIRECTORY))) {
            owned.replace();
            for (Map.Entry<String, String> page : pages.entrySet()) {
                Path file = folder.resolve(page.getKey());
                Files.createDirectories(file.getParent());
                Files.write(file, page.getValue().getBytes(StandardCharsets.UTF_8));
            }
            owned.record(pages.keySet());
        }
        return new Summary(jobs.size(), scripts.size(), folder.resolve("index.html"));
    }

    private String indexPage() {
        StringBuilder body = new StringBuilder("<h1>DataArts Factory jobs</h1>\n<p>")
                .append(jobs.size())
                .append(" jobs, ")
                .append(scripts.size())
                .append(" scripts.</p>\n");
        if (!drift.isEmpty()) {
            body.append("<h2>Drift</h2>\n<ul class=\"drift\">\n");
            drift.forEach((path, change) -> body.append("<li>")
                    .append(h(change))
                    .append(": <code>")
                    .append(h(path))
                    .append("</code></li>\n"));
            body.append("</ul>\n");
        }
        body.append(
                "<h2>Jobs</h2>\n<table class=\"jobs\">\n<tr><th>job</th><th>folder</th><th>schedule</th><th>owner</th>"
                        + "<th>nodes</th><th>scripts</th></tr>\n");
        Map<String, List<String>> byFolder = new TreeMap<>();
        jobs.forEach(
                (name, job) -> byFolder.computeIfAbsent(job.path("directory").asText("/"), d -> new ArrayList<>())
                        .add(name));
        byFolder.forEach((folder, names) -> names.forEach(name -> {
            JsonNode job = jobs.get(name);
            String change = drift.get(DefinitionKind.JOB.path(name));
            body.append("<tr><td><a href=\"jobs/")
                    .append(jobPages.href(name, ".html"))
                    .append("\">")
                    .append(h(name))
                    .append("</a>")
                    .append(change == null ? "" : " <em>(" + h(change) + ")</em>")
                    .append("</td><td>")
                    .append(h(folder))
                    .append("</td><td>")
                    .append(h(ScheduleWords.of(job.path("schedule"))))
                    .append("</td><td>")
                    .append(h(job.path("basicConfig").path("owner").asText("")))
                    .append("</td><td>")
                    .append(job.path("nodes").size())
                    .append("</td><td>")
                    .append(scriptLinks(JobReferences.scriptsOfJob(job), "scripts/"))
                    .append("</td></tr>\n");
        }));
        body.append("</table>\n<h2>Scripts</h2>\n<ul>\n");
        scripts.keySet()
                .forEach(name -> body.append("<li>")
                        .append(scriptLinks(List.of(name), "scripts/"))
                        .append("</li>\n"));
        body.append("</ul>\n<h2>Dependencies between jobs</h2>\n").append(workspaceGraph());
        return page("DataArts Factory jobs", body.toString());
    }

    /** The jobs and their {@code dependJobs} as one graph; a job of another workspace is drawn too. */
    private String workspaceGraph() {
        Map<String, List<String>> depends = new TreeMap<>();
        jobs.forEach((name, job) -> depends.put(name, JobReferences.dependJobs(job)));
        Set<String> dependedOn = new TreeSet<>();
        depends.values().forEach(dependedOn::addAll);
        Map<String, JobGraph.Node> nodes = new LinkedHashMap<>();
        Set<JobGraph.Edge> edges = new LinkedHashSet<>();
        depends.forEach((name, on) -> {
            if (!on.isEmpty() || dependedOn.contains(name)) {
                nodes.put(name, new JobGraph.Node(name, "job", null, null));
            }
            on.stream()
                    .filter(other -> !other.equals(name))
                    .forEach(other -> edges.add(new JobGraph.Edge(other, name, false)));
        });
        dependedOn.stream()
                .filter(name -> !jobs.containsKey(name))
                .forEach(name -> nodes.put(name, new JobGraph.Node(name, "other workspace", null, null)));
        if (nodes.isEmpty()) {
            return "<p>No job depends on another.</p>\n";
        }
        return SvgDrawing.of(
                        new JobGraph(nodes, List.copyOf(edges)),
                        name -> jobs.containsKey(name) ? "jobs/" + jobPages.href(name, ".html") : null)
                + "\n";
    }

    private String jobPage(String name, JsonNode job, String svg) {
        StringBuilder body = new StringBuilder("<p><a href=\"../index.html\">All jobs</a></p>\n<h1>")
                .append(h(name))
                .append("</h1>\n<p>")
                .append(h(job.path("directory").asText("/")))
                .append(" · ")
                .append(h(ScheduleWords.of(job.path("schedule"))))
                .append("</p>\n")
                .append(svg)
                .append(
                        "<h2>Nodes</h2>\n<table class=\"nodes\">\n<tr><th>node</th><th>type</th><th>waits for</th><th>script</th></tr>\n");
        for (JsonNode node : job.path("nodes")) {
            List<String> script = JobReferences.scriptsOf(node);
            List<String> waits = JobReferences.waitsFor(node);
            body.append("<tr><td>")
                    .append(h(node.path("name").asText("")))
                    .append("</td><td>")
                    .append(h(node.path("type").asText("")))
                    .append("</td><td>")
                    .append(h(String.join(", ", waits)))
                    .append("</td><td>")
                    .append(scriptLinks(script, "../scripts/"))
                    .append("</td></tr>\n");
        }
        body.append("</table>\n");
        List<String> depends = JobReferences.dependJobs(job);
        if (!depends.isEmpty()) {
            body.append("<h2>Depends on jobs</h2>\n<ul>\n");
            for (String other : depends) {
                body.append("<li>")
                        .append(
                                jobs.containsKey(other)
                                        ? "<a href=\"" + jobPages.href(other, ".html") + "\">" + h(other) + "</a>"
                                        : h(other) + " (not in this snapshot)")
                        .append("</li>\n");
            }
            body.append("</ul>\n");
        }
        for (String script : JobReferences.scriptsOfJob(job)) {
            JsonNode definition = scripts.get(script);
            body.append("<h2>Script ")
                    .append(scriptLinks(List.of(script), "../scripts/"))
                    .append("</h2>\n")
                    .append(
                            definition == null
                                    ? "<p>Not in this snapshot.</p>\n"
                                    : "<pre class=\"sql\">"
                                            + h(definition.path("content").asText(""))
                                            + "</pre>\n");
        }
        return page(name, body.toString());
    }

    private String scriptPage(String name, JsonNode script) {
        StringBuilder body = new StringBuilder("<p><a href=\"../index.html\">All jobs</a></p>\n<h1>")
                .append(h(name))
                .append("</h1>\n<p>")
                .append(h(script.path("type").asText("")))
                .append(" · ")
                .append(h(script.path("connectionName").asText("")))
                .append("</p>\n<h2>Used by</h2>\n<ul class=\"users\">\n");
        for (String job : scriptUsers.getOrDefault(name, new TreeSet<>())) {
            body.append("<li><a href=\"../jobs/")
                    .append(jobPages.href(job, ".html"))
                    .append("\">")
                    .append(h(job))
                    .append("</a></li>\n");
        }
        body.append("</ul>\n<h2>Content</h2>\n<pre class=\"sql\">")
                .append(h(script.path("content").asText("")))
                .append("</pre>\n");
        return page(name, body.toString());
    }

    private String scriptLinks(List<String> names, String prefix) {
        List<String> links = new ArrayList<>();
        for (String name : names) {
            links.add(
                    scripts.containsKey(name)
                            ? "<a href=\"" + prefix + scriptPages.href(name, ".html") + "\">" + h(name) + "</a>"
                            : h(name));
        }
        return String.join(", ", links);
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + h(title)
                + "</title>\n<style>body{font-family:sans-serif;margin:2em;color:#111}table{border-collapse:collapse}"
                + "td,th{border:1px solid #ddd;padding:4px 8px;text-align:left}pre{background:#f6f8fa;padding:1em;"
                + "overflow:auto}svg{max-width:100%;height:auto}</style>\n</head>\n<body>\n" + body
                + "</body>\n</html>\n";
    }

    private static String h(String text) {
        return SvgDrawing.xml(text);
    }
}
