package dev.mailflow.web;

import dev.mailflow.diagnosis.Knowledge;
import dev.mailflow.message.BounceExplainer;
import dev.mailflow.message.BounceReport;
import dev.mailflow.message.MailReader;
import dev.mailflow.message.MessageProperties;
import dev.mailflow.message.ReadMessage;
import dev.mailflow.message.UnreadableMessageException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;

/**
 * The bounce explainer as JSON: {@code POST /api/explain} with {@code {"text": "..."}} (a reply
 * line, a multi-line reply, a whole bounce or any message as pasted), or the raw message itself as
 * {@code message/rfc822} (an {@code .eml}) or {@code application/vnd.ms-outlook} (an Outlook {@code
 * .msg}) up to {@code mailflow.messages.max-upload}. The answer is the {@link BounceReport}: kind,
 * original message, recipients, replies.
 */
@RestController
class ExplainApi {

    /**
     * The body is read no further than this: a character of the text may take up to six bytes in
     * JSON (a control character's escape) and nine in a form ({@code %E2%80%A8}), plus room for the
     * rest.
     */
    static final int MAX_BODY = Knowledge.MAX_PASTED * 9 + 4096;

    static final String OUTLOOK = "application/vnd.ms-outlook";

    private final MailReader reader;
    private final BounceExplainer explainer;
    private final long maxUpload;

    ExplainApi(MailReader reader, BounceExplainer explainer, MessageProperties messages) {
        this.reader = reader;
        this.explainer = explainer;
        this.maxUpload = messages.maxUpload().toBytes();
    }

    // The body is read here, bounded, rather than by a message converter that would read it whole.
    @PostMapping(path = "/api/explain", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> explain(HttpServletRequest http) throws IOException {
        var type = http.getContentType() == null
                ? MediaType.APPLICATION_JSON_VALUE
                : http.getContentType().split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (type.equals("message/rfc822") || type.equals(OUTLOOK) || type.equals("application/octet-stream")) {
            return raw(http, type);
        }
        if (!type.equals(MediaType.APPLICATION_JSON_VALUE)) {
            return problem(
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type",
                    "Send {\"text\": ...} as application/json, or the message as message/rfc822 or " + OUTLOOK + ".");
        }
        var bytes = PastedBody.read(http, MAX_BODY);
        if (bytes == null) {
            return tooLarge(
                    "text",
                    "The text is longer than " + Knowledge.MAX_PASTED
                            + " characters; paste the bounce's error part, or send the message as message/rfc822.");
        }
        String text;
        try {
            text = PastedBody.text(bytes);
        } catch (JacksonException e) {
            return problem(HttpStatus.BAD_REQUEST, "", "The request body is not valid JSON.");
        }
        if (text == null) {
            return problem(
                    HttpStatus.BAD_REQUEST,
                    "text",
                    "Paste a reply line, a multi-line reply or a whole bounce message.");
        }
        if (text.length() > Knowledge.MAX_PASTED) {
            return tooLarge(
                    "text",
                    "The text is longer than " + Knowledge.MAX_PASTED
                            + " characters; paste the bounce's error part, or send the message as message/rfc822.");
        }
        return ResponseEntity.ok(explainer.explain(reader.readPasted(text)));
    }

    private ResponseEntity<?> raw(HttpServletRequest http, String type) throws IOException {
        var bytes = PastedBody.read(http, maxUpload);
        if (bytes == null) {
            return tooLarge(
                    "body", "The message is larger than " + maxUpload + " bytes (mailflow.messages.max-upload).");
        }
        if (bytes.length == 0) {
            return problem(HttpStatus.BAD_REQUEST, "body", "The request has no message in it.");
        }
        try {
            ReadMessage read = switch (type) {
                case "message/rfc822" -> reader.readEml(bytes);
                case OUTLOOK -> reader.readMsg(bytes);
                default -> reader.readFile(bytes);
            };
            return ResponseEntity.ok(explainer.explain(read));
        } catch (UnreadableMessageException e) {
            return problem(HttpStatus.BAD_REQUEST, "body", e.getMessage());
        }
    }

    private static ResponseEntity<ProblemDetail> tooLarge(String field, String message) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, field, message);
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String field, String message) {
        return PastedBody.problem(
                status, status == HttpStatus.BAD_REQUEST ? "The request has invalid fields." : message, field, message);
    }
}
