package io.github.dlfmaven.validate;

import java.util.List;

/**
 * What checking a snapshot found.
 *
 * @param files the definitions checked
 * @param problems every problem, in file order
 * @param notes what the user should know about how it was checked (rules that could not apply)
 */
public record Validation(int files, List<Problem> problems, List<String> notes) {

    public Validation {
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
    }

    public long errors() {
        return problems.stream()
                .filter(p -> p.rule().severity() == Rule.Severity.ERROR)
                .count();
    }

    public long warnings() {
        return problems.size() - errors();
    }
}
