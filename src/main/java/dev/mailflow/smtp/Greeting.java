package dev.mailflow.smtp;

import dev.mailflow.mail.EhloName;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;

/**
 * EHLO, and HELO only when the server does not know EHLO (RFC 5321 §3.2, §4.1.1.1).
 *
 * <p>Which refusals lead to HELO: 500, 502 and 504 say the command itself is unknown or not
 * implemented, so an older server may still take HELO. 501 refuses the argument ("501 5.5.4 Invalid
 * domain name"): HELO carries the same name and would be refused alike, so the session stops with
 * the 501. 550 to EHLO is a policy refusal of the client, and 4xx is a deferral; neither is about
 * EHLO itself.
 */
final class Greeting {

    private static final Set<Integer> EHLO_UNKNOWN = Set.of(500, 502, 504);

    private Greeting() {}

    /** The extensions the server advertised; none after a HELO fallback. */
    static Extensions greet(Connection connection, EhloName name, Duration timeout, SessionListener listener)
            throws IOException, SessionStop {
        var ehlo = connection.command(Phase.EHLO, Commands.ehlo(name), timeout);
        if (ehlo.codeClass() == 2 && !ehlo.isMalformed()) {
            return Extensions.parse(ehlo);
        }
        if (ehlo.isMalformed() || !EHLO_UNKNOWN.contains(ehlo.code())) {
            if (ehlo.code() == 501) {
                listener.note(Phase.EHLO, "501 refuses the EHLO name itself; HELO would be refused alike");
            }
            throw SessionStop.forReply(Phase.EHLO, ehlo);
        }
        listener.note(Phase.EHLO, "the server does not know EHLO (" + ehlo.code() + "); trying HELO");
        SessionStop.expectPositive(Phase.EHLO, connection.command(Phase.EHLO, Commands.helo(name), timeout));
        return Extensions.NONE;
    }
}
