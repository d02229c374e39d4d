package dev.mailflow.inbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.util.concurrent.Semaphore;
import javax.net.ssl.SSLSocket;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.Session;

/**
 * One mail transaction at the listener: MAIL FROM is noted, each RCPT TO must be one waiting
 * test address (one per message), and DATA is read up to the size cap, then handed to the {@link
 * Arrivals}. Refusals use the replies of {@link Result}.
 */
final class Reception implements MessageHandler {

    private static final int CHUNK = 8192;

    private final Session session;
    private final SourceGate.Visit visit;
    private final Arrivals arrivals;
    private final int maxRefusals;
    private final long maxSize;
    private final Semaphore reading;
    private String mailFrom = "";
    private Mailbox mailbox;

    /** @param reading permits for messages read at once (each holds up to {@code maxSize} octets) */
    Reception(
            Session session,
            SourceGate.Visit visit,
            Arrivals arrivals,
            int maxRefusals,
            long maxSize,
            Semaphore reading) {
        this.session = session;
        this.reading = reading;
        this.visit = visit;
        this.arrivals = arrivals;
        this.maxRefusals = maxRefusals;
        this.maxSize = maxSize;
    }

    @Override
    public void from(String from) {
        mailFrom = from == null ? "" : from;
    }

    @Override
    public void recipient(String recipient) throws RejectException {
        if (mailbox != null) {
            // RFC 5321 §4.5.3.1.10: 452 tells a sender to send the other recipients in another transaction.
            throw new RejectException(452, "4.5.3 one test address per message");
        }
        try {
            mailbox = arrivals.admit(recipient, client());
        } catch (Refused refused) {
            if (visit != null && visit.refusals.incrementAndGet() >= maxRefusals) {
                arrivals.refused(Result.TOO_MANY_REFUSALS, client(), recipient);
                throw new DropConnectionException(Result.TOO_MANY_REFUSALS.code, Result.TOO_MANY_REFUSALS.text);
            }
            throw new RejectException(refused.result.code, refused.result.text);
        }
    }

    @Override
    public String data(InputStream data) throws RejectException, IOException {
        if (!reading.tryAcquire()) {
            data.transferTo(OutputStream.nullOutputStream());
            arrivals.refused(Result.BUSY, client(), mailbox.address());
            throw new RejectException(Result.BUSY.code, Result.BUSY.text);
        }
        try {
            return read(data);
        } finally {
            reading.release();
        }
    }

    private String read(InputStream data) throws RejectException, IOException {
        var message = new ByteArrayOutputStream();
        byte[] chunk = new byte[CHUNK];
        long total = 0;
        for (int n; (n = data.read(chunk)) != -1; ) {
            total += n;
            if (total <= maxSize) {
                message.write(chunk, 0, n);
            }
        }
        // Read to the end first: the reply must follow the final ".", or the rest would be read as commands.
        if (total > maxSize) {
            arrivals.refused(Result.TOO_LARGE, client(), mailbox.address());
            throw new RejectException(
                    Result.TOO_LARGE.code, Result.TOO_LARGE.text + ": at most " + maxSize + " octets");
        }
        var tls = session.getSocket() instanceof SSLSocket ssl
                ? new InboxReport.Tls(
                        ssl.getSession().getProtocol(), ssl.getSession().getCipherSuite())
                : null;
        try {
            arrivals.take(mailbox, client(), session.getHelo().orElse(null), tls, mailFrom, message.toByteArray());
        } catch (Refused refused) {
            throw new RejectException(refused.result.code, refused.result.text);
        }
        return Result.RECEIVED.text;
    }

    @Override
    public void done() {
        // Nothing held: the message was handed over in data().
    }

    private InetAddress client() {
        return session.getRealRemoteAddress().getAddress();
    }

    /** A recipient or message the listener refuses, with the reply it gets. */
    static final class Refused extends Exception {
        final transient Result result;

        Refused(Result result) {
            super(result.text, null, false, false);
            this.result = result;
        }
    }
}
