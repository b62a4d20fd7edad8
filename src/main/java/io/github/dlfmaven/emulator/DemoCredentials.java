package io.github.dlfmaven.emulator;

import io.github.dlfmaven.auth.Credentials;
import java.security.SecureRandom;

/** Throw-away credentials for an emulator when the build has none: they open nothing but that emulator. */
public final class DemoCredentials {

    public static final String SOURCE = "the demo credentials of the DLF emulator started in this build";

    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String MIXED = UPPER + "abcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private DemoCredentials() {}

    /** A fresh pair shaped like Huawei Cloud's: a 20-character AK starting {@code DEMO} and a 40-character SK. */
    public static Credentials generate() {
        return Credentials.of("DEMO" + random(UPPER, 16), random(MIXED, 40), SOURCE);
    }

    private static String random(String alphabet, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
