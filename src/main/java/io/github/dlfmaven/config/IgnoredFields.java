package io.github.dlfmaven.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fields of the definitions that export and check leave out, so that editor noise (who saved last, where a node sits on
 * the canvas) stays out of git. Each is a path from a definition's top level: keys separated by dots, {@code [*]} for
 * every element of a list, {@code *} for every key: {@code lastUpdateUser}, {@code nodes[*].location}, {@code
 * basicConfig.customFields.*}.
 *
 * @param paths each path as its steps: a key, {@code *} or {@code [*]}
 */
public record IgnoredFields(List<List<String>> paths) {

    public static final String EVERY_ELEMENT = "[*]";
    public static final String EVERY_KEY = "*";
    public static final IgnoredFields NONE = new IgnoredFields(List.of());

    private static final Pattern STEP = Pattern.compile("([^.\\[\\]]+)((?:\\[\\*])*)");

    public IgnoredFields {
        paths = paths.stream().map(List::copyOf).toList();
    }

    public boolean isEmpty() {
        return paths.isEmpty();
    }

    /**
     * @param written the paths as users write them
     * @throws IllegalArgumentException naming the first path that is not one
     */
    public static IgnoredFields parse(List<String> written) {
        List<List<String>> paths = new ArrayList<>();
        for (String path : written) {
            List<String> steps = new ArrayList<>();
            for (String part : path.trim().split("\\.", -1)) {
                Matcher m = STEP.matcher(part);
                if (!m.matches()) {
                    throw new IllegalArgumentException(
                            "'" + path + "' is no field path (keys separated by dots, [*] for"
                                    + " every element of a list, * for every key, such as nodes[*].location)");
                }
                steps.add(m.group(1));
                for (int i = 0; i < m.group(2).length() / EVERY_ELEMENT.length(); i++) {
                    steps.add(EVERY_ELEMENT);
                }
            }
            if (steps.get(0).equals(EVERY_KEY) && steps.size() == 1) {
                throw new IllegalArgumentException("'" + path + "' would leave out every field");
            }
            paths.add(steps);
        }
        return new IgnoredFields(paths);
    }
}
