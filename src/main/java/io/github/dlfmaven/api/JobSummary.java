package io.github.dlfmaven.api;

import java.time.Instant;
import java.util.Optional;

/**
 * One entry of the job list.
 *
 * @param name the job's name
 * @param jobType {@code BATCH} or {@code REAL_TIME}
 * @param directory the job's folder in DataArts Factory, such as {@code /finance/daily}; {@code /} when not given
 * @param status its schedule's state ({@code SCHEDULING}, {@code STOPPED}, {@code PAUSED} for a batch job;
 *     {@code NORMAL}, {@code EXCEPTION}, ... for a real-time one); empty when the list leaves it out
 * @param lastInstanceStatus how the job's last run ended ({@code success}, {@code fail}, ...); empty when it has none
 * @param lastInstanceEnd when the job's last run ended; empty when it has none
 */
public record JobSummary(
        String name,
        String jobType,
        String directory,
        Optional<String> status,
        Optional<String> lastInstanceStatus,
        Optional<Instant> lastInstanceEnd) {

    /** A job of the list with nothing known of its schedule or runs. */
    public JobSummary(String name, String jobType, String directory) {
        this(name, jobType, directory, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
