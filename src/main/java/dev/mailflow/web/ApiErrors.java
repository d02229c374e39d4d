package dev.mailflow.web;

import dev.mailflow.probe.FieldProblem;
import dev.mailflow.probe.InvalidProbeException;
import dev.mailflow.probe.TooBusyException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/**
 * RFC 9457 problems for the JSON API: 400 with {@code errors: [{field, message}]}, 404, 429 with
 * {@code Retry-After}. Never a stack trace, never an exception's own message.
 */
@RestControllerAdvice(assignableTypes = {ProbeApi.class, CodesApi.class, HistoryApi.class})
class ApiErrors extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(InvalidProbeException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidProbeException e) {
        return ResponseEntity.badRequest().body(badRequest(e.problems()));
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage()));
    }

    @ExceptionHandler(TooBusyException.class)
    ResponseEntity<ProblemDetail> tooBusy(TooBusyException e) {
        // Rounded up: a client that comes back on time must find the window open.
        var seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
        // mailflow's own text: which limit was hit and how long to wait.
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, e.getMessage());
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds))
                .body(problem);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unexpected error in the API", e);
        return ResponseEntity.internalServerError()
                .body(ProblemDetail.forStatusAndDetail(
                        HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong on our side."));
    }

    /** Unreadable JSON and bad enum values name the field, as Jackson's path gives it. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var field = e.getCause() instanceof JacksonException jackson ? path(jackson) : "";
        var message = field.isEmpty() ? "The request body is not valid JSON." : "This value cannot be read.";
        return ResponseEntity.badRequest().body(badRequest(List.of(new FieldProblem(field, message))));
    }

    private static ProblemDetail badRequest(List<FieldProblem> problems) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request has invalid fields.");
        problem.setProperty("errors", problems);
        return problem;
    }

    private static String path(JacksonException e) {
        var sb = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
