package io.github.dlfmaven.secrets;

import io.github.dlfmaven.secrets.SecretFinding.Step;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The steps from a document's root to the value {@link SecretPolicy} looks at, kept as links to the parent, so that
 * walking a large definition costs a link per value and only a finding pays for its whole path.
 */
record Trail(Trail parent, Step step) {

    static final Trail ROOT = new Trail(null, null);

    Trail field(String name) {
        return new Trail(this, new Step(Step.Kind.FIELD, name));
    }

    Trail element(String name) {
        return new Trail(this, new Step(Step.Kind.ELEMENT, name));
    }

    Trail jsonText() {
        return new Trail(this, new Step(Step.Kind.JSON_TEXT, ""));
    }

    List<Step> steps() {
        List<Step> steps = new ArrayList<>();
        for (Trail t = this; t.step != null; t = t.parent) {
            steps.add(t.step);
        }
        Collections.reverse(steps);
        return steps;
    }
}
