package dev.mailflow.posture;

import dev.mailflow.posture.PostureFacts.DnssecStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.dnssec.ValidatingResolver;

/**
 * DNSSEC-validated questions: dnsjava's {@link ValidatingResolver} over the run's resolver, from
 * the configured trust anchors. dnsjava 3.6's {@code LookupSession} keeps the validation outcome to
 * itself ({@code LookupResult.isAuthenticated} is not public), so the message is read directly:
 * the AD flag means secure; SERVFAIL with an extended DNS error (RFC 8914) from the validator means
 * bogus; anything else is insecure (no chain of trust reaches the name).
 */
final class SecureLookup {

    private static final String ROOT_ANCHORS = "posture/root-anchors.txt";
    private static final Duration MARGIN = Duration.ofSeconds(2);

    private final ValidatingResolver resolver;
    private final Duration bound;

    SecureLookup(Resolver upstream, String trustAnchors) {
        this.resolver = new ValidatingResolver(upstream);
        this.bound = upstream.getTimeout().multipliedBy(3).plus(MARGIN);
        try (InputStream in = anchors(trustAnchors)) {
            resolver.loadTrustAnchors(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read DNSSEC trust anchors " + trustAnchors, e);
        }
    }

    /** The validated answer to one question. */
    record Secured(DnssecStatus status, List<Record> records, String detail) {
        Secured {
            records = List.copyOf(records);
        }
    }

    Secured ask(Name name, int type) {
        Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
        Message response;
        try {
            response = resolver.sendAsync(query).toCompletableFuture().get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Secured(DnssecStatus.UNKNOWN, List.of(), "interrupted");
        } catch (Exception e) {
            return new Secured(
                    DnssecStatus.UNKNOWN,
                    List.of(),
                    "validating lookup failed: " + e.getClass().getSimpleName());
        }
        List<Record> answer = response.getSection(Section.ANSWER).stream()
                .filter(r -> r.getType() == type)
                .toList();
        if (response.getRcode() == Rcode.SERVFAIL) {
            String reason = validationError(response);
            return reason == null
                    ? new Secured(DnssecStatus.UNKNOWN, List.of(), "SERVFAIL")
                    : new Secured(DnssecStatus.BOGUS, List.of(), reason);
        }
        boolean secure = response.getHeader().getFlag(Flags.AD);
        return new Secured(secure ? DnssecStatus.SECURE : DnssecStatus.INSECURE, answer, null);
    }

    /** The validator's extended DNS error, or null when the SERVFAIL came from upstream. */
    private static String validationError(Message response) {
        OPTRecord opt = response.getOPT();
        if (opt == null) {
            return null;
        }
        return opt.getOptions(EDNSOption.Code.EDNS_EXTENDED_ERROR).stream()
                .filter(ExtendedErrorCodeOption.class::isInstance)
                .map(ExtendedErrorCodeOption.class::cast)
                .findFirst()
                .map(e -> "DNSSEC validation failed: " + ExtendedErrorCodeOption.text(e.getErrorCode())
                        + (e.getText() == null ? "" : " (" + e.getText() + ")"))
                .orElse(null);
    }

    private static InputStream anchors(String configured) throws IOException {
        if (configured.isEmpty()) {
            return SecureLookup.class.getClassLoader().getResourceAsStream(ROOT_ANCHORS);
        }
        if (configured.startsWith("classpath:")) {
            InputStream in = SecureLookup.class
                    .getClassLoader()
                    .getResourceAsStream(configured.substring("classpath:".length()));
            if (in == null) {
                throw new IOException("no resource " + configured);
            }
            return in;
        }
        return Files.newInputStream(Path.of(configured));
    }
}
