package dev.mailflow.posture;

import dev.mailflow.dns.Answer;
import dev.mailflow.egress.Cidr;
import dev.mailflow.text.AddressText;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * SPF's check_host() (RFC 7208 §4) on dnsjava: the record of a domain, its mechanisms in order,
 * include and redirect, the limit of 10 DNS-querying terms and of 2 void lookups (§4.6.4). The
 * {@code exp=} explanation is not fetched: a diagnosis needs the result and the term that decided.
 */
final class SpfEvaluator {

    static final int MAX_LOOKUPS = 10;
    static final int MAX_VOID_LOOKUPS = 2;
    static final int MAX_NAMES = 10;

    private static final Pattern MECHANISM =
            Pattern.compile("(?<q>[-+~?])?(?<name>all|include|a|mx|ptr|ip4|ip6|exists)(?<arg>[:/].*)?");
    private static final Pattern MODIFIER = Pattern.compile("(?<name>[A-Za-z][A-Za-z0-9._-]*)=(?<value>.*)");
    private static final Pattern SPACES = Pattern.compile(" +");

    private final Lookups dns;

    SpfEvaluator(Lookups dns) {
        this.dns = dns;
    }

    /** Whether a TXT record is an SPF record (RFC 7208 §4.5: "v=spf1" then a space or the end). */
    static boolean isSpf(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return lower.equals("v=spf1") || lower.startsWith("v=spf1 ");
    }

    /** check_host(ip, domain, sender) with the sender's domain as HELO name when there is none. */
    SpfVerdict evaluate(InetAddress ip, String domain, String sender) {
        var state = new State(ip, sender == null || !sender.contains("@") ? "postmaster@" + domain : sender);
        Decision decision;
        try {
            decision = checkHost(state, domain);
        } catch (SpfError stop) {
            decision = new Decision(stop.result(), null, stop.getMessage());
        }
        return new SpfVerdict(
                AddressText.of(ip), domain, decision.result, decision.mechanism, decision.detail, state.lookups);
    }

    private record Decision(SpfResult result, String mechanism, String detail) {}

    private static final class State {
        final InetAddress ip;
        final String sender;
        int lookups;
        int voids;

        State(InetAddress ip, String sender) {
            this.ip = ip;
            this.sender = sender;
        }

        void count(String term) throws SpfError {
            if (++lookups > MAX_LOOKUPS) {
                throw new SpfError(SpfResult.PERMERROR, "more than " + MAX_LOOKUPS + " DNS lookups (at " + term + ")");
            }
        }

        void voided(String term) throws SpfError {
            if (++voids > MAX_VOID_LOOKUPS) {
                throw new SpfError(
                        SpfResult.PERMERROR,
                        "more than " + MAX_VOID_LOOKUPS + " lookups found nothing (at " + term + ")");
            }
        }
    }

    private Decision checkHost(State state, String domain) throws SpfError {
        Name name = name(domain, SpfResult.NONE);
        var txt = dns.txt(name);
        if (txt.answer().failed()) {
            throw new SpfError(SpfResult.TEMPERROR, txt.answer().detail());
        }
        List<String> records = txt.texts().stream().filter(SpfEvaluator::isSpf).toList();
        if (records.isEmpty()) {
            return new Decision(SpfResult.NONE, null, "no SPF record at " + domain);
        }
        if (records.size() > 1) {
            throw new SpfError(SpfResult.PERMERROR, domain + " publishes " + records.size() + " SPF records");
        }
        String redirect = null;
        String[] terms = SPACES.split(records.getFirst().strip());
        for (int i = 1; i < terms.length; i++) {
            String term = terms[i];
            var modifier = MODIFIER.matcher(term);
            var mechanism = MECHANISM.matcher(term.toLowerCase(Locale.ROOT));
            if (mechanism.matches()) {
                String arg = mechanism.group("arg") == null
                        ? null
                        : term.substring(term.length() - mechanism.group("arg").length());
                if (matches(state, domain, mechanism.group("name"), arg, term)) {
                    char q = mechanism.group("q") == null
                            ? '+'
                            : mechanism.group("q").charAt(0);
                    return new Decision(SpfResult.qualifier(q), term, null);
                }
            } else if (modifier.matches()) {
                if (modifier.group("name").equalsIgnoreCase("redirect")) {
                    if (redirect != null) {
                        throw new SpfError(SpfResult.PERMERROR, "two redirect= modifiers at " + domain);
                    }
                    redirect = modifier.group("value");
                }
                // exp= and unknown modifiers are ignored (RFC 7208 §6).
            } else {
                throw new SpfError(SpfResult.PERMERROR, "unknown term '" + term + "' at " + domain);
            }
        }
        if (redirect != null) {
            state.count("redirect=" + redirect);
            String target = expand(redirect, state, domain);
            Decision followed = checkHost(state, target);
            if (followed.result == SpfResult.NONE) {
                throw new SpfError(SpfResult.PERMERROR, "redirect=" + target + " leads to no SPF record");
            }
            return followed;
        }
        return new Decision(SpfResult.NEUTRAL, null, "no term matched at " + domain + " (default ?all)");
    }

    private boolean matches(State state, String domain, String mechanism, String arg, String term) throws SpfError {
        return switch (mechanism) {
            case "all" -> true;
            case "ip4", "ip6" -> SpfArguments.network(state.ip, arg, term, mechanism.equals("ip6"));
            case "a" -> {
                state.count(term);
                yield anyAddress(state, target(state, domain, arg), SpfArguments.cidrs(arg, term), term);
            }
            case "mx" -> {
                state.count(term);
                yield mx(state, target(state, domain, arg), SpfArguments.cidrs(arg, term), term);
            }
            case "include" -> {
                state.count(term);
                yield include(state, required(state, domain, arg, term));
            }
            case "exists" -> {
                state.count(term);
                var found = dns.addresses(name(required(state, domain, arg, term), SpfResult.PERMERROR));
                if (found.failed()) {
                    throw new SpfError(SpfResult.TEMPERROR, "lookup for " + term + " failed");
                }
                yield found.list().stream().anyMatch(Inet4Address.class::isInstance);
            }
            case "ptr" -> {
                state.count(term);
                yield ptr(state, target(state, domain, arg));
            }
            default -> throw new SpfError(SpfResult.PERMERROR, "unknown mechanism " + term);
        };
    }

    private boolean include(State state, String target) throws SpfError {
        Decision included = checkHost(state, target);
        return switch (included.result) {
            case PASS -> true;
            case FAIL, SOFTFAIL, NEUTRAL -> false;
            case TEMPERROR -> throw new SpfError(SpfResult.TEMPERROR, "include:" + target + ": " + included.detail);
            // RFC 7208 §5.2: an included domain without a record is a permanent error.
            case NONE, PERMERROR ->
                throw new SpfError(SpfResult.PERMERROR, "include:" + target + ": " + included.detail);
        };
    }

    private boolean anyAddress(State state, String host, int[] cidrs, String term) throws SpfError {
        var found = dns.addresses(name(host, SpfResult.PERMERROR));
        if (found.failed()) {
            throw new SpfError(SpfResult.TEMPERROR, "address lookup for " + term + " failed");
        }
        if (found.list().isEmpty()) {
            state.voided(term);
        }
        return found.list().stream()
                .anyMatch(a -> new Cidr(a, a instanceof Inet4Address ? cidrs[0] : cidrs[1]).contains(state.ip));
    }

    private boolean mx(State state, String host, int[] cidrs, String term) throws SpfError {
        Answer answer = dns.answer(name(host, SpfResult.PERMERROR), Type.MX);
        if (answer.failed()) {
            throw new SpfError(SpfResult.TEMPERROR, "MX lookup for " + term + " failed");
        }
        List<MXRecord> exchangers = answer.records().stream()
                .filter(MXRecord.class::isInstance)
                .map(MXRecord.class::cast)
                .toList();
        if (exchangers.isEmpty()) {
            state.voided(term);
        }
        if (exchangers.size() > MAX_NAMES) {
            throw new SpfError(SpfResult.PERMERROR, term + " names more than " + MAX_NAMES + " MX hosts");
        }
        for (MXRecord exchanger : exchangers) {
            var found = dns.addresses(exchanger.getTarget());
            if (found.list().stream()
                    .anyMatch(a -> new Cidr(a, a instanceof Inet4Address ? cidrs[0] : cidrs[1]).contains(state.ip))) {
                return true;
            }
        }
        return false;
    }

    /** The deprecated ptr mechanism (RFC 7208 §5.5): a validated reverse name inside the target. */
    private boolean ptr(State state, String target) throws SpfError {
        Name wanted = name(target, SpfResult.PERMERROR);
        Answer reverse = dns.answer(ReverseMap.fromAddress(state.ip), Type.PTR);
        return reverse.records().stream()
                .filter(PTRRecord.class::isInstance)
                .map(r -> ((PTRRecord) r).getTarget())
                .limit(MAX_NAMES)
                .filter(n -> n.subdomain(wanted))
                .anyMatch(n -> dns.addresses(n).list().contains(state.ip));
    }

    /** The domain of a mechanism: its ":domain" (macros expanded) or the current domain. */
    private static String target(State state, String domain, String arg) throws SpfError {
        if (arg == null || !arg.startsWith(":")) {
            return domain;
        }
        String spec = arg.substring(1);
        int slash = spec.indexOf('/');
        return expand(slash < 0 ? spec : spec.substring(0, slash), state, domain);
    }

    private static String required(State state, String domain, String arg, String term) throws SpfError {
        if (arg == null || !arg.startsWith(":") || arg.length() == 1) {
            throw new SpfError(SpfResult.PERMERROR, term + " needs a domain");
        }
        return target(state, domain, arg);
    }

    private static String expand(String spec, State state, String domain) throws SpfError {
        try {
            return SpfMacros.expand(spec, state.ip, state.sender, domain);
        } catch (IllegalArgumentException e) {
            throw new SpfError(SpfResult.PERMERROR, e.getMessage());
        }
    }

    private static Name name(String domain, SpfResult invalid) throws SpfError {
        try {
            return Lookups.name(domain);
        } catch (TextParseException e) {
            throw new SpfError(invalid, "'" + domain + "' is not a domain name");
        }
    }
}
