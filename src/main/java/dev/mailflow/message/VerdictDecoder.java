package dev.mailflow.message;

import dev.mailflow.message.VerdictKnowledge.HeaderText;
import dev.mailflow.text.UntrustedText;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes the verdict headers {@link VerdictKnowledge} knows, in the order of the message: each
 * field's raw value beside its vendor's meaning. A field the knowledge does not name is listed
 * too, said to be undocumented, so nothing the filter wrote is hidden.
 */
final class VerdictDecoder {

    /** Verdict values kept per message; a Forefront report has about fifteen. */
    static final int MAX_VERDICTS = 300;

    private static final int MAX_VALUE = 4096;
    private static final int SHOWN = 200;

    // SpamAssassin's X-Spam-Status: "Yes, score=6.2 required=5.0 tests=A,B autolearn=no version=3.4.6"
    private static final Pattern SA_VERDICT = Pattern.compile("^\\s*(Yes|No)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern SA_TAG =
            Pattern.compile("\\b(score|hits|required|tests|autolearn|version|SCORE)=([^\\s]*)");

    private final VerdictKnowledge knowledge;

    VerdictDecoder(VerdictKnowledge knowledge) {
        this.knowledge = knowledge;
    }

    List<Verdict> decode(List<HeaderField> headers) {
        var verdicts = new ArrayList<Verdict>();
        for (var field : headers) {
            var known = knowledge.header(field.name());
            if (known.isEmpty()) {
                continue;
            }
            String value = field.value().length() > MAX_VALUE ? field.value().substring(0, MAX_VALUE) : field.value();
            switch (known.get().format()) {
                case FIELDS -> fields(known.get(), value, verdicts);
                case VALUE -> add(verdicts, known.get(), "value", value.strip());
                case PAIRS -> pairs(known.get(), value, verdicts);
                case SPAMASSASSIN -> spamAssassin(known.get(), value, verdicts);
                case COMPAUTH -> compauth(known.get(), value, verdicts);
            }
            if (verdicts.size() >= MAX_VERDICTS) {
                break;
            }
        }
        return List.copyOf(verdicts.subList(0, Math.min(verdicts.size(), MAX_VERDICTS)));
    }

    private static void fields(HeaderText header, String value, List<Verdict> out) {
        for (String part : HeaderWords.split(value, ';')) {
            int colon = part.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            add(
                    out,
                    header,
                    part.substring(0, colon).strip(),
                    part.substring(colon + 1).strip());
        }
    }

    private static void pairs(HeaderText header, String value, List<Verdict> out) {
        for (String word : HeaderWords.words(value)) {
            int eq = word.indexOf('=');
            if (eq > 0) {
                add(out, header, word.substring(0, eq), word.substring(eq + 1));
            }
        }
    }

    /** Microsoft 365's {@code compauth=fail reason=000} inside an Authentication-Results header. */
    private static void compauth(HeaderText header, String value, List<Verdict> out) {
        for (String segment : HeaderWords.split(value, ';')) {
            var words = HeaderWords.words(segment);
            if (words.isEmpty()
                    || !words.getFirst().toLowerCase(java.util.Locale.ROOT).startsWith("compauth=")) {
                continue;
            }
            add(
                    out,
                    header,
                    "compauth",
                    words.getFirst().substring("compauth=".length()).toLowerCase(java.util.Locale.ROOT));
            words.stream()
                    .filter(w -> w.toLowerCase(java.util.Locale.ROOT).startsWith("reason="))
                    .findFirst()
                    .ifPresent(w -> add(out, header, "reason", w.substring("reason=".length())));
        }
    }

    private static void spamAssassin(HeaderText header, String folded, List<Verdict> out) {
        // A long tests= list is folded after its commas.
        String value = folded.replaceAll(",\\s+", ",");
        Matcher verdict = SA_VERDICT.matcher(value);
        if (verdict.find()) {
            add(out, header, "verdict", verdict.group(1));
        }
        Matcher tag = SA_TAG.matcher(value);
        while (tag.find()) {
            String name = tag.group(1).toLowerCase(java.util.Locale.ROOT);
            name = name.equals("hits") ? "score" : name;
            if (name.equals("tests")) {
                for (String test : tag.group(2).split(",")) {
                    if (!test.isBlank()) {
                        add(out, header, "tests", test.strip());
                    }
                }
            } else {
                add(out, header, name, tag.group(2));
            }
        }
    }

    private static void add(List<Verdict> out, HeaderText header, String fieldName, String value) {
        if (out.size() >= MAX_VERDICTS) {
            return;
        }
        var text = header.field(fieldName);
        String meaning = text.map(t -> t.meaningOf(value)).orElse("Not described by " + header.vendor() + ".");
        boolean junk = text.map(t -> t.junk(value)).orElse(false);
        String shownField =
                header.format() == VerdictKnowledge.Format.VALUE ? null : UntrustedText.shown(fieldName, 60);
        out.add(new Verdict(
                header.name(),
                shownField,
                UntrustedText.shown(value, SHOWN),
                meaning,
                header.vendor(),
                junk,
                header.isDocumented()));
    }
}
