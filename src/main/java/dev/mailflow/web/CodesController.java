package dev.mailflow.web;

import dev.mailflow.diagnosis.CodeEntry;
import dev.mailflow.diagnosis.Knowledge;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/** The reply-code reference: a searchable list, and a page per code. */
@Controller
class CodesController {

    /** A pasted reply starts with a basic code ({@code 550 ...}) or an enhanced one ({@code 5.1.1}). */
    private static final Pattern REPLY = Pattern.compile("^\\s*([2-5]\\d\\d|[245]\\.\\d{1,3}\\.\\d{1,3})(\\s|$)");

    private static final int MAX_QUERY = 1000;

    private final Knowledge knowledge;

    CodesController(Knowledge knowledge) {
        this.knowledge = knowledge;
    }

    @GetMapping("/codes")
    String codes(
            @RequestParam(name = "q", required = false) String q,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model) {
        var query = q == null ? "" : q.strip();
        if (query.length() > MAX_QUERY) {
            query = query.substring(0, MAX_QUERY);
        }
        model.addAttribute("q", query);
        if (!query.isEmpty() && REPLY.matcher(query).find()) {
            var explanation = knowledge.explain(query);
            model.addAttribute("explained", explanation == null ? List.of() : explanation.entries());
        } else {
            model.addAttribute("explained", List.of());
        }
        model.addAttribute("entries", filter(knowledge.entries(), query));
        return "true".equals(htmx) ? "codes :: results" : "codes";
    }

    @GetMapping("/codes/{code}")
    String code(@PathVariable String code, Model model) {
        var entry = knowledge.lookup(code).orElseThrow(() -> new NotFoundException("mailflow knows no such code."));
        model.addAttribute("entry", entry);
        return "code";
    }

    private static List<CodeEntry> filter(List<CodeEntry> entries, String query) {
        if (query.isEmpty()) {
            return entries;
        }
        var needle = query.toLowerCase(Locale.ROOT);
        return entries.stream()
                .filter(e -> contains(e.key(), needle) || contains(e.title(), needle) || contains(e.meaning(), needle))
                .toList();
    }

    private static boolean contains(String text, String needle) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(needle);
    }
}
