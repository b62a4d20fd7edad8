package io.github.dlfmaven.api;

/**
 * One entry of the job list.
 *
 * @param name the job's name
 * @param jobType {@code BATCH} or {@code REAL_TIME}
 * @param directory the job's folder in DataArts Factory, such as {@code /finance/daily}; {@code /} when not given
 */
public record JobSummary(String name, String jobType, String directory) {}
