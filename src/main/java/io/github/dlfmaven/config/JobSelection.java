package io.github.dlfmaven.config;

import io.github.dlfmaven.text.LogText;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which jobs a goal works on: names and glob patterns, less the excluded ones, each checked as a job name must be.
 *
 * @param jobs job names and glob patterns ({@code *} any characters, {@code ?} one), trimmed, without duplicates, in
 *     the order given
 * @param excludes names and patterns of jobs to leave out
 */
public record JobSelection(List<String> jobs, List<String> excludes) {

    public JobSelection {
        jobs = List.copyOf(jobs);
        excludes = List.copyOf(excludes);
    }

    /**
     * @throws InvalidConfigurationException naming every name that cannot be one, and an empty selection
     */
    public static JobSelection of(List<String> jobs, List<String> excludes, SettingNames names)
            throws InvalidConfigurationException {
        List<String> problems = new ArrayList<>();
        JobSelection selection = check(jobs, excludes, names, problems);
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return selection;
    }

    /** Whether {@code jobs} holds a pattern, which needs the job list to resolve. */
    public boolean hasPatterns() {
        return jobs.stream().anyMatch(JobPattern::isPattern);
    }

    /** Whether a job of this name is selected, by a name or a pattern, and not excluded. */
    public boolean selects(String name) {
        return jobs.stream().anyMatch(job -> JobPattern.of(job).matches(name))
                && excludes.stream().noneMatch(exclude -> JobPattern.of(exclude).matches(name));
    }

    /** The selection, adding a problem for each wrong value. */
    static JobSelection check(
            List<String> rawJobs, List<String> rawExcludes, SettingNames names, List<String> problems) {
        List<String> raw = rawJobs == null ? List.of() : rawJobs;
        Set<String> jobs = new LinkedHashSet<>();
        for (String job : raw) {
            if (job == null || job.isBlank()) {
                continue;
            }
            String name = job.trim();
            Optional<String> problem = JobNames.problem(name);
            if (problem.isPresent()) {
                problems.add("Job name '" + LogText.escape(name) + "' is not valid: " + problem.get() + " ("
                        + names.where(Setting.JOBS) + ").");
                continue;
            }
            jobs.add(name);
        }
        if (jobs.isEmpty() && raw.stream().noneMatch(j -> j != null && !j.isBlank())) {
            problems.add("No jobs to export: list job names or patterns with " + names.where(Setting.JOBS)
                    + ", comma-separated on the command line (" + names.assignment(Setting.JOBS, "a,b") + ", or "
                    + names.assignment(Setting.JOBS, "*") + " for all jobs).");
        }
        List<String> excludes = RawValues.cleaned(rawExcludes == null ? List.of() : rawExcludes);
        for (String exclude : excludes) {
            if (exclude.indexOf('/') >= 0
                    || exclude.indexOf('\\') >= 0
                    || !LogText.escape(exclude).equals(exclude)) {
                problems.add("Exclude '" + LogText.escape(exclude) + "' is not valid: names and patterns cannot contain"
                        + " '/', '\\' or control characters (" + names.where(Setting.EXCLUDES) + ").");
            }
        }
        return new JobSelection(new ArrayList<>(jobs), excludes);
    }
}
