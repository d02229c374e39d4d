package dev.mailflow.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses an SSE body the way a browser does (CR, LF and CRLF all end a line). */
record Sse(List<String> lines, List<Event> events) {

    record Event(String id, String name, String data) {}

    static Sse parse(String body) {
        var lines = List.of(body.split("\r\n|\r|\n", -1));
        var events = new ArrayList<Event>();
        var fields = new LinkedHashMap<String, StringBuilder>();
        for (var line : lines) {
            if (line.isEmpty()) {
                if (fields.containsKey("data")) {
                    events.add(event(fields));
                }
                fields.clear();
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            var colon = line.indexOf(':');
            var name = colon < 0 ? line : line.substring(0, colon);
            var value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            var existing = fields.get(name);
            if (existing != null && name.equals("data")) {
                existing.append('\n').append(value);
            } else {
                fields.put(name, new StringBuilder(value));
            }
        }
        return new Sse(lines, events);
    }

    private static Event event(Map<String, StringBuilder> fields) {
        return new Event(
                fields.containsKey("id") ? fields.get("id").toString() : null,
                fields.containsKey("event") ? fields.get("event").toString() : "message",
                fields.get("data").toString());
    }

    List<String> names() {
        return events.stream().map(Event::name).toList();
    }

    List<String> ids() {
        return events.stream().map(Event::id).toList();
    }

    /** Every line is a field the stream meant to send, a comment, or the blank line ending an event. */
    boolean onlyKnownFields() {
        return lines.stream()
                .allMatch(l -> l.isEmpty()
                        || l.startsWith(":")
                        || l.startsWith("id:")
                        || l.startsWith("event:")
                        || l.startsWith("data:"));
    }
}
