package io.github.dlfmaven.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What looks like a secret in a definition, in one place for the goals that must not spread one: a key that says
 * secret ({@code password}, {@code secret}, {@code token}, {@code ak}, {@code sk}, ...), a value shaped like a Huawei
 * Cloud access key, and {@code key=value} assignments of such keys inside a value ({@code scriptArgs}). A reference
 * such as {@code ${db_password}} or {@code #{Job.getParam("pwd")}} is no secret.
 */
public final class SecretNames {

    private static final Pattern SECRET_WORD =
            Pattern.compile("(?i)password|passwd|pwd|secret|token|credential|private[_-]?key|access[_-]?key");
    /** 20 upper-case letters and digits, both present: how Huawei Cloud access keys look. */
    private static final Pattern ACCESS_KEY = Pattern.compile("(?=.*[A-Z])(?=.*[0-9])[A-Z0-9]{20}");

    private static final Pattern REFERENCE = Pattern.compile("[$#]\\{[^}]*}");
    /** {@code key=value} inside a value, such as the lines of {@code scriptArgs} or {@code --password=x}. */
    // Anchored at the start of a word and possessive, so a long value is scanned once, not once per character.
    private static final Pattern ASSIGNMENT = Pattern.compile("(?<![A-Za-z0-9_.-])([A-Za-z0-9_.-]++)=([^\\s,;&]++)");

    private SecretNames() {}

    public static boolean secretKey(String key) {
        return key.equalsIgnoreCase("ak")
                || key.equalsIgnoreCase("sk")
                || SECRET_WORD.matcher(key).find();
    }

    public static boolean accessKeyShaped(String value) {
        return ACCESS_KEY.matcher(value).matches();
    }

    /** The value without its references ({@code ${x}}, {@code #{...}}), trimmed: what is written in it literally. */
    public static String literal(String value) {
        return REFERENCE.matcher(value).replaceAll("").trim();
    }

    /** The secret keys that {@code value} assigns something literal: {@code db_password} in {@code db_password=x}. */
    public static List<String> assignedSecrets(String value) {
        List<String> keys = new ArrayList<>();
        Matcher m = ASSIGNMENT.matcher(value);
        while (m.find()) {
            String key = m.group(1).replaceFirst("^-+", "");
            if (secretKey(key) && !literal(m.group(2)).isEmpty()) {
                keys.add(key);
            }
        }
        return keys;
    }

    /**
     * A secret word followed by a quoted literal, as SQL writes it: {@code password 'x'}, {@code IDENTIFIED BY 'x'},
     * {@code "password": 'x'} in an options clause.
     */
    private static final Pattern QUOTED_SECRET = Pattern.compile(
            "(?i)((?:password|passwd|pwd|secret|token|identified\\s++by)[\"']?+\\s*+[=:]?+\\s*+')([^'\\n]*+)'");

    /**
     * Text for people (a script's SQL in the report) with what looks like a secret in it masked: secret assignments
     * ({@code db_password=x}) and quoted literals after a secret word ({@code password 'x'}). A reference stays.
     */
    public static String maskSecrets(String text) {
        Matcher m = QUOTED_SECRET.matcher(maskAssignments(text));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String shown = literal(m.group(2)).isEmpty() ? m.group(2) : "****";
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + shown + "'"));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** {@code value} with what its secret assignments assign replaced by {@code ****}. */
    public static String maskAssignments(String value) {
        Matcher m = ASSIGNMENT.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String key = m.group(1).replaceFirst("^-+", "");
            m.appendReplacement(out, Matcher.quoteReplacement(secretKey(key) ? m.group(1) + "=****" : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }
}
