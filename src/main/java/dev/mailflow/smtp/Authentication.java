package dev.mailflow.smtp;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * AUTH PLAIN or LOGIN (RFC 4954), only over TLS. Credentials never reach the listener or the
 * transcript: the lines that carry them are shown as {@link Commands#REDACTED}.
 */
final class Authentication {

    private final Connection connection;
    private final Duration timeout;

    Authentication(Connection connection, Duration timeout) {
        this.connection = connection;
        this.timeout = timeout;
    }

    void authenticate(Extensions extensions, SessionOptions.Credentials credentials) throws IOException, SessionStop {
        if (!connection.isTls()) {
            throw new SessionStop(
                    SessionOutcome.TLS_FAILED, Phase.AUTH, "credentials are only sent over TLS; this session has none");
        }
        Set<String> mechanisms = Arrays.stream(extensions.param("AUTH").split(" "))
                .map(m -> m.toUpperCase(Locale.ROOT))
                .collect(Collectors.toSet());
        SmtpReply reply;
        if (mechanisms.contains("PLAIN")) {
            String line = Commands.authPlain(credentials);
            reply = connection.command(
                    new Connection.Line(Phase.AUTH, line, "AUTH PLAIN " + Commands.REDACTED), timeout);
        } else if (mechanisms.contains("LOGIN")) {
            challenge(connection.command(Phase.AUTH, "AUTH LOGIN", timeout));
            challenge(secret(credentials.username()));
            reply = secret(credentials.password());
        } else {
            throw new SessionStop(
                    SessionOutcome.PROTOCOL_ERROR,
                    Phase.AUTH,
                    "the server offers no AUTH mechanism mailflow uses (PLAIN, LOGIN)");
        }
        if (reply.code() != 235 || reply.isMalformed()) {
            throw SessionStop.forReply(Phase.AUTH, reply);
        }
    }

    private SmtpReply secret(String value) throws IOException {
        return connection.command(new Connection.Line(Phase.AUTH, Commands.base64(value), Commands.REDACTED), timeout);
    }

    /** RFC 4954 §4: 334 asks for the next response; anything else ends the exchange. */
    private static void challenge(SmtpReply reply) throws SessionStop {
        if (reply.code() != 334 || reply.isMalformed()) {
            throw SessionStop.forReply(Phase.AUTH, reply);
        }
    }
}
