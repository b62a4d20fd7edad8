package io.github.dlfmaven.export;

import java.time.Duration;

/**
 * What one job's export produced.
 *
 * @param job the job name
 * @param files files unpacked (0 in OBS mode)
 * @param bytes bytes downloaded (0 in OBS mode)
 * @param obsLocation where DLF put the package in OBS mode, else null
 * @param attempts HTTP attempts it took
 * @param time how long the job took
 */
public record JobResult(String job, int files, long bytes, String obsLocation, int attempts, Duration time) {}
