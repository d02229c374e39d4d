package dev.mailflow.web;

import dev.mailflow.probe.FieldProblem;
import dev.mailflow.probe.InvalidProbeException;
import dev.mailflow.probe.TooBusyException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/**
 * RFC 9457 problems for the JSON API: 400 with {@code errors: [{field, message}]}, 404, 429 with
 * {@code Retry-After}, 503 with {@code Retry-After} while the database does not answer. Never a stack trace, never an exception's own message.
 */
@RestControllerAdvice(assignableTypes = {ProbeApi.class, CodesApi.class, HistoryApi.class, InboxApi.class})
class ApiErrors extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    /** Seconds: about what a database restart or a failover takes. */
    static final String DATABASE_RETRY_AFTER = "10";

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
        // mailflow's own text: which limit was hit and how long to wait.
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, e.getMessage());
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, e.retryAfterHeader())
                .body(problem);
    }

    /**
     * The database cannot be reached (no connection within the pool's short connection timeout, or
     * the connection broke): 503 with {@code Retry-After}, so a script waits and a load balancer
     * tries another replica, instead of a generic 500 after half a minute.
     */
    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class})
    ResponseEntity<ProblemDetail> databaseDown(DataAccessException e) {
        log.warn("The database did not answer: {}", e.getMostSpecificCause().getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, DATABASE_RETRY_AFTER)
                .body(ProblemDetail.forStatusAndDetail(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "The run history cannot be read right now (its database does not answer); try again in "
                                + DATABASE_RETRY_AFTER + " seconds."));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (e.getCause() instanceof Error error) {
            // Spring MVC wraps an Error thrown by a handler; its stack per request would flood the log.
            log.error(
                    "Error in the API: {} (no stack trace: a request could repeat it at will)",
                    error.getClass().getName());
        } else {
            log.error("Unexpected error in the API", e);
        }
        return ResponseEntity.internalServerError()
                .body(ProblemDetail.forStatusAndDetail(
                        HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong on our side."));
    }

    /**
     * Unreadable JSON names the field, in mailflow's words; a body cut off at {@code
     * mailflow.web.max-request-body} is 413.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodyLimit.BodyTooLargeException) {
                return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                        .body(ProblemDetail.forStatusAndDetail(
                                HttpStatus.CONTENT_TOO_LARGE,
                                "The request body is too large (mailflow.web.max-request-body)."));
            }
        }
        var problem = e.getCause() instanceof JacksonException jackson
                ? JsonProblems.of(jackson)
                : new FieldProblem("", "The request body is not valid JSON.");
        return ResponseEntity.badRequest().body(badRequest(List.of(problem)));
    }

    /** A fixed text: the request's own Content-Type is not echoed. */
    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(
            HttpMediaTypeNotSupportedException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .header(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)
                .body(ProblemDetail.forStatusAndDetail(
                        HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Send the request body as application/json."));
    }

    private static ProblemDetail badRequest(List<FieldProblem> problems) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request has invalid fields.");
        problem.setProperty("errors", problems);
        return problem;
    }
}
