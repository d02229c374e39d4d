package dev.mailflow.posture;

import dev.mailflow.dns.MxHost;
import dev.mailflow.dns.MxPlan;
import dev.mailflow.posture.PolicyFetcher.Fetched;
import dev.mailflow.posture.PostureCheck.Kind;
import dev.mailflow.posture.PostureFacts.StsMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xbill.DNS.TextParseException;

/**
 * MTA-STS (RFC 8461): the {@code _mta-sts} TXT record, the policy over HTTPS, then the MX hosts
 * against its patterns and each session's certificate against what an enforcing sender requires
 * (§4.2: STARTTLS, a trusted chain, a certificate naming the MX host).
 *
 * @param policies fetched policies, each kept for its {@code max_age} (at most {@code
 *     mailflow.posture.cache-ttl-max}) while the TXT record names the same {@code id} (RFC 8461 §3.1: a
 *     new id announces a new policy)
 */
record MtaStsCheck(Lookups dns, PolicyFetcher fetcher, TtlCache<String, Fetched> policies) {

    /** The record and the policy, read while the sessions run. */
    record Read(
            String domain, List<String> records, String id, Fetched fetched, StsPolicy.Parsed parsed, String problem) {}

    Read read(String domain) {
        Lookups.Texts txt;
        try {
            txt = dns.txt(Lookups.name("_mta-sts." + domain));
        } catch (TextParseException e) {
            return new Read(domain, List.of(), null, null, null, "not a domain");
        }
        if (txt.answer().failed()) {
            return new Read(domain, List.of(), null, null, null, txt.answer().detail());
        }
        List<String> records =
                txt.texts().stream().filter(t -> t.startsWith("v=STSv1")).toList();
        if (records.size() != 1) {
            return new Read(domain, records, null, null, null, records.isEmpty() ? null : "more than one STSv1 record");
        }
        String id = DmarcLookup.tags(records.getFirst()).get("id");
        Fetched fetched;
        try {
            var host = Lookups.name("mta-sts." + domain);
            fetched = id == null
                    ? fetcher.fetch(host)
                    : policies.get(domain.toLowerCase(Locale.ROOT) + " " + id, key -> kept(fetcher.fetch(host)));
        } catch (TextParseException e) {
            return new Read(domain, records, id, null, null, "not a domain");
        }
        var parsed = fetched.status() == PolicyFetcher.Status.OK ? StsPolicy.parse(fetched.body()) : null;
        return new Read(domain, records, id, fetched, parsed, null);
    }

    /** A policy that could be fetched and read is kept for its max_age; anything else is fetched again. */
    private static TtlCache.Timed<Fetched> kept(Fetched fetched) {
        if (fetched.status() != PolicyFetcher.Status.OK) {
            return new TtlCache.Timed<>(fetched, Duration.ZERO);
        }
        var policy = StsPolicy.parse(fetched.body()).policy();
        return new TtlCache.Timed<>(fetched, policy == null ? Duration.ZERO : Duration.ofSeconds(policy.maxAge()));
    }

    PostureCheck judge(Read read, MxPlan plan, List<SessionSeen> sessions) {
        var records = new ArrayList<>(read.records());
        var vars = Map.of("domain", read.domain());
        if (read.records().isEmpty() && read.problem() == null) {
            return check(read, PostureStatus.NOT_PUBLISHED, "no _mta-sts record", records, List.of(), List.of(), null);
        }
        if (read.fetched() == null) {
            return check(read, PostureStatus.UNKNOWN, read.problem(), records, List.of(), List.of(), null);
        }
        if (read.fetched().status() != PolicyFetcher.Status.OK) {
            var note = new PostureNote(
                    "posture.mta-sts-unfetchable",
                    with(vars, "detail", read.fetched().detail()));
            return check(
                    read,
                    PostureStatus.FAIL,
                    "policy cannot be fetched",
                    records,
                    List.of(read.fetched().detail()),
                    List.of(note),
                    null);
        }
        if (read.parsed().policy() == null) {
            var note = new PostureNote(
                    "posture.mta-sts-bad-policy",
                    with(vars, "detail", read.parsed().problem()));
            records.addAll(read.fetched().body().lines().limit(20).toList());
            return check(
                    read,
                    PostureStatus.FAIL,
                    read.parsed().problem(),
                    records,
                    List.of(read.parsed().problem()),
                    List.of(note),
                    null);
        }
        StsPolicy policy = read.parsed().policy();
        records.addAll(read.fetched().body().lines().limit(20).toList());
        var evidence = new ArrayList<String>();
        var notes = new ArrayList<PostureNote>();
        String mode = policy.mode().name().toLowerCase(Locale.ROOT);
        int problems = 0;
        // In testing mode a sender only reports failures (RFC 8461 §5), so they are one note, not findings each.
        boolean enforcing = policy.mode() == StsMode.ENFORCE;
        if (policy.mode() != StsMode.NONE) {
            for (MxHost host : plan.hosts()) {
                boolean allowed = policy.allows(host.name());
                evidence.add(host.name()
                        + (allowed ? " matches " : " matches no pattern of ")
                        + String.join(", ", policy.mx()));
                if (!allowed) {
                    problems++;
                    if (enforcing) {
                        notes.add(new PostureNote(
                                "posture.mta-sts-mx-mismatch",
                                Map.of(
                                        "domain",
                                        read.domain(),
                                        "host",
                                        host.name(),
                                        "mode",
                                        mode,
                                        "patterns",
                                        String.join(", ", policy.mx()))));
                    }
                }
            }
            for (SessionSeen session : sessions) {
                String problem = certificateProblem(session);
                if (problem != null) {
                    problems++;
                    evidence.add(session.host() + ": " + problem);
                    if (enforcing) {
                        notes.add(new PostureNote(
                                "posture.mta-sts-tls-unacceptable",
                                Map.of(
                                        "domain",
                                        read.domain(),
                                        "host",
                                        session.host(),
                                        "mode",
                                        mode,
                                        "detail",
                                        problem)));
                    }
                }
            }
        }
        if (policy.mode() == StsMode.TESTING) {
            notes.add(new PostureNote(
                    "posture.mta-sts-testing",
                    with(
                            vars,
                            "detail",
                            problems > 0
                                    ? "senders would report " + problems + " problem(s) but still deliver"
                                    : "no problem seen")));
        }
        PostureStatus status = problems > 0
                ? (policy.mode() == StsMode.ENFORCE ? PostureStatus.FAIL : PostureStatus.WARN)
                : (policy.mode() == StsMode.ENFORCE ? PostureStatus.PASS : PostureStatus.WARN);
        return check(read, status, "mode " + mode + ", max_age " + policy.maxAge(), records, evidence, notes, policy);
    }

    /** Why an enforcing sender would refuse this session's TLS, or null when it would not. */
    static String certificateProblem(SessionSeen session) {
        var tls = session.tls();
        if (tls == null) {
            return Boolean.FALSE.equals(session.starttlsOffered()) ? "STARTTLS is not offered" : null;
        }
        if (tls.failure() != null) {
            return "the TLS handshake failed: " + tls.failure();
        }
        if (!tls.trusted()) {
            return "the certificate is not trusted: " + tls.trustProblem();
        }
        if (Boolean.FALSE.equals(tls.hostnameMatches())) {
            return "the certificate does not name " + session.host();
        }
        return null;
    }

    private static PostureCheck check(
            Read read,
            PostureStatus status,
            String summary,
            List<String> records,
            List<String> evidence,
            List<PostureNote> notes,
            StsPolicy policy) {
        var facts = new PostureFacts.MtaSts(
                read.id(),
                policy == null ? null : policy.mode(),
                policy == null ? List.of() : policy.mx(),
                policy == null ? null : policy.maxAge());
        return new PostureCheck(Kind.MTA_STS, read.domain(), status, summary, records, evidence, notes, facts);
    }

    static Map<String, String> with(Map<String, String> vars, String key, String value) {
        var all = new HashMap<>(vars);
        all.put(key, value == null ? "" : value);
        return all;
    }
}
