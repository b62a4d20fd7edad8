package io.github.dlfmaven.failure;

/**
 * What every failure of the core says of itself: whether the user must act (a setting, a refusal of the server, an
 * unsafe package, a folder another run holds; the build fails with the message as it is) or something broke (the
 * network, the disk; the build reports an error). The front end maps a failure by asking it, never by knowing its
 * class: a new failure, or a new goal, changes no table. Failures keep the base the JDK gives their kind (an
 * {@code IOException} for what happens on the way to a server or a disk), so this is an interface beside it.
 */
public interface Failure {

    /** Whether the message tells the user what to change; otherwise something broke that the user did not cause. */
    boolean userMustAct();
}
