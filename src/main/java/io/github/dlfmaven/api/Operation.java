package io.github.dlfmaven.api;

/**
 * What a call is about, for messages, and whether it may be sent again.
 *
 * @param label such as {@code Export of job 'a'}, names already escaped
 * @param jobName the job it concerns, or null for calls about several jobs
 * @param repeatable whether running the call twice is harmless (an export is: it changes nothing in DLF); one that
 *     is not (an import) is not sent again after a 502 or 504, which a gateway may answer while the call runs on
 */
record Operation(String label, String jobName, boolean repeatable) {

    Operation(String label, String jobName) {
        this(label, jobName, true);
    }

    /** The label inside a sentence: {@code the export of job 'a'}. */
    String noun() {
        return "the " + Character.toLowerCase(label.charAt(0)) + label.substring(1);
    }

    /** The label opening a sentence about the call: {@code The export of job 'a'}. */
    String subject() {
        return "T" + noun().substring(1);
    }
}
