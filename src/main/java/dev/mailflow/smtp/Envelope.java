package dev.mailflow.smtp;

import static dev.mailflow.smtp.SessionOutcome.PROTOCOL_ERROR;

import dev.mailflow.mail.MailAddress;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The mail transaction (RFC 5321 §3.3): MAIL FROM, one RCPT TO per recipient, and DATA. Decides the
 * ESMTP parameters from what the server advertised, and pipelines MAIL and RCPT when allowed.
 */
final class Envelope {

    private final Connection connection;
    private final SessionListener listener;
    private final SessionPlan plan;
    private final SessionOptions options;
    private final Extensions extensions;
    private final boolean sendsData;

    Envelope(
            Connection connection,
            SessionListener listener,
            SessionPlan plan,
            SessionOptions options,
            Extensions extensions) {
        this.connection = connection;
        this.listener = listener;
        this.plan = plan;
        this.options = options;
        this.extensions = extensions;
        this.sendsData = plan.quitAfter() == Phase.DATA && options.hasMessage();
    }

    /** Runs MAIL, RCPT and DATA up to the stop-point; {@code at} follows the phase for error reports. */
    Ending run(Consumer<Phase> at) throws IOException, SessionStop {
        var timeout = plan.timeouts().command();
        boolean withRecipients = plan.quitAfter() != Phase.MAIL;
        var recipients = withRecipients ? plan.rcptTo() : List.<MailAddress>of();
        boolean dsn = dsnUsable();
        var mail = new Connection.Line(Phase.MAIL, Commands.mailFrom(plan.mailFrom(), parameters(recipients)));
        Set<Notify> notify = dsn ? plan.dsnNotify() : Set.of();
        var rcpts = recipients.stream()
                .map(r -> new Connection.Line(Phase.RCPT, Commands.rcptTo(r, notify)))
                .toList();
        var replies = new ArrayList<SmtpReply>();
        if (options.pipelining() && extensions.has("PIPELINING") && !rcpts.isEmpty()) {
            // RFC 2920 §3.1: MAIL and the RCPTs go in one write; replies come back in order.
            connection.send(Stream.concat(Stream.of(mail), rcpts.stream()).toList());
            var mailReply = cut(Phase.MAIL, connection.await(Phase.MAIL, mail.shown(), timeout));
            at.accept(Phase.RCPT);
            for (var rcpt : rcpts) {
                replies.add(cut(Phase.RCPT, connection.await(Phase.RCPT, rcpt.shown(), timeout)));
            }
            SessionStop.expectPositive(Phase.MAIL, mailReply);
        } else {
            SessionStop.expectPositive(Phase.MAIL, connection.command(mail, timeout));
            at.accept(Phase.RCPT);
            for (var rcpt : rcpts) {
                replies.add(cut(Phase.RCPT, connection.command(rcpt, timeout)));
            }
        }
        if (!withRecipients) {
            return Ending.completed(Phase.MAIL, "stopped after MAIL as planned");
        }
        checkRecipients(replies);
        if (plan.quitAfter() == Phase.RCPT) {
            return Ending.completed(Phase.RCPT, "stopped after RCPT as planned");
        }
        if (!sendsData) {
            listener.note(Phase.DATA, "no message was given, so DATA was not sent");
            return Ending.completed(Phase.RCPT, "stopped before DATA: no message was given");
        }
        at.accept(Phase.DATA);
        return data();
    }

    private Commands.MailParameters parameters(List<MailAddress> recipients) throws SessionStop {
        boolean utf8 = plan.mailFrom().needsSmtpUtf8() || recipients.stream().anyMatch(MailAddress::needsSmtpUtf8);
        if (utf8 && !extensions.has("SMTPUTF8")) {
            throw refuse("an address needs SMTPUTF8 (RFC 6531) and the server does not advertise it");
        }
        boolean eightBit = sendsData && options.eightBit();
        if (eightBit && !extensions.has("8BITMIME")) {
            throw refuse("the message has 8-bit content and the server does not advertise 8BITMIME (RFC 6152)");
        }
        long size = sendsData && extensions.has("SIZE") ? options.size() : 0;
        long limit = sizeLimit(extensions.param("SIZE"));
        if (size > 0 && limit > 0 && size > limit) {
            listener.note(
                    Phase.MAIL, "the message (" + size + " octets) is larger than the server's limit of " + limit);
        }
        return new Commands.MailParameters(size, eightBit, utf8, ret(), envelopeId());
    }

    /**
     * RET and ENVID are MAIL parameters of the DSN extension (RFC 3461 §4.3, §4.4): sent only when
     * the server advertised DSN, with or without NOTIFY. Without a choice, RET=HDRS when a message
     * is sent, so that a returned DSN does not carry the whole test message.
     */
    private Ret ret() {
        if (!extensions.has("DSN")) {
            return null;
        }
        if (options.ret() != null) {
            return options.ret();
        }
        return sendsData && !plan.dsnNotify().isEmpty() ? Ret.HDRS : null;
    }

    private String envelopeId() {
        return extensions.has("DSN") ? options.envelopeId() : null;
    }

    private boolean dsnUsable() {
        if (plan.dsnNotify().isEmpty()) {
            if ((options.ret() != null || options.envelopeId() != null) && !extensions.has("DSN")) {
                listener.note(
                        Phase.MAIL,
                        "RET or ENVID was asked for, but the server does not advertise DSN; sending neither");
            }
            return false;
        }
        if (!extensions.has("DSN")) {
            listener.note(Phase.RCPT, "DSN was asked for, but the server does not advertise DSN; sending no NOTIFY");
            return false;
        }
        return true;
    }

    /** Some recipients may be refused; the session goes on if any was accepted. */
    private void checkRecipients(List<SmtpReply> replies) throws SessionStop {
        long accepted = replies.stream()
                .filter(r -> r.codeClass() == 2 && !r.isMalformed())
                .count();
        if (accepted == replies.size()) {
            return;
        }
        if (accepted > 0) {
            listener.note(
                    Phase.RCPT, (replies.size() - accepted) + " of " + replies.size() + " recipients were refused");
            return;
        }
        var worst = replies.stream()
                .filter(r -> r.isMalformed() || r.codeClass() != 4 && r.codeClass() != 5)
                .findFirst()
                .or(() -> replies.stream().filter(SmtpReply::isTransient).findFirst())
                .orElse(replies.get(0));
        throw SessionStop.forReply(Phase.RCPT, worst);
    }

    private Ending data() throws IOException, SessionStop {
        var data = options.data();
        String problem = MessageData.problem(data);
        if (problem != null) {
            throw new SessionStop(SessionOutcome.ERROR, Phase.DATA, problem + "; the message was not sent");
        }
        var go = connection.command(Phase.DATA, Commands.DATA, plan.timeouts().command());
        if (go.code() != 354 || go.isMalformed()) {
            // RFC 5321 §4.1.1.4: no content before a 354; a 2xx here means the server is out of step.
            if (go.codeClass() == 2 && !go.isMalformed()) {
                throw new SessionStop(PROTOCOL_ERROR, Phase.DATA, "DATA got " + go.code() + " instead of 354");
            }
            throw SessionStop.forReply(Phase.DATA, go);
        }
        listener.note(Phase.DATA, "sending the message, " + data.length + " octets");
        connection.sendRaw(MessageData.terminated(data));
        listener.sent(Phase.DATA, ".");
        var done = connection.await(Phase.DATA, ".", plan.timeouts().data());
        SessionStop.expectPositive(Phase.DATA, done);
        return Ending.completed(Phase.DATA, "the message was accepted: " + SessionStop.quote(done));
    }

    private SessionStop refuse(String why) {
        listener.note(Phase.MAIL, why + "; nothing was sent");
        return new SessionStop(PROTOCOL_ERROR, Phase.MAIL, why);
    }

    /** A reply cut off by the server's close ends the transaction at once. */
    private static SmtpReply cut(Phase phase, SmtpReply reply) throws SessionStop {
        if (reply.flaws().contains(ReplyFlaw.EOF_MID_REPLY)) {
            throw SessionStop.forReply(phase, reply);
        }
        return reply;
    }

    /**
     * The SIZE the server announced (RFC 1870 §4), 0 for none: a bare {@code SIZE} (legal: no limit
     * announced, as smtp-sink and many others say it), {@code SIZE 0}, or a value that is no number.
     * Checked before parsing, so a common EHLO costs no exception.
     */
    static long sizeLimit(String text) {
        var digits = text.strip();
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return 0;
        }
        return Long.parseLong(digits);
    }
}
