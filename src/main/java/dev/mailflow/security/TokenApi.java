package dev.mailflow.security;

import dev.mailflow.probe.FieldProblem;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/tokens}: an ADMIN creates (the token is shown once), lists and revokes machine tokens. */
@RestController
class TokenApi {

    // Looked up per request: web-layer test slices load every controller but not the token store.
    private final ObjectProvider<MachineTokens> tokens;

    TokenApi(ObjectProvider<MachineTokens> tokens) {
        this.tokens = tokens;
    }

    /** A token as listed: never its secret or digest. */
    record Listed(
            String name,
            List<Role> roles,
            String source,
            Instant createdAt,
            String createdBy,
            Instant lastUsedAt,
            Instant expiresAt) {

        static Listed of(MachineToken t) {
            return new Listed(
                    t.name(),
                    t.roles(),
                    t.configured() ? "configured" : "created",
                    t.createdAt(),
                    t.createdBy(),
                    t.lastUsedAt(),
                    t.expiresAt());
        }
    }

    /** The new token with its secret, shown this once. */
    record Created(String name, List<Role> roles, Instant createdAt, Instant expiresAt, String token) {}

    @PostMapping("/api/tokens")
    ResponseEntity<Created> create(@RequestBody NewToken request, Authentication admin) {
        var c = tokens.getObject().create(request, admin.getName());
        var token = c.token();
        return ResponseEntity.created(URI.create("/api/tokens/" + token.name()))
                .body(new Created(token.name(), token.roles(), token.createdAt(), token.expiresAt(), c.secret()));
    }

    @GetMapping("/api/tokens")
    Map<String, List<Listed>> list() {
        return Map.of(
                "tokens", tokens.getObject().list().stream().map(Listed::of).toList());
    }

    @DeleteMapping("/api/tokens/{name}")
    ResponseEntity<?> revoke(@PathVariable String name) {
        if (tokens.getObject().revoke(name)) {
            return ResponseEntity.noContent().build();
        }
        if (tokens.getObject().list().stream()
                .anyMatch(t -> t.configured() && t.name().equals(name))) {
            return problem(
                    HttpStatus.CONFLICT, "This token is configured (mailflow.security.tokens): remove it there.");
        }
        return problem(HttpStatus.NOT_FOUND, "No active token has this name.");
    }

    @ExceptionHandler(NewToken.InvalidTokenException.class)
    ResponseEntity<ProblemDetail> invalid(NewToken.InvalidTokenException e) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request has invalid fields.");
        problem.setProperty("errors", e.problems());
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        return ResponseEntity.badRequest()
                .body(ProblemDetail.forStatusAndDetail(
                        HttpStatus.BAD_REQUEST, "The request body is not JSON of the form {name, roles, expiresAt}."));
    }

    /** 409: the name is someone's already; a token with it would act as them. */
    @ExceptionHandler(NewToken.NameTakenException.class)
    ResponseEntity<ProblemDetail> nameTaken(NewToken.NameTakenException e) {
        var why = e.getMessage();
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "The name is taken: " + why + ".");
        problem.setProperty("errors", List.of(new FieldProblem("name", why)));
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    private static ResponseEntity<?> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
    }
}
