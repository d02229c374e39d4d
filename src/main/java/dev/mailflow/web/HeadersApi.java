package dev.mailflow.web;

import dev.mailflow.message.HeaderAnalyzer;
import dev.mailflow.message.HeaderReport;
import dev.mailflow.message.MailReader;
import dev.mailflow.message.MessageProperties;
import dev.mailflow.message.ReadMessage;
import dev.mailflow.message.UnreadableMessageException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;

/**
 * The header analyzer as JSON: {@code POST /api/headers} with {@code {"text": "..."}} (a header
 * block or a whole message), or the message itself as the body ({@code message/rfc822}, or an
 * Outlook {@code .msg} as {@code application/vnd.ms-outlook}), answers a {@link HeaderReport}.
 */
@RestController
class HeadersApi {

    private final HeaderAnalyzer analyzer;
    private final MailReader reader;
    private final int maxBody;

    HeadersApi(HeaderAnalyzer analyzer, MailReader reader, MessageProperties messages) {
        this.analyzer = analyzer;
        this.reader = reader;
        this.maxBody =
                (int) Math.min(Integer.MAX_VALUE - 8, messages.maxUpload().toBytes());
    }

    // The body is read here, bounded, rather than by a message converter that would read it whole.
    @PostMapping(path = "/api/headers", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> analyze(HttpServletRequest http) throws IOException {
        byte[] bytes = PastedBody.read(http, maxBody);
        if (bytes == null) {
            return tooLarge();
        }
        ReadMessage message;
        if (isJson(http.getContentType())) {
            String text;
            try {
                text = PastedBody.text(bytes);
            } catch (JacksonException e) {
                return badRequest("", "The request body is not valid JSON.");
            }
            if (text == null) {
                return badRequest("text", HeadersPage.NO_TEXT);
            }
            message = reader.readPasted(text);
        } else {
            try {
                message = reader.readFile(bytes);
            } catch (UnreadableMessageException e) {
                return badRequest("", e.getMessage());
            }
        }
        if (message.headers().isEmpty()) {
            return badRequest(isJson(http.getContentType()) ? "text" : "", HeadersPage.NO_HEADERS);
        }
        return ResponseEntity.ok(analyzer.analyze(message));
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            return MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(contentType));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private ResponseEntity<ProblemDetail> tooLarge() {
        return PastedBody.problem(
                HttpStatus.CONTENT_TOO_LARGE,
                "The message is larger than " + maxBody + " bytes (mailflow.messages.max-upload).",
                "text",
                "At most " + maxBody + " bytes.");
    }

    private static ResponseEntity<ProblemDetail> badRequest(String field, String message) {
        return PastedBody.problem(HttpStatus.BAD_REQUEST, message, field, message);
    }
}
