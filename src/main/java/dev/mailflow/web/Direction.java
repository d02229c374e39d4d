package dev.mailflow.web;

import dev.mailflow.probe.ProbeEvent;

/** Who wrote a transcript line: the client (us), the server, or mailflow's own note. */
enum Direction {
    CLIENT("C", "sent"),
    SERVER("S", "received"),
    NOTE("I", "note");

    private final String letter;
    private final String word;

    Direction(String letter, String word) {
        this.letter = letter;
        this.word = word;
    }

    static Direction of(ProbeEvent.Kind kind) {
        return switch (kind) {
            case SENT -> CLIENT;
            case RECEIVED -> SERVER;
            default -> NOTE;
        };
    }

    /** The JSON {@code dir}. */
    public String letter() {
        return letter;
    }

    /** The transcript prefix, as in a telnet log ({@code C:} / {@code S:}, like swaks' arrows). */
    public String arrow() {
        return this == NOTE ? "*" : letter + ":";
    }

    /** A word for screen readers and the CSS class. */
    public String word() {
        return word;
    }
}
