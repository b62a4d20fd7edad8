package io.github.dlfmaven.export;

import io.github.dlfmaven.api.DlfApiException;
import io.github.dlfmaven.api.JobLister;
import io.github.dlfmaven.api.JobSummary;
import io.github.dlfmaven.config.ExportSettings;
import io.github.dlfmaven.config.JobNames;
import io.github.dlfmaven.config.JobPattern;
import io.github.dlfmaven.config.Setting;
import io.github.dlfmaven.config.SettingNames;
import io.github.dlfmaven.log.Log;
import io.github.dlfmaven.text.LogText;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns the configured names and patterns into the jobs to export. Plain names are taken as they are
 * (a missing one fails in the export, naming it); patterns are matched against the job list of both job
 * types ({@code BATCH} and {@code REAL_TIME}, which the API lists separately), within {@code directory} when
 * one is set; {@code excludes} then removes names and matches.
 */
final class JobSelector {

    private final JobLister lister;
    private final Log log;

    JobSelector(JobLister lister, Log log) {
        this.lister = lister;
        this.log = log;
    }

    /** @param names how the front end spells the selection's settings in messages */
    List<String> select(ExportSettings config, SettingNames names)
            throws IOException, DlfApiException, SelectionException {
        Set<String> selected = new LinkedHashSet<>();
        List<JobPattern> patterns = new ArrayList<>();
        for (String entry : config.jobs()) {
            if (JobPattern.isPattern(entry)) {
                patterns.add(JobPattern.of(entry));
            } else {
                selected.add(entry);
            }
        }
        int byName = selected.size();
        int outsideDirectory = 0;
        if (!patterns.isEmpty()) {
            List<JobSummary> all = new ArrayList<>();
            lister.listAll(List.of("BATCH", "REAL_TIME")).values().forEach(all::addAll);
            TreeMap<String, JobSummary> candidates = new TreeMap<>();
            Set<String> refused = new LinkedHashSet<>();
            for (JobSummary job : all) {
                // Names from the server are held to the rules of names the user types: never a path segment like "..".
                Optional<String> problem = JobNames.problem(job.name());
                if (problem.isPresent()) {
                    refused.add("'" + LogText.escape(job.name()) + "' (" + problem.get() + ")");
                } else if (config.directory()
                        .map(folder -> inFolder(job.directory(), folder))
                        .orElse(true)) {
                    candidates.putIfAbsent(job.name(), job);
                } else {
                    outsideDirectory++;
                }
            }
            if (!refused.isEmpty()) {
                log.warn("The job list names " + refused.size() + " job(s) that cannot be exported and were left out: "
                        + String.join(", ", refused.stream().limit(10).toList())
                        + (refused.size() > 10 ? ", ..." : "") + ". Rename them in DataArts Factory.");
            }
            List<String> unmatched = new ArrayList<>();
            for (JobPattern pattern : patterns) {
                List<String> matches =
                        candidates.keySet().stream().filter(pattern::matches).toList();
                if (matches.isEmpty()) {
                    unmatched.add(pattern.toString());
                }
                selected.addAll(matches);
            }
            log.info("The job list has " + all.size() + " jobs"
                    + config.directory()
                            .map(d -> ", " + candidates.size() + " of them in " + d)
                            .orElse("") + ".");
            if (!unmatched.isEmpty()) {
                String message =
                        "No job" + config.directory().map(d -> " in " + d).orElse("") + " matches "
                                + String.join(", ", unmatched) + ".";
                if (!config.allowEmpty()) {
                    throw new SelectionException(message + " Check the pattern, or set allowEmpty ("
                            + names.assignment(Setting.ALLOW_EMPTY, "true") + ") if that can happen.");
                }
                log.warn(message);
            }
        }
        List<JobPattern> excludes =
                config.excludes().stream().map(JobPattern::of).toList();
        List<String> excluded = selected.stream()
                .filter(job -> excludes.stream().anyMatch(e -> e.matches(job)))
                .toList();
        excluded.forEach(selected::remove);
        if (patterns.isEmpty() && excluded.isEmpty()) {
            return List.copyOf(selected);
        }
        log.info("Selected " + selected.size() + " job(s): " + byName + " by name"
                + (patterns.isEmpty()
                        ? ""
                        : ", " + (selected.size() + excluded.size() - byName) + " matching " + patterns)
                + (excluded.isEmpty() ? "" : "; skipped " + excluded.size() + " excluded by " + config.excludes())
                + (outsideDirectory == 0
                        ? ""
                        : "; " + outsideDirectory + " listed job(s) are outside "
                                + config.directory().orElseThrow())
                + ".");
        if (selected.isEmpty() && !config.allowEmpty()) {
            throw new SelectionException("The configured jobs and excludes select no job; set allowEmpty" + " ("
                    + names.assignment(Setting.ALLOW_EMPTY, "true") + ") to accept an empty export.");
        }
        return List.copyOf(selected);
    }

    /** {@code /finance/} holds {@code /finance}, {@code /finance/} and {@code /finance/daily}. */
    static boolean inFolder(String jobDirectory, String folder) {
        String job = jobDirectory.endsWith("/") ? jobDirectory : jobDirectory + "/";
        String wanted = folder.endsWith("/") ? folder : folder + "/";
        return job.startsWith(wanted);
    }
}
