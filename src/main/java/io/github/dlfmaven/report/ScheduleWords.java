package io.github.dlfmaven.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A job's schedule as a reader says it: {@code every day at 02:00 GMT+08:00}, {@code every 15 minutes}, {@code every
 * Monday to Friday at 06:30}. Quartz expressions beyond the common shapes are shown as they are ({@code cron 0 0 2 L *
 * ?}).
 */
public final class ScheduleWords {

    private static final Map<String, String> DAYS = Map.of(
            "MON",
            "Monday",
            "TUE",
            "Tuesday",
            "WED",
            "Wednesday",
            "THU",
            "Thursday",
            "FRI",
            "Friday",
            "SAT",
            "Saturday",
            "SUN",
            "Sunday");

    private ScheduleWords() {}

    public static String of(JsonNode schedule) {
        String type = schedule.path("type").asText("");
        JsonNode cron = schedule.path("cron");
        String expression = cron.path("expression").asText("").trim();
        if (expression.isEmpty()) {
            return switch (type.toUpperCase(Locale.ROOT)) {
                case "EXECUTE_ONCE", "RUN_ONCE" -> "once";
                case "EVENT", "EVENT_TRIGGER" ->
                    "on an event"
                            + (schedule.path("event").path("eventType").isTextual()
                                    ? " ("
                                            + schedule.path("event")
                                                    .path("eventType")
                                                    .asText() + ")"
                                    : "");
                case "" -> "not scheduled";
                default -> type.toLowerCase(Locale.ROOT);
            };
        }
        String zone = cron.path("expressionTimeZone").asText("");
        return words(expression) + (zone.isEmpty() ? "" : " " + zone);
    }

    static String words(String expression) {
        List<String> f = List.of(expression.split("\\s+"));
        if (f.size() < 6 || (f.size() == 7 && !f.get(6).equals("*"))) {
            return "cron " + expression;
        }
        String seconds = f.get(0);
        String minutes = f.get(1);
        String hours = f.get(2);
        String dayOfMonth = f.get(3);
        String month = f.get(4);
        String dayOfWeek = f.get(5).toUpperCase(Locale.ROOT);
        boolean everyDay = any(dayOfMonth) && any(month) && any(dayOfWeek);
        if (!seconds.equals("0")) {
            return "cron " + expression;
        }
        if (everyDay && hours.equals("*") && minutes.matches("(0|\\*)/\\d{1,2}") && within(step(minutes), 1, 59)) {
            return "every " + step(minutes) + " minutes";
        }
        if (everyDay && within(minutes, 0, 59) && hours.matches("(0|\\*)/\\d{1,2}") && within(step(hours), 1, 23)) {
            return "every " + step(hours) + " hours at minute " + minutes;
        }
        // Values out of range (25:61) are no time of day: shown as they are, as Quartz would refuse them.
        if (!within(minutes, 0, 59) || !within(hours, 0, 23)) {
            return "cron " + expression;
        }
        String at = String.format(Locale.ROOT, "at %02d:%02d", Integer.parseInt(hours), Integer.parseInt(minutes));
        if (everyDay) {
            return "every day " + at;
        }
        if (any(dayOfMonth) && any(month) && days(dayOfWeek) != null) {
            return "every " + days(dayOfWeek) + " " + at;
        }
        if (within(dayOfMonth, 1, 31) && any(month) && any(dayOfWeek)) {
            return "on day " + dayOfMonth + " of every month " + at;
        }
        return "cron " + expression;
    }

    /** Whether a field is one number, of at most two digits, between the bounds. */
    private static boolean within(String field, int low, int high) {
        return field.matches("\\d{1,2}") && Integer.parseInt(field) >= low && Integer.parseInt(field) <= high;
    }

    private static String step(String field) {
        return field.substring(field.indexOf('/') + 1);
    }

    private static boolean any(String field) {
        return field.equals("*") || field.equals("?");
    }

    /** Day names in words ({@code MON-WED,FRI}: Monday to Wednesday and Friday); null for anything else. */
    private static String days(String field) {
        List<String> parts = new java.util.ArrayList<>();
        for (String item : field.split(",", -1)) {
            String[] range = item.split("-", -1);
            if (range.length > 2 || java.util.Arrays.stream(range).anyMatch(d -> !DAYS.containsKey(d))) {
                return null;
            }
            parts.add(range.length == 2 ? day(range[0]) + " to " + day(range[1]) : day(range[0]));
        }
        return parts.size() == 1
                ? parts.get(0)
                : String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }

    private static String day(String abbreviation) {
        return DAYS.getOrDefault(abbreviation, abbreviation);
    }
}
