package dev.mailflow.message;

import java.util.List;

/**
 * What a format reader reads: the report's text (its text parts, HTML as text) and the headers of
 * the message that carries it.
 *
 * @param text the report's text, lines separated by {@code \n}
 * @param headers the bounce's own header fields (its From and Subject tell some formats apart)
 */
record BounceBody(String text, List<HeaderField> headers) {

    List<String> lines() {
        return text.lines().toList();
    }

    String header(String name) {
        var value = ReadMessage.first(headers, name);
        return value == null ? "" : value;
    }

    boolean contains(String marker) {
        return text.contains(marker);
    }
}
