package dev.mailflow.inbox;

import dev.mailflow.text.AddressText;
import dev.mailflow.text.UntrustedText;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the test mailbox tells the operators: {@code mailflow_inbox_messages_total{result}} (no
 * address or domain as a label) and one line on the {@code mailflow.audit} logger for every address
 * handed out, every message taken and every refusal, in {@code key=value} form.
 */
final class InboxEvents {

    static final String AUDIT = "mailflow.audit";

    private final Logger audit;
    private final Map<Result, Counter> counters = new EnumMap<>(Result.class);

    InboxEvents(MeterRegistry registry) {
        this(registry, LoggerFactory.getLogger(AUDIT));
    }

    InboxEvents(MeterRegistry registry, Logger audit) {
        this.audit = audit;
        for (Result result : Result.values()) {
            counters.put(
                    result,
                    Counter.builder("mailflow.inbox.messages")
                            .description("Messages and recipients the test mailbox took or refused, by result")
                            .tag("result", result.label())
                            .register(registry));
        }
    }

    void handedOut(Mailbox mailbox) {
        audit.info(
                "inbox=handed-out id={} user={} address={} expires={}",
                mailbox.id(),
                value(mailbox.owner()),
                value(mailbox.address()),
                mailbox.expiresAt());
    }

    void received(Mailbox mailbox, InetAddress client, String mailFrom, long size) {
        counters.get(Result.RECEIVED).increment();
        audit.info(
                "inbox=received id={} user={} client={} mailFrom={} size={}",
                mailbox.id(),
                value(mailbox.owner()),
                AddressText.of(client),
                value(mailFrom),
                size);
    }

    void refused(Result result, InetAddress client, String recipient) {
        counters.get(result).increment();
        audit.info(
                "inbox=refused result={} client={} rcpt={}",
                result.label(),
                client == null ? "-" : AddressText.of(client),
                value(recipient));
    }

    private static String value(String raw) {
        return UntrustedText.auditValue(raw);
    }
}
