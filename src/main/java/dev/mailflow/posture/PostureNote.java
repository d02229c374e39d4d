package dev.mailflow.posture;

import java.util.Map;

/**
 * A finding a posture check raised: its id in {@code knowledge/posture.yaml} and the values of
 * that text's placeholders.
 */
public record PostureNote(String finding, Map<String, String> vars) {

    public PostureNote {
        vars = Map.copyOf(vars);
    }
}
