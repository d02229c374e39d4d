package dev.mailflow.posture;

import dev.mailflow.posture.PostureFacts.DnssecStatus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Master;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
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
    private final List<Name> anchorNames;
    private final TtlCache<Question, Secured> cache;

    private record Question(Name name, int type) {}

    /** @param cacheTtlMax a validated answer is kept for the TTL of its records, at most this long */
    SecureLookup(Resolver upstream, String trustAnchors, Duration cacheTtlMax) {
        this.cache = new TtlCache<>(cacheTtlMax);
        this.resolver = new ValidatingResolver(upstream);
        this.bound = upstream.getTimeout().multipliedBy(3).plus(MARGIN);
        try (InputStream in = anchors(trustAnchors)) {
            byte[] text = in.readAllBytes();
            resolver.loadTrustAnchors(new ByteArrayInputStream(text));
            this.anchorNames = names(text);
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
        return cache.get(new Question(name, type), question -> validate(question.name(), question.type()));
    }

    /** The answer, kept for the smallest TTL of the records that came with it; a failure is not kept. */
    private TtlCache.Timed<Secured> validate(Name name, int type) {
        Message response;
        try {
            response = send(name, type);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new TtlCache.Timed<>(new Secured(DnssecStatus.UNKNOWN, List.of(), "interrupted"), Duration.ZERO);
        } catch (Exception e) {
            return new TtlCache.Timed<>(
                    new Secured(
                            DnssecStatus.UNKNOWN,
                            List.of(),
                            "validating lookup failed: " + e.getClass().getSimpleName()),
                    Duration.ZERO);
        }
        var secured = judge(name, type, response);
        var ttl = secured.status() == DnssecStatus.SECURE || secured.status() == DnssecStatus.INSECURE
                ? ttl(response)
                : Duration.ZERO;
        return new TtlCache.Timed<>(secured, ttl);
    }

    /** The smallest TTL of the answer and authority records (a negative answer's SOA); zero without any. */
    private static Duration ttl(Message response) {
        var min = Stream.concat(
                        response.getSection(Section.ANSWER).stream(), response.getSection(Section.AUTHORITY).stream())
                .mapToLong(Record::getTTL)
                .min();
        return min.isPresent() ? Duration.ofSeconds(min.getAsLong()) : Duration.ZERO;
    }

    private Secured judge(Name name, int type, Message response) {
        List<Record> answer = response.getSection(Section.ANSWER).stream()
                .filter(r -> r.getType() == type)
                .toList();
        if (response.getRcode() == Rcode.SERVFAIL) {
            var error = validationError(response);
            if (error.isEmpty()) {
                return new Secured(DnssecStatus.UNKNOWN, List.of(), "SERVFAIL");
            }
            String reason = "DNSSEC validation failed: "
                    + ExtendedErrorCodeOption.text(error.get().getErrorCode())
                    + (error.get().getText() == null ? "" : " (" + error.get().getText() + ")");
            // A resolver that cannot deliver the trust anchor's own keys (one that strips DNSSEC
            // records, a test server without a root zone) makes every answer look bogus: that
            // says nothing about the domain.
            if (missing(error.get()) && anchorKeysMissing(name)) {
                return new Secured(
                        DnssecStatus.UNKNOWN,
                        List.of(),
                        "this resolver does not deliver the trust anchor's keys: " + reason);
            }
            return new Secured(DnssecStatus.BOGUS, List.of(), reason);
        }
        boolean secure = response.getHeader().getFlag(Flags.AD);
        return new Secured(secure ? DnssecStatus.SECURE : DnssecStatus.INSECURE, answer, null);
    }

    private Message send(Name name, int type) throws Exception {
        Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
        return resolver.sendAsync(query).toCompletableFuture().get(bound.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static boolean missing(ExtendedErrorCodeOption error) {
        return error.getErrorCode() == ExtendedErrorCodeOption.DNSKEY_MISSING
                || error.getErrorCode() == ExtendedErrorCodeOption.RRSIGS_MISSING;
    }

    /** Whether the DNSKEY set of the trust anchor above {@code name} does not validate through this resolver. */
    private boolean anchorKeysMissing(Name name) {
        Name anchor = anchorNames.stream()
                .filter(name::subdomain)
                .max(Comparator.comparingInt(Name::labels))
                .orElse(null);
        if (anchor == null) {
            return false;
        }
        try {
            Message keys = send(anchor, Type.DNSKEY);
            return keys.getRcode() != Rcode.NOERROR || !keys.getHeader().getFlag(Flags.AD);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        } catch (Exception e) {
            return true;
        }
    }

    private static List<Name> names(byte[] anchors) throws IOException {
        var names = new ArrayList<Name>();
        try (Master master = new Master(new ByteArrayInputStream(anchors), Name.root, 0)) {
            for (Record r = master.nextRecord(); r != null; r = master.nextRecord()) {
                names.add(r.getName());
            }
        }
        return List.copyOf(names);
    }

    /** The validator's extended DNS error (RFC 8914); empty when the SERVFAIL came from upstream. */
    private static Optional<ExtendedErrorCodeOption> validationError(Message response) {
        OPTRecord opt = response.getOPT();
        if (opt == null) {
            return Optional.empty();
        }
        return opt.getOptions(EDNSOption.Code.EDNS_EXTENDED_ERROR).stream()
                .filter(ExtendedErrorCodeOption.class::isInstance)
                .map(ExtendedErrorCodeOption.class::cast)
                .findFirst();
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
