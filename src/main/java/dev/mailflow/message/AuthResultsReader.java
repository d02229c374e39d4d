package dev.mailflow.message;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the authentication results a message carries, as the servers reported them (nothing is
 * checked here; see {@link DkimVerifier} for that):
 *
 * <ul>
 *   <li>{@code Authentication-Results} (RFC 8601 §2.2): {@code authserv-id [version] ; method=result
 *       [reason=...] ptype.property=value ...}, and Microsoft 365's form that starts with a result
 *       and names no authserv-id ({@code spf=pass (sender IP is 192.0.2.7) smtp.mailfrom=...;
 *       compauth=pass reason=100})
 *   <li>{@code ARC-Authentication-Results} (RFC 8617 §4.1.1): the same after {@code i=N;}
 *   <li>{@code ARC-Seal} (RFC 8617 §4.1.3): one entry per instance, result its {@code cv=}
 *   <li>{@code Received-SPF} (RFC 7208 §9.1): {@code result (comment) key=value; ...}
 * </ul>
 */
final class AuthResultsReader {

    /** Results kept per message; real messages carry a handful. */
    static final int MAX_RESULTS = 200;

    private static final int MAX_VALUE = 8192;

    private AuthResultsReader() {}

    static List<AuthResult> read(List<HeaderField> headers) {
        var results = new ArrayList<AuthResult>();
        for (var field : headers) {
            if (results.size() >= MAX_RESULTS) {
                break;
            }
            String value = bounded(field.value());
            if (field.is("Authentication-Results")) {
                results.addAll(authenticationResults(value, field.name(), null));
            } else if (field.is("ARC-Authentication-Results")) {
                var segments = HeaderWords.split(value, ';');
                String instance = segments.isEmpty()
                        ? null
                        : HeaderWords.tags(segments.getFirst()).get("i");
                results.addAll(authenticationResults(
                        String.join(";", segments.subList(Math.min(1, segments.size()), segments.size())),
                        field.name(),
                        instance));
            } else if (field.is("ARC-Seal")) {
                var tags = HeaderWords.tags(value);
                var properties = new LinkedHashMap<String, String>();
                properties.put("arc.i", tags.get("i"));
                properties.put("s", tags.get("s"));
                properties.values().removeIf(v -> v == null);
                results.add(new AuthResult("arc-seal", lower(tags.get("cv")), tags.get("d"), properties, field.name()));
            } else if (field.is("Received-SPF")) {
                results.add(receivedSpf(value, field.name()));
            }
        }
        return List.copyOf(results.subList(0, Math.min(results.size(), MAX_RESULTS)));
    }

    static List<AuthResult> authenticationResults(String value, String header, String instance) {
        var segments = HeaderWords.split(value, ';');
        if (segments.isEmpty()) {
            return List.of();
        }
        String authserv = null;
        int start = 0;
        var firstWords = HeaderWords.words(segments.getFirst());
        // RFC 8601: the first segment is the authserv-id (and an optional version), unless it is
        // already a result (Microsoft 365 writes no authserv-id).
        if (!firstWords.isEmpty() && !firstWords.getFirst().contains("=")) {
            authserv = firstWords.getFirst();
            start = 1;
        }
        var results = new ArrayList<AuthResult>();
        for (String segment : segments.subList(start, segments.size())) {
            var words = HeaderWords.words(segment);
            if (words.isEmpty() || !words.getFirst().contains("=")) {
                continue; // "none": no method was applied
            }
            String[] methodResult = words.getFirst().split("=", 2);
            String method = lower(methodResult[0].split("/", 2)[0]);
            if (method.isBlank()) {
                continue;
            }
            var properties = new LinkedHashMap<String, String>();
            if (instance != null) {
                properties.put("arc.i", instance);
            }
            for (String word : words.subList(1, words.size())) {
                addProperty(properties, word);
            }
            results.add(
                    new AuthResult(method, lower(HeaderWords.unquote(methodResult[1])), authserv, properties, header));
        }
        return results;
    }

    private static AuthResult receivedSpf(String value, String header) {
        var segments = HeaderWords.split(value, ';');
        var properties = new LinkedHashMap<String, String>();
        String result = null;
        if (!segments.isEmpty()) {
            var words = HeaderWords.words(segments.getFirst());
            if (!words.isEmpty() && !words.getFirst().contains("=")) {
                result = lower(words.getFirst());
                words = words.subList(1, words.size());
            }
            words.forEach(word -> addProperty(properties, word));
            segments.subList(1, segments.size())
                    .forEach(s -> HeaderWords.words(s).forEach(w -> addProperty(properties, w)));
        }
        return new AuthResult("spf", result, properties.get("receiver"), properties, header);
    }

    private static void addProperty(Map<String, String> properties, String word) {
        if (word.startsWith("(")) {
            properties.merge(
                    "comment",
                    word.substring(1, word.length() - (word.endsWith(")") ? 1 : 0))
                            .strip(),
                    (a, b) -> a + " " + b);
            return;
        }
        int eq = word.indexOf('=');
        if (eq > 0) {
            properties.putIfAbsent(lower(word.substring(0, eq)), HeaderWords.unquote(word.substring(eq + 1)));
        }
    }

    private static String bounded(String value) {
        return value.length() > MAX_VALUE ? value.substring(0, MAX_VALUE) : value;
    }

    private static String lower(String text) {
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }
}
