package dev.mailflow.web;

import dev.mailflow.probe.FieldProblem;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The body of the APIs that take a pasted text or a whole message ({@code /api/explain}, {@code
 * /api/headers}): read here, bounded, rather than whole by a message converter; {@code {"text": ...}}
 * read from it; and their problem+json answers, one field each.
 */
final class PastedBody {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PastedBody() {}

    /** The JSON form: {@code {"text": "..."}}. */
    record Request(String text) {}

    /** The body, or null when it is longer than {@code max}: it is read no further. */
    static byte[] read(HttpServletRequest http, long max) throws IOException {
        if (http.getContentLengthLong() > max) {
            return null;
        }
        var bytes = http.getInputStream().readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 8));
        return bytes.length > max ? null : bytes;
    }

    /**
     * The text of a JSON body, or null when there is none or it is blank.
     *
     * @throws JacksonException when the body is not valid JSON
     */
    static String text(byte[] bytes) {
        var request = JSON.readValue(new String(bytes, StandardCharsets.UTF_8), Request.class);
        return request == null || request.text() == null || request.text().isBlank() ? null : request.text();
    }

    /** A problem+json answer naming one field. */
    static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail, String field, String message) {
        var problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setProperty("errors", List.of(new FieldProblem(field, message)));
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
