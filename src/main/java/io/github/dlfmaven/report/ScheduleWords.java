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
        if (everyDay && hours.equals("*") && minutes.matches("0/\\d+|\\*/\\d+")) {
            return "every " + minutes.substring(minutes.indexOf('/') + 1) + " minutes";
        }
        if (everyDay && minutes.matches("\\d+") && hours.matches("0/\\d+|\\*/\\d+")) {
            return "every " + hours.substring(hours.indexOf('/') + 1) + " hours at minute " + minutes;
        }
        if (!minutes.matches("\\d+") || !hours.matches("\\d+")) {
            return "cron " + expression;
        }
        String at = String.format(Locale.ROOT, "at %02d:%02d", Integer.parseInt(hours), Integer.parseInt(minutes));
        if (everyDay) {
            return "every day " + at;
        }
        if (any(dayOfMonth) && any(month) && dayOfWeek.matches("[A-Z]{3}(-[A-Z]{3})?(,[A-Z]{3})*")) {
            return "every " + days(dayOfWeek) + " " + at;
        }
        if (dayOfMonth.matches("\\d+") && any(month) && any(dayOfWeek)) {
            return "on day " + dayOfMonth + " of every month " + at;
        }
        return "cron " + expression;
    }

    private static boolean any(String field) {
        return field.equals("*") || field.equals("?");
    }

    private static String days(String field) {
        if (field.contains("-")) {
            String[] range = field.split("-");
            return day(range[0]) + " to " + day(range[1]);
        }
        return String.join(
                ", ", List.of(field.split(",")).stream().map(ScheduleWords::day).toList());
    }

    private static String day(String abbreviation) {
        return DAYS.getOrDefault(abbreviation, abbreviation);
    }
}
