package io.github.dlfmaven.secrets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dlfmaven.secrets.SecretFinding.Reason;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The two rules of {@link SecretPolicy} that need a document's structure, kept for a text that holds JSON but does
 * not parse: a file with a merge conflict left in it, a key given twice or a hand edit with a typo, JSON in a string
 * that is not quite JSON. They are the value of a secret key, of any type and layout, and the {@code value} of a
 * {@code {name, value}} pair whose {@code name} is a secret key, whichever of the two comes first in the object and
 * however many lines lie between. Each such value is replaced with {@code "****"}. Every other string that holds an
 * escape is masked as the same string in a file that parses would be (JSON in it on its tree, a shell command with
 * escaped JSON in it as text), and written back escaped when something in it was masked; a string without escapes is
 * left to the rules that read the whole text, which see it as it is.
 *
 * <p>The text is read once, token by token, as leniently as it is broken: a string ends at its line's end, a bracket
 * closes the innermost container of its kind (and whatever is left open inside it), a bracket with none of its kind
 * open is passed over, and a container left open runs to the end of the text, so that a value that cannot be read to
 * its end is masked to the end rather than shown.
 */
final class LooseJson {

    /** An object or a list being read. */
    private static final class Container {

        final boolean object;
        /** The key it is the value of, when that is a secret key or {@code value}; null otherwise. */
        final String key;
        /** Where it opens. */
        final int start;
        /** The secret name of the pair it is, once read. */
        String secretName;
        /** The spans of the {@code value}s read before a secret name, masked if one comes. */
        List<Span> values;

        Container(boolean object, String key, int start) {
            this.object = object;
            this.key = key;
            this.start = start;
        }
    }

    /** A value to mask, and the key that makes it a secret. */
    private record Span(int start, int end, String key) {}

    // Containers that hold no state share these, so that deeply nested text costs a reference per level.
    private static final Container PLAIN_OBJECT = new Container(true, null, -1);
    private static final Container PLAIN_LIST = new Container(false, null, -1);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String text;
    /** Whether the strings in it are read for what they hold. */
    private final boolean readsStrings;

    private final List<Container> open = new ArrayList<>();
    private final List<Span> spans = new ArrayList<>();
    /** The strings with an escape that are no key, each with the key it is the value of. */
    private final List<Span> strings = new ArrayList<>();

    private int objects;
    private int lists;
    /** A key read, whose value comes next; null when none is. */
    private String key;
    /** Whether the string read last ended with its closing quote. */
    private boolean closedString;
    /** Whether the string read last holds an escape. */
    private boolean escapedString;

    private LooseJson(String text, boolean readsStrings) {
        this.text = text;
        this.readsStrings = readsStrings;
    }

    /**
     * {@code text} with the values of secret keys and of pairs with a secret name masked, and the strings in it, each
     * masking recorded in {@code found}.
     *
     * @param level how deep in JSON written inside strings the text is
     */
    static String mask(String text, Trail trail, int level, List<SecretFinding> found) {
        if (text.indexOf('"') < 0) {
            return text;
        }
        LooseJson read = new LooseJson(text, SecretPolicy.readsJsonAt(level) && text.indexOf('\\') >= 0);
        read.read();
        return read.spans.isEmpty() && read.strings.isEmpty() ? text : read.masked(trail, level, found);
    }

    /**
     * The text with its secret values masked and its strings masked for what they hold, found recorded in the order of
     * the text: the strings come in that order, the values once sorted, and the two are taken together.
     */
    private String masked(Trail trail, int level, List<SecretFinding> found) {
        // An outer value first, so that what it holds is masked with it rather than on its own.
        spans.sort(Comparator.comparingInt(Span::start).thenComparing(Span::end, Comparator.reverseOrder()));
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        int next = 0;
        for (Span string : strings) {
            for (; next < spans.size() && spans.get(next).start() <= string.start(); next++) {
                copied = value(spans.get(next), copied, out, trail, found);
            }
            // A string inside a masked value goes with it.
            if (string.start() < copied) {
                continue;
            }
            String replacement = string(string, trail, level, found);
            if (replacement != null) {
                out.append(text, copied, string.start()).append(replacement);
                copied = string.end();
            }
        }
        for (; next < spans.size(); next++) {
            copied = value(spans.get(next), copied, out, trail, found);
        }
        return copied == 0 ? text : out.append(text, copied, text.length()).toString();
    }

    /** Masks the value {@code span} unless it lies in one masked already; returns how far the text is copied. */
    private int value(Span span, int copied, StringBuilder out, Trail trail, List<SecretFinding> found) {
        if (span.start() < copied) {
            return copied;
        }
        found.add(new SecretFinding(trail.steps(), span.key(), Reason.SECRET_KEY));
        out.append(text, copied, span.start())
                .append('"')
                .append(SecretPolicy.MASK)
                .append('"');
        return span.end();
    }

    /** The string {@code span} masked for what it holds, escaped again; null when nothing in it is masked. */
    private String string(Span span, Trail trail, int level, List<SecretFinding> found) {
        String content;
        try {
            content = JSON.readValue(text.substring(span.start(), span.end()), String.class);
        } catch (JsonProcessingException e) {
            // An escape JSON does not know: the rules that read the whole text still see it.
            return null;
        }
        String masked = SecretPolicy.string(content, trail, span.key(), level + 1, found);
        return masked.equals(content)
                ? null
                : '"' + new String(JsonStringEncoder.getInstance().quoteAsString(masked)) + '"';
    }

    private void read() {
        // The text itself is read as an object, so that lines of one without its braces still pair a name and a value.
        open.add(new Container(true, null, -1));
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '"') {
                int end = stringEnd(i);
                int after = end;
                while (after < n && Character.isWhitespace(text.charAt(after))) {
                    after++;
                }
                if (key == null && after < n && text.charAt(after) == ':') {
                    key = text.substring(i + 1, closedString ? end - 1 : end);
                    i = after + 1;
                    continue;
                }
                if (readsStrings && closedString && escapedString) {
                    strings.add(new Span(i, end, key));
                }
                scalar(i, end);
                i = end;
            } else if (c == '{' || c == '[') {
                boolean object = c == '{';
                boolean kept = key != null && (key.equals("value") || SecretPolicy.secretKey(key));
                open.add(kept ? new Container(object, key, i) : object ? PLAIN_OBJECT : PLAIN_LIST);
                if (object) {
                    objects++;
                } else {
                    lists++;
                }
                key = null;
                i++;
            } else if (c == '}' || c == ']') {
                close(c == '}', i + 1);
                key = null;
                i++;
            } else if (c == ',') {
                key = null;
                i++;
            } else if (c == ':' || Character.isWhitespace(c)) {
                i++;
            } else {
                int end = i;
                while (end < n
                        && !Character.isWhitespace(text.charAt(end))
                        && ",{}[]\"".indexOf(text.charAt(end)) < 0) {
                    end++;
                }
                scalar(i, end);
                i = end;
            }
        }
        while (open.size() > 1) {
            closed(pop(), n);
        }
    }

    /** Where the string opening at {@code start} ends: after its closing quote, or at its line's end. */
    private int stringEnd(int start) {
        int n = text.length();
        int i = start + 1;
        escapedString = false;
        while (i < n && text.charAt(i) != '"' && text.charAt(i) != '\n') {
            boolean escape = text.charAt(i) == '\\' && i + 1 < n && text.charAt(i + 1) != '\n';
            escapedString |= escape;
            i += escape ? 2 : 1;
        }
        closedString = i < n && text.charAt(i) == '"';
        return closedString ? i + 1 : Math.min(i, n);
    }

    /** A string or a bare word from {@code start} to {@code end}: the value of the key read before it, if any. */
    private void scalar(int start, int end) {
        String of = key;
        key = null;
        if (of == null) {
            return;
        }
        boolean string = text.charAt(start) == '"';
        String content = string ? text.substring(start + 1, closedString ? end - 1 : end) : text.substring(start, end);
        boolean holds = string
                ? !content.equals(SecretPolicy.MASK)
                        && !SecretPolicy.literal(content).isEmpty()
                : !content.equals("null");
        if (SecretPolicy.secretKey(of)) {
            if (holds) {
                spans.add(new Span(start, end, of));
            }
        } else if (of.equals("value")) {
            if (holds) {
                value(new Span(start, end, null));
            }
        } else if (of.equals("name") && string && SecretPolicy.secretKey(content)) {
            Container pair = state();
            if (pair.secretName == null) {
                pair.secretName = content;
            }
            if (pair.values != null) {
                pair.values.forEach(this::value);
                pair.values = null;
            }
        }
    }

    /** The {@code value} of the pair being read: masked if its name is secret, kept for a name that may come later. */
    private void value(Span span) {
        Container pair = state();
        if (pair.secretName != null) {
            spans.add(new Span(span.start(), span.end(), pair.secretName));
        } else {
            if (pair.values == null) {
                pair.values = new ArrayList<>();
            }
            pair.values.add(span);
        }
    }

    /** The innermost container, given a state of its own if it shared one. */
    private Container state() {
        int top = open.size() - 1;
        Container container = open.get(top);
        if (container == PLAIN_OBJECT || container == PLAIN_LIST) {
            container = new Container(container.object, null, -1);
            open.set(top, container);
        }
        return container;
    }

    private void close(boolean object, int end) {
        if (object ? objects == 0 : lists == 0) {
            return;
        }
        while (open.size() > 1) {
            Container container = pop();
            closed(container, end);
            if (container.object == object) {
                return;
            }
        }
    }

    private Container pop() {
        Container container = open.remove(open.size() - 1);
        if (container.object) {
            objects--;
        } else {
            lists--;
        }
        return container;
    }

    /** A container that ends at {@code end}: masked whole if it is the value of a secret key or a secret pair. */
    private void closed(Container container, int end) {
        if (container.key == null) {
            return;
        }
        if (SecretPolicy.secretKey(container.key)) {
            spans.add(new Span(container.start, end, container.key));
        } else {
            value(new Span(container.start, end, null));
        }
    }
}
