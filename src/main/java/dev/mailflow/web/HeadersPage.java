package dev.mailflow.web;

import dev.mailflow.message.Durations;
import dev.mailflow.message.HeaderAnalyzer;
import dev.mailflow.message.MailReader;
import dev.mailflow.message.MessageProperties;
import dev.mailflow.message.ReadMessage;
import dev.mailflow.message.UnreadableMessageException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartFile;

/**
 * The header analyzer page: one paste box for a header block or a whole message, and an upload for
 * an {@code .eml} or Outlook {@code .msg} file; the report below it.
 */
@Controller
class HeadersPage {

    static final String NO_TEXT = "Paste the message's headers (or the whole message), or choose an .eml or .msg file.";
    static final String NO_HEADERS =
            "mailflow found no header fields in it: paste the headers as the recipient got them"
                    + " (Outlook: File > Properties > Internet headers; Gmail: Show original).";

    /** The paste box's own bound (percent-encoded it stays under the body limit); a larger message is uploaded as a file. */
    static final int MAX_PASTED = 1_000_000;

    private final HeaderAnalyzer analyzer;
    private final MailReader reader;
    private final long maxUpload;

    HeadersPage(HeaderAnalyzer analyzer, MailReader reader, MessageProperties messages) {
        this.analyzer = analyzer;
        this.reader = reader;
        this.maxUpload = messages.maxUpload().toBytes();
    }

    @GetMapping("/headers")
    String page(Model model) {
        model.addAttribute("text", "");
        return "headers";
    }

    @PostMapping("/headers")
    String analyze(
            @RequestParam(name = "text", required = false) String text,
            @RequestParam(name = "file", required = false) MultipartFile file,
            Model model) {
        String pasted = text == null ? "" : text;
        model.addAttribute("text", pasted.length() > MAX_PASTED ? "" : pasted);
        ReadMessage message;
        try {
            if (file != null && !file.isEmpty()) {
                message = reader.readFile(file.getBytes());
                model.addAttribute("fileName", file.getOriginalFilename());
            } else if (pasted.isBlank()) {
                return error(model, NO_TEXT);
            } else if (pasted.length() > MAX_PASTED) {
                return error(
                        model,
                        "The text is longer than " + MAX_PASTED
                                + " characters; upload the message as an .eml file instead.");
            } else {
                message = reader.readPasted(pasted);
            }
        } catch (UnreadableMessageException e) {
            return error(model, e.getMessage());
        } catch (IOException e) {
            return error(model, "The file could not be read.");
        }
        if (message.headers().isEmpty()) {
            return error(model, NO_HEADERS);
        }
        var report = analyzer.analyze(message);
        model.addAttribute("report", report);
        model.addAttribute("rows", HopRow.of(report));
        model.addAttribute("total", report.totalSeconds() == null ? null : Durations.words(report.totalSeconds()));
        return "headers";
    }

    /** A file over {@code mailflow.messages.max-upload} (parts are read lazily): the page says so. */
    @ExceptionHandler(MaxUploadSizeExceededException.class)
    String tooLarge(Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
        model.addAttribute("text", "");
        return error(
                model, "The file is larger than " + maxUpload / (1024 * 1024) + " MB (mailflow.messages.max-upload).");
    }

    private static String error(Model model, String message) {
        model.addAttribute("textError", message);
        return "headers";
    }
}
