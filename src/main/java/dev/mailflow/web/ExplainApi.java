package dev.mailflow.web;

import dev.mailflow.diagnosis.ExplainedReply;
import dev.mailflow.diagnosis.Knowledge;
import dev.mailflow.diagnosis.Owner;
import dev.mailflow.diagnosis.Reason;
import dev.mailflow.probe.FieldProblem;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bounce explainer as JSON: {@code POST /api/explain} with {@code {"text": "..."}} (a reply
 * line, a multi-line reply or a whole bounce) answers every remote reply found in it.
 */
@RestController
class ExplainApi {

    /**
     * The body is read no further than this: a character of the text may take up to six bytes in
     * JSON (a control character's escape) and nine in a form ({@code %E2%80%A8}), plus room for the
     * rest.
     */
    static final int MAX_BODY = Knowledge.MAX_PASTED * 9 + 4096;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Knowledge knowledge;

    ExplainApi(Knowledge knowledge) {
        this.knowledge = knowledge;
    }

    record Request(String text) {}

    record Reply(
            String line,
            Integer code,
            String enhanced,
            Reason reason,
            String detail,
            String contradiction,
            String title,
            List<String> causes,
            List<String> fixes,
            Owner owner) {

        static Reply of(ExplainedReply r) {
            return new Reply(
                    r.line(),
                    r.code(),
                    r.enhanced(),
                    r.reason(),
                    r.detail(),
                    r.contradiction(),
                    r.title(),
                    r.causes(),
                    r.fixes(),
                    r.owner());
        }
    }

    record Replies(List<Reply> replies) {}

    // The body is read here, bounded, rather than by a message converter that would read it whole.
    @PostMapping(path = "/api/explain", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> explain(HttpServletRequest http) throws IOException {
        if (http.getContentLengthLong() > MAX_BODY) {
            return tooLarge();
        }
        var bytes = http.getInputStream().readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
            return tooLarge();
        }
        Request request;
        try {
            request = JSON.readValue(new String(bytes, StandardCharsets.UTF_8), Request.class);
        } catch (JacksonException e) {
            return badRequest("", "The request body is not valid JSON.");
        }
        if (request == null || request.text() == null || request.text().isBlank()) {
            return badRequest("text", "Paste a reply line, a multi-line reply or a whole bounce message.");
        }
        if (request.text().length() > Knowledge.MAX_PASTED) {
            return tooLarge();
        }
        var replies =
                knowledge.explainText(request.text()).stream().map(Reply::of).toList();
        return ResponseEntity.ok(new Replies(replies));
    }

    private static ResponseEntity<ProblemDetail> tooLarge() {
        var problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.CONTENT_TOO_LARGE,
                "The text is longer than " + Knowledge.MAX_PASTED
                        + " characters; paste the bounce's error part rather than the whole message.");
        problem.setProperty(
                "errors", List.of(new FieldProblem("text", "At most " + Knowledge.MAX_PASTED + " characters.")));
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static ResponseEntity<ProblemDetail> badRequest(String field, String message) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request has invalid fields.");
        problem.setProperty("errors", List.of(new FieldProblem(field, message)));
        return ResponseEntity.badRequest()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
