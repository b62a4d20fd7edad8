package io.github.dlfmaven.api;

/**
 * What a call is about, for messages.
 *
 * @param label such as {@code Export of job 'a'}, names already escaped
 * @param jobName the job it concerns, or null for calls about several jobs
 */
record Operation(String label, String jobName) {

    /** The label inside a sentence: {@code the export of job 'a'}. */
    String noun() {
        return "the " + Character.toLowerCase(label.charAt(0)) + label.substring(1);
    }

    /** The label opening a sentence about the call: {@code The export of job 'a'}. */
    String subject() {
        return "T" + noun().substring(1);
    }
}
