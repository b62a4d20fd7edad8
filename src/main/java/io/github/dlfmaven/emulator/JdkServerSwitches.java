package io.github.dlfmaven.emulator;

/**
 * The switches of the JDK's own HTTP server the emulator depends on, set as system properties when the user has not
 * set them. The JDK reads them once, when the first of its HTTP servers in a JVM is created (its {@code ServerConfig}
 * and {@code ServerImpl} keep them in static fields), so they must be set before the emulator creates its first
 * server; should another of the JDK's servers have been created in the same JVM first, the values it was created with
 * stand. They apply to every server of the JDK's in that JVM, and a value set by the user is kept.
 */
final class JdkServerSwitches {

    private static final String NO_DELAY = "sun.net.httpserver.nodelay";
    static final String MAX_REQUEST_SECONDS = "sun.net.httpserver.maxReqTime";

    /**
     * How long a request may take to arrive, from its first byte to the last byte of its body, before the JDK's server
     * closes its connection (older JDK 17 updates count a connection's first request from its opening). It is well above what any request to the emulator needs on the loopback address (a 32 MiB
     * upload takes well under a second) and well below the plugin's read timeout (120 s), so that a request waiting
     * behind stuck connections is still answered.
     */
    private static final int MAX_REQUEST_TIME_SECONDS = 30;

    private JdkServerSwitches() {}

    static void apply() {
        // The JDK's server sends response headers and body in two writes; with Nagle's algorithm the body then
        // waits for the client's delayed ACK, about 40 ms per request, which would swamp any latency the
        // emulator is asked to simulate. It changes nothing but TCP_NODELAY.
        setUnlessSet(NO_DELAY, "true");
        // The JDK's server reads a request's headers on a thread of the emulator's executor and by default waits for
        // them for ever: connections that send part of their headers and stop, which need no credentials, would hold
        // every thread and leave every other request unanswered. With a request time the JDK closes such a
        // connection after that many seconds (a timer checks every second), which frees its thread; it also ends a
        // body that stalls half sent, which gives its share of the body budget back. The JDK counts the time until
        // the body has been read, so the emulator adds its latency after reading a body, not before. The JDK's idle
        // interval needs no change: a connection that sends nothing holds no thread (the JDK hands a connection to a
        // thread only when its first bytes arrive), and the request time closes it too.
        setUnlessSet(MAX_REQUEST_SECONDS, Integer.toString(MAX_REQUEST_TIME_SECONDS));
    }

    private static void setUnlessSet(String name, String value) {
        if (System.getProperty(name) == null) {
            System.setProperty(name, value);
        }
    }
}
