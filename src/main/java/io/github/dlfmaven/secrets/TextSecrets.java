package io.github.dlfmaven.secrets;

import io.github.dlfmaven.secrets.SecretFinding.Reason;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What {@link SecretPolicy} masks in a text: a value of a definition that is no JSON (SQL, a shell command, script
 * arguments, headers), JSON in a string that does not parse, or a whole file that does not. In the order they are
 * applied:
 *
 * <ol>
 *   <li>the value of a secret key and of a pair with a secret name, across lines, as far as the text reads as JSON
 *       ({@link LooseJson});
 *   <li>the value of a secret key written as JSON on one line, escaped too as JSON in a shell string is: {@code
 *       "password": "x"}, {@code -d "{\"password\": \"x\"}"}; or quoted as SQL and Spark configurations write it:
 *       {@code 'fs.obs.secret.key' = 'x'};
 *   <li>a value assigned to a secret key: {@code db_password=x}, {@code db_password="a b c"}, {@code --password=x},
 *       {@code api_key=x} in a URL, {@code password: x}, {@code Authorization: Basic x} (the scheme is left);
 *   <li>the value after an option of a secret name: {@code --password x};
 *   <li>a quoted literal after a secret word, as SQL writes it: {@code password 'x'}, {@code IDENTIFIED BY 'x'}, and
 *       after {@code IDENTIFIED BY} unquoted too;
 *   <li>the password of a URL: {@code postgresql://u:x@host}, {@code jdbc:mysql://u:x@host}, {@code
 *       jdbc:oracle:thin:u/x@host};
 *   <li>a word shaped like a Huawei Cloud access key.
 * </ol>
 *
 * Each rule finds what introduces a secret and reads the value after it. Every quantifier is possessive, and the
 * branches of an alternation under a repetition start on different characters, so no pattern backtracks; where a key
 * may not be a secret, its value is read only once the key is known to be one, and a value that is masked is not read
 * again. So a text of any length is scanned in linear time, and none of the loops can overflow the stack.
 */
final class TextSecrets {

    /** A literal in single quotes, as SQL writes it: a quote is doubled or escaped inside. */
    private static final String SQ = "'(?:[^'\\\\\\n]++|\\\\.|'')*+'";
    /** A string in double quotes, as JSON and shells write it. */
    private static final String DQ = "\"(?:[^\"\\\\\\n]++|\\\\.)*+\"";

    /**
     * {@code "key":} or {@code 'key' =}: a key in double quotes as JSON writes it, with as many backslashes before each
     * quote as the JSON is escaped deep ({@code \"key\"} in a shell string, group 1), or in single quotes as SQL writes
     * Spark's and connectors' options; then {@code :} or {@code =}. Its value is read only after a secret key.
     */
    private static final Pattern QUOTED_KEY = Pattern.compile(
            "(?=[\\\\\"'])(?<!\\\\)(?:(\\\\*+)\"([^\"\\\\\\n]*+)\\1\"|'([^'\\\\\\n]*+)')\\s*+[=:]\\s*+");
    /** A JSON number, {@code true} or {@code false}. */
    private static final Pattern SCALAR = Pattern.compile("-?+[0-9][0-9.eE+-]*+|true|false");
    /**
     * {@code key=}, {@code key:} (a header, YAML), spaces around allowed, then the value ({@link #VALUE}). Anchored at
     * the start of a word, so that a long word is read once.
     */
    private static final Pattern ASSIGNMENT = Pattern.compile("(?<![A-Za-z0-9_.-])([A-Za-z0-9_.-]++)\\h*+[=:]\\h*+");
    /** {@code --key }, then the value ({@link #VALUE}). */
    private static final Pattern OPTION = Pattern.compile("(?<![A-Za-z0-9_.-])(--?+[A-Za-z][A-Za-z0-9_.-]*+)\\h++");
    /**
     * What a key is set to, read only after a secret key: an authorization scheme that is left as it is (group 1),
     * then a single-quoted (2), double-quoted (3) or bare (4) value.
     */
    private static final Pattern VALUE = Pattern.compile(
            "((?i:basic|bearer|digest|negotiate|ntlm|token)\\h++)?+" + "(?:(" + SQ + ")|(" + DQ + ")|([^\\s,;&]++))");
    /** A secret word, then a quoted literal: {@code password 'x'}, {@code pwd = "x"}, {@code 'password'='x'}. */
    private static final Pattern AFTER_WORD = Pattern.compile("(?i)(?=[" + firstLetters(SecretPolicy.SECRET_WORDS)
            + "])(" + SecretPolicy.SECRET_WORDS + ")"
            + "([\"']?+\\s*+[=:]?+\\s*+)(?:(" + SQ + ")|(" + DQ + "))");
    /**
     * SQL's {@code IDENTIFIED BY}, {@code IDENTIFIED WITH plugin BY} or {@code AS}, then a literal, quoted or not; not
     * the keywords {@code PASSWORD} and {@code VALUES}, which MySQL and Oracle write before a hash.
     */
    private static final Pattern IDENTIFIED =
            Pattern.compile("(?i)(?=i)(identified\\s++(?:with\\s++[^\\s'\"]++\\s++)?+(?:by|as)\\b)\\s*+(?:(" + SQ
                    + ")|(" + DQ + ")" + "|((?!(?:password|values)\\b)[^\\s;,'\"()]++))");
    /** Where a URL's user and password may follow: {@code scheme://}, or Oracle's {@code jdbc:oracle:thin:}. */
    private static final Pattern URL = Pattern.compile("://|(?i::thin:)");
    /** A word of 20 upper-case letters and digits: how Huawei Cloud access keys look (both kinds are checked apart). */
    private static final Pattern ACCESS_KEY = Pattern.compile("(?<![A-Za-z0-9])[A-Z0-9]{20}(?![A-Za-z0-9])");

    private TextSecrets() {}

    /**
     * The first letters of the words of an alternation: a position that starts with none of them is passed over at the
     * cost of one comparison, where the alternation would try each word.
     */
    private static String firstLetters(String words) {
        return Arrays.stream(words.split("\\|"))
                .map(word -> word.substring(0, 1))
                .distinct()
                .collect(Collectors.joining());
    }

    /**
     * {@code text} with every secret masked, each recorded in {@code found}.
     *
     * @param key the key {@code text} is the value of, for an access key found in it; null for a whole file
     * @param level how deep in JSON written inside strings the text is
     */
    static String mask(String text, Trail trail, String key, int level, List<SecretFinding> found) {
        Masking masking = new Masking(trail, found);
        String masked = LooseJson.mask(text, trail, level, found);
        // Most rules need a character that many texts do not hold: a text without it is not scanned for them.
        if (holds(masked, "\"'")) {
            masked = masking.quotedKeys(masked);
        }
        if (holds(masked, "=:")) {
            masked = masking.assigned(masked, ASSIGNMENT, false);
        }
        if (holds(masked, "-")) {
            masked = masking.assigned(masked, OPTION, true);
        }
        if (holds(masked, "\"'")) {
            masked = Cut.each(masked, AFTER_WORD, m -> masking.afterWord(m, m.group(1), 3));
        }
        masked = Cut.each(
                masked, IDENTIFIED, m -> masking.afterWord(m, m.group(1).replaceAll("\\s++", " "), 2));
        if (holds(masked, ":")) {
            masked = masking.urls(masked);
        }
        return Cut.each(
                masked,
                ACCESS_KEY,
                m -> accessKeyShaped(m.group())
                        ? masking.cut(m.start(), m.end(), SecretPolicy.MASK, key, Reason.ACCESS_KEY)
                        : null);
    }

    /** Whether {@code text} holds any of {@code characters}. */
    private static boolean holds(String text, String characters) {
        for (int i = 0; i < characters.length(); i++) {
            if (text.indexOf(characters.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code word} is 20 upper-case letters and digits, with both kinds in it. */
    static boolean accessKeyShaped(String word) {
        return ACCESS_KEY.matcher(word).matches()
                && word.chars().anyMatch(Character::isLetter)
                && word.chars().anyMatch(Character::isDigit);
    }

    /** Whether a value's content holds a secret: something besides references, and not a mask already. */
    private static boolean holds(String content) {
        return !content.equals(SecretPolicy.MASK)
                && !SecretPolicy.literal(content).isEmpty();
    }

    /** The rules that need to record what they mask. */
    private record Masking(Trail trail, List<SecretFinding> found) {

        Cut cut(int start, int end, String replacement, String key, Reason reason) {
            found.add(new SecretFinding(trail.steps(), key, reason));
            return new Cut(start, end, replacement);
        }

        /** {@code text} with the value of each quoted secret key masked. */
        String quotedKeys(String text) {
            return Cut.each(text, QUOTED_KEY, m -> {
                boolean json = m.group(2) != null;
                String key = json ? m.group(2) : m.group(3);
                if (!SecretPolicy.secretKey(key)) {
                    return null;
                }
                int at = m.end();
                QuotedValue value = QuotedValue.at(text, at);
                if (value != null) {
                    return holds(value.content(text))
                            ? cut(at, value.end(), value.masked(), key, Reason.SECRET_KEY)
                            : Cut.skipTo(value.end());
                }
                Matcher scalar = SCALAR.matcher(text).region(at, text.length());
                if (!scalar.lookingAt()) {
                    return null;
                }
                String quote = json ? "\\".repeat(m.group(1).length()) + "\"" : "'";
                return cut(at, scalar.end(), quote + SecretPolicy.MASK + quote, key, Reason.SECRET_KEY);
            });
        }

        /**
         * {@code text} with the value after each match of {@code pattern} whose key is secret masked.
         *
         * @param option whether a value is an option's, which is not another option
         */
        String assigned(String text, Pattern pattern, boolean option) {
            return Cut.each(text, pattern, m -> {
                String key = withoutDashes(m.group(1));
                if (!SecretPolicy.secretKey(key) || option && m.end() < text.length() && text.charAt(m.end()) == '-') {
                    return null;
                }
                Matcher value = VALUE.matcher(text).region(m.end(), text.length());
                if (!value.lookingAt()) {
                    return null;
                }
                if (value.group(4) != null) {
                    int end = closerLeft(text, value.start(4), value.end(4));
                    return holds(text.substring(value.start(4), end))
                            ? cut(value.start(4), end, SecretPolicy.MASK, key, Reason.ASSIGNMENT)
                            : null;
                }
                int group = value.group(2) != null ? 2 : 3;
                String quoted = value.group(group);
                String quote = quoted.substring(0, 1);
                return holds(quoted.substring(1, quoted.length() - 1))
                        ? cut(
                                value.start(group),
                                value.end(group),
                                quote + SecretPolicy.MASK + quote,
                                key,
                                Reason.ASSIGNMENT)
                        : null;
            });
        }

        /** A literal after a secret word: group {@code first} quoted in single quotes, the next in double, then bare. */
        Cut afterWord(Matcher m, String word, int first) {
            for (int group = first; group <= m.groupCount(); group++) {
                String value = m.group(group);
                if (value == null) {
                    continue;
                }
                boolean quoted = group < first + 2;
                String content = quoted ? value.substring(1, value.length() - 1) : value;
                if (!holds(content)) {
                    return null;
                }
                String quote = quoted ? value.substring(0, 1) : "";
                return cut(m.start(group), m.end(group), quote + SecretPolicy.MASK + quote, word, Reason.AFTER_WORD);
            }
            return null;
        }

        /** {@code text} with the password of each URL masked: {@code scheme://user:x@host}, {@code thin:user/x@host}. */
        String urls(String text) {
            return Cut.each(text, URL, m -> {
                boolean oracle = !m.group().equals("://");
                // The user ends at ':' (at '/' in Oracle's form), the password at the last '@' of the authority (at the
                // first in Oracle's, whose host part may hold '/' and '@'), each at a character no URL holds bare.
                int end = m.end();
                int separator = -1;
                int at = -1;
                for (; end < text.length() && !endsUrl(text.charAt(end), oracle && separator < 0); end++) {
                    char c = text.charAt(end);
                    if (c == '@') {
                        at = end;
                        if (oracle) {
                            break;
                        }
                    } else if (separator < 0 && at < 0 && c == (oracle ? '/' : ':')) {
                        separator = end;
                    }
                }
                if (separator < 0 || at < separator) {
                    return Cut.skipTo(end);
                }
                String password = text.substring(separator + 1, at);
                return holds(password)
                        ? cut(separator + 1, at, SecretPolicy.MASK, null, Reason.URL_PASSWORD)
                        : Cut.skipTo(at);
            });
        }

        /** Where a URL's authority ends: the path's '/' (Oracle's user is followed by one), a query, a space, a quote. */
        private static boolean endsUrl(char c, boolean slashAllowed) {
            return Character.isWhitespace(c) || c == '/' && !slashAllowed || "?#\"'\\<>`".indexOf(c) >= 0;
        }
    }

    /** {@code --password} as the key it sets. */
    private static String withoutDashes(String option) {
        int i = 0;
        while (i < option.length() && option.charAt(i) == '-') {
            i++;
        }
        return option.substring(i);
    }

    /**
     * Where a bare value ends when its last character closes something it did not open: a quote, a parenthesis or a
     * bracket around the assignment ({@code "pwd=x"}, {@code OPTIONS(pwd=x)}) is left out of the mask; a value that
     * opens what it closes keeps it.
     */
    private static int closerLeft(String text, int start, int end) {
        char last = text.charAt(end - 1);
        char opener = switch (last) {
            case ')' -> '(';
            case ']' -> '[';
            case '}' -> '{';
            case '"', '\'' -> last;
            default -> 0;
        };
        if (opener == 0 || end - start < 2) {
            return end;
        }
        for (int i = start; i < end - 1; i++) {
            if (text.charAt(i) == opener) {
                return end;
            }
        }
        return end - 1;
    }
}
