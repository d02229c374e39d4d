package dev.mailflow.inbox;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listener's side of the mailbox: which recipients it admits, and what happens to a message it
 * took (claimed in the store, so one message per address across replicas; analysed on its own
 * virtual thread after the client has its 250; stored; waiting pages woken).
 */
final class Arrivals {

    private static final Logger log = LoggerFactory.getLogger(Arrivals.class);

    private final CheckAddresses addresses;
    private final InboxStore store;
    private final ArrivalAnalysis analysis;
    private final InboxEvents events;
    private final Runnable changed;
    private final boolean keepBody;
    private final Clock clock;
    private final ExecutorService analysing = Executors.newVirtualThreadPerTaskExecutor();

    Arrivals(
            CheckAddresses addresses,
            InboxStore store,
            ArrivalAnalysis analysis,
            InboxEvents events,
            Runnable changed,
            boolean keepBody,
            Clock clock) {
        this.addresses = addresses;
        this.store = store;
        this.analysis = analysis;
        this.events = events;
        this.changed = changed;
        this.keepBody = keepBody;
        this.clock = clock;
    }

    /** The waiting mailbox {@code recipient} names; refused when it is another domain's, unknown, expired or used. */
    Mailbox admit(String recipient, InetAddress client) throws Reception.Refused {
        var address = addresses.ours(recipient);
        if (address.isEmpty()) {
            throw refusal(
                    addresses.ourDomain(recipient) ? Result.UNKNOWN_ADDRESS : Result.RELAY_REFUSED, client, recipient);
        }
        var mailbox = store.findByAddress(address.get());
        if (mailbox.isEmpty()) {
            throw refusal(Result.UNKNOWN_ADDRESS, client, recipient);
        }
        return switch (mailbox.get().status(clock.instant())) {
            case WAITING -> mailbox.get();
            case EXPIRED -> throw refusal(Result.EXPIRED, client, recipient);
            case RECEIVED -> throw refusal(Result.ALREADY_RECEIVED, client, recipient);
        };
    }

    /** Claims the mailbox for this message (another may have taken it since RCPT) and starts the report. */
    void take(Mailbox mailbox, InetAddress client, String helo, InboxReport.Tls tls, String mailFrom, byte[] message)
            throws Reception.Refused {
        Instant now = clock.instant();
        if (!store.claim(mailbox.id(), now)) {
            throw refusal(
                    mailbox.status(now) == InboxStatus.EXPIRED ? Result.EXPIRED : Result.ALREADY_RECEIVED,
                    client,
                    mailbox.address());
        }
        events.received(mailbox, client, mailFrom, message.length);
        changed.run();
        var arrival = new Arrival(mailbox.id(), client, helo, tls, mailFrom, now, message);
        analysing.execute(() -> report(arrival));
    }

    void refused(Result result, InetAddress client, String recipient) {
        events.refused(result, client, recipient);
    }

    private Reception.Refused refusal(Result result, InetAddress client, String recipient) {
        refused(result, client, recipient);
        return new Reception.Refused(result);
    }

    private void report(Arrival arrival) {
        try {
            store.report(arrival.mailboxId(), analysis.analyse(arrival), keepBody ? arrival.message() : null);
            log.info(
                    "inbox: report for {} stored {} ms after the message arrived",
                    arrival.mailboxId(),
                    Duration.between(arrival.receivedAt(), clock.instant()).toMillis());
        } catch (RuntimeException e) {
            log.warn(
                    "inbox: analysis of {} failed, storing what the connection said: {}",
                    arrival.mailboxId(),
                    e.toString());
            store.report(arrival.mailboxId(), ArrivalAnalysis.bare(arrival), keepBody ? arrival.message() : null);
        } finally {
            changed.run();
        }
    }

    void stop() {
        analysing.shutdownNow();
    }
}
