package io.github.dlfmaven.check;

import io.github.dlfmaven.report.SecretNames;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks what looks like a secret in the lines of a normalized definition before they go into a diff, a log or a
 * pull-request comment: the value of a secret key ({@code "password": "..."}), the {@code value} of a {@code {name,
 * value}} pair whose name is one (normalized JSON writes {@code name} first, on its own line, at the same indent),
 * values shaped like an access key, and secret assignments inside values ({@code db_password=...}). The JSON paths of
 * a change are computed on the real values, so a changed secret still shows where it changed.
 */
final class SecretMask {

    // Possessive, so a long value (a script's content on one line) cannot overflow the stack.
    private static final Pattern STRING_FIELD =
            Pattern.compile("^(\\s*)\"((?:[^\"\\\\]++|\\\\.)*+)\": \"((?:[^\"\\\\]++|\\\\.)*+)\"(,?)$");
    static final String MASK = "****";

    private SecretMask() {}

    static List<String> lines(List<String> lines) {
        List<String> masked = new ArrayList<>(lines.size());
        String secretPairIndent = null;
        for (String line : lines) {
            Matcher m = STRING_FIELD.matcher(line);
            if (!m.matches()) {
                if (secretPairIndent != null && !line.startsWith(secretPairIndent)) {
                    secretPairIndent = null; // the object of the pair ended
                }
                masked.add(line);
                continue;
            }
            String indent = m.group(1);
            String key = m.group(2);
            String value = m.group(3);
            boolean secret = SecretNames.secretKey(key)
                    || (key.equals("value") && indent.equals(secretPairIndent))
                    || SecretNames.accessKeyShaped(SecretNames.literal(value));
            if (key.equals("name")) {
                secretPairIndent = SecretNames.secretKey(value) ? indent : null;
            }
            String shown = secret && !SecretNames.literal(value).isEmpty() ? MASK : SecretNames.maskSecrets(value);
            masked.add(indent + "\"" + key + "\": \"" + shown + "\"" + m.group(4));
        }
        return masked;
    }
}
