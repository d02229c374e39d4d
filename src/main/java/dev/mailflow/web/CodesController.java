package dev.mailflow.web;

import dev.mailflow.diagnosis.CodeEntry;
import dev.mailflow.diagnosis.Knowledge;
import dev.mailflow.message.BounceExplainer;
import dev.mailflow.message.BounceKind;
import dev.mailflow.message.MailReader;
import dev.mailflow.message.MessageProperties;
import dev.mailflow.message.ReadMessage;
import dev.mailflow.message.UnreadableMessageException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartFile;

/**
 * The reply-code reference: a searchable list, a page per code, and the bounce explainer (a pasted
 * reply, multi-line reply or whole bounce, or an uploaded .eml or .msg, explained per recipient).
 */
@Controller
class CodesController {

    /**
     * A pasted reply starts with a basic code ({@code 550 ...}, or {@code 421-4.7.0 ...} as a
     * multi-line reply's first line) or an enhanced one ({@code 5.1.1}).
     */
    private static final Pattern REPLY = Pattern.compile("^\\s*([2-5]\\d\\d|[245]\\.\\d{1,3}\\.\\d{1,3})([\\s-]|$)");

    private static final int MAX_QUERY = 1000;

    private final Knowledge knowledge;
    private final MailReader reader;
    private final BounceExplainer explainer;
    private final long maxUpload;

    CodesController(Knowledge knowledge, MailReader reader, BounceExplainer explainer, MessageProperties messages) {
        this.knowledge = knowledge;
        this.reader = reader;
        this.explainer = explainer;
        this.maxUpload = messages.maxUpload().toBytes();
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
        model.addAttribute("text", "");
        model.addAttribute("maxUpload", maxUpload);
        model.addAttribute(
                "explained",
                !query.isEmpty() && REPLY.matcher(query).find() ? knowledge.explainText(query) : List.of());
        model.addAttribute("entries", filter(knowledge.entries(), query));
        return "true".equals(htmx) ? "codes :: results" : "codes";
    }

    /**
     * A whole bounce is too long for a URL: it is posted, pasted or as an uploaded {@code .eml} or
     * {@code .msg} file (dropped on the paste box, or picked). The page answers first with the kind
     * and a row per recipient, then the details.
     */
    @PostMapping("/codes")
    String explain(
            @RequestParam(name = "text", required = false) String text,
            @RequestParam(name = "file", required = false) MultipartFile file,
            Model model)
            throws IOException {
        var pasted = text == null ? "" : text;
        model.addAttribute("q", "");
        model.addAttribute("entries", List.of());
        model.addAttribute("text", pasted.length() > Knowledge.MAX_PASTED ? "" : pasted);
        model.addAttribute("explained", List.of());
        model.addAttribute("maxUpload", maxUpload);
        ReadMessage read;
        if (file != null && !file.isEmpty()) {
            try {
                read = reader.readFile(file.getBytes());
            } catch (UnreadableMessageException e) {
                model.addAttribute("textError", e.getMessage());
                return "codes";
            }
            model.addAttribute("fileName", file.getOriginalFilename());
        } else if (pasted.length() > Knowledge.MAX_PASTED) {
            model.addAttribute(
                    "textError",
                    "The text is longer than " + Knowledge.MAX_PASTED
                            + " characters; upload the message as an .eml or .msg file instead.");
            return "codes";
        } else if (pasted.isBlank()) {
            model.addAttribute("textError", "Paste a reply line, a multi-line reply or a whole bounce message.");
            return "codes";
        } else {
            read = reader.readPasted(pasted);
        }
        var report = explainer.explain(read);
        model.addAttribute("bounce", BounceView.of(report));
        model.addAttribute("explained", report.replies());
        if (report.recipients().isEmpty() && report.replies().isEmpty() && report.kind() == BounceKind.NOT_A_BOUNCE) {
            model.addAttribute(
                    "textError", "mailflow found no server reply (a line starting with a code such as 550) in it.");
        }
        return "codes";
    }

    /** A file over {@code mailflow.messages.max-upload}: the page says so, with the limit. */
    @ExceptionHandler(MaxUploadSizeExceededException.class)
    String tooLarge(Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
        model.addAttribute("q", "");
        model.addAttribute("entries", List.of());
        model.addAttribute("text", "");
        model.addAttribute("explained", List.of());
        model.addAttribute("maxUpload", maxUpload);
        model.addAttribute(
                "textError",
                "The file is larger than " + maxUpload / (1024 * 1024) + " MB (mailflow.messages.max-upload).");
        return "codes";
    }

    @GetMapping("/codes/{code}")
    String code(@PathVariable String code, Model model) {
        var entry = knowledge
                .lookup(code)
                .orElseThrow(() -> new NotFoundException("mailflow knows no such reply code.", false));
        model.addAttribute("entry", entry);
        model.addAttribute("pastedNature", natureOf(code));
        return "code";
    }

    /** "4.7.1" is transient whatever the X.7.1 entry's usual nature: the first digit decides. */
    private static CodeEntry.Nature natureOf(String code) {
        return switch (code.strip().isEmpty() ? ' ' : code.strip().charAt(0)) {
            case '2' -> CodeEntry.Nature.SUCCESS;
            case '3' -> CodeEntry.Nature.INTERMEDIATE;
            case '4' -> CodeEntry.Nature.TRANSIENT;
            case '5' -> CodeEntry.Nature.PERMANENT;
            default -> null;
        };
    }

    private static List<CodeEntry> filter(List<CodeEntry> entries, String query) {
        if (query.isEmpty()) {
            return entries;
        }
        var needle = query.toLowerCase(Locale.ROOT);
        return entries.stream()
                .filter(e -> contains(e.key(), needle)
                        || contains(e.title(), needle)
                        || contains(e.meaning(), needle)
                        || contains(e.vendor(), needle))
                .toList();
    }

    private static boolean contains(String text, String needle) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(needle);
    }
}
