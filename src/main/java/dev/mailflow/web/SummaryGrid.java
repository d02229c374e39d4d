package dev.mailflow.web;

import dev.mailflow.posture.PostureCheck;
import dev.mailflow.posture.PostureStatus;
import dev.mailflow.probe.PostureEntry;
import dev.mailflow.probe.RunState;
import dev.mailflow.smtp.Phase;
import dev.mailflow.smtp.SessionOutcome;
import dev.mailflow.smtp.SessionResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The checks of a run at a glance, under the verdict (as MXToolbox and internet.nl open): one line
 * per check with pass, warn, fail or "not tested", what it means, and a link to the details below.
 *
 * @param checks in the order a conversation goes: connect, TLS, sender, recipient, then the posture
 */
record SummaryGrid(List<Check> checks) {

    /**
     * @param state {@code pass}, {@code warn}, {@code fail} or {@code none}; also the CSS class
     * @param meaning what the check is about, in one sentence for someone new to mail
     * @param anchor the id of the details on the page
     */
    record Check(String label, String state, String result, String meaning, String anchor) {}

    static SummaryGrid of(String id, RunState run) {
        var results = run.sessions().stream()
                .map(s -> s.result())
                .filter(Objects::nonNull)
                .toList();
        var checks = new ArrayList<Check>();
        var matrix = "matrix-" + id;
        if (!results.isEmpty()) {
            checks.add(phase(results, Phase.CONNECT, "Connect", "whether the recipient's mail servers answer", matrix));
            checks.add(tls(results, matrix));
            checks.add(phase(results, Phase.MAIL, "Sender", "whether the server takes mail from this sender", matrix));
            checks.add(
                    phase(results, Phase.RCPT, "Recipient", "whether the server takes mail for this address", matrix));
        }
        for (var kind : List.of(
                PostureCheck.Kind.SPF,
                PostureCheck.Kind.DMARC,
                PostureCheck.Kind.MTA_STS,
                PostureCheck.Kind.DANE,
                PostureCheck.Kind.BLOCKLISTS,
                PostureCheck.Kind.EGRESS)) {
            posture(run.posture().entries(), kind).ifPresent(checks::add);
        }
        return new SummaryGrid(List.copyOf(checks));
    }

    public boolean shown() {
        return !checks.isEmpty();
    }

    /** A phase passes when any session got through it, fails when every session that reached it failed. */
    private static Check phase(List<SessionResult> results, Phase phase, String label, String meaning, String anchor) {
        var reached =
                results.stream().filter(r -> r.phase().compareTo(phase) >= 0).toList();
        Predicate<SessionResult> passed =
                r -> r.phase().compareTo(phase) > 0 || r.outcome() == SessionOutcome.COMPLETED;
        if (reached.isEmpty()) {
            return new Check(label, "none", "not tested", meaning, anchor);
        }
        if (reached.stream().anyMatch(passed)) {
            return new Check(label, "pass", "accepted", meaning, anchor);
        }
        var transientOnly = reached.stream()
                .flatMap(r -> r.exchanges().stream())
                .filter(e -> e.phase() == phase && e.reply() != null)
                .allMatch(e -> e.reply().isTransient());
        return new Check(
                label, transientOnly ? "warn" : "fail", transientOnly ? "deferred" : "refused", meaning, anchor);
    }

    private static Check tls(List<SessionResult> results, String anchor) {
        var meaning = "whether mail travels encrypted, and whether the server's certificate is trusted";
        var facts = results.stream()
                .map(SessionResult::tls)
                .filter(Objects::nonNull)
                .toList();
        if (facts.isEmpty()) {
            var greeted = results.stream().anyMatch(r -> !r.extensions().isEmpty());
            var offered = results.stream().anyMatch(r -> r.extensions().containsKey("STARTTLS"));
            return greeted && !offered
                    ? new Check("TLS", "warn", "not offered", meaning, anchor)
                    : new Check("TLS", "none", "not tested", meaning, anchor);
        }
        if (facts.stream().allMatch(f -> f.failure() != null)) {
            return new Check("TLS", "fail", "handshake failed", meaning, anchor);
        }
        var trusted = facts.stream().allMatch(f -> f.failure() != null || f.trusted());
        return new Check(
                "TLS",
                trusted ? "pass" : "warn",
                trusted ? "encrypted, trusted" : "encrypted, not trusted",
                meaning,
                anchor);
    }

    private static Optional<Check> posture(List<PostureEntry> entries, PostureCheck.Kind kind) {
        var statuses = entries.stream()
                .map(PostureEntry::check)
                .filter(c -> c.kind() == kind)
                .map(PostureCheck::status)
                .toList();
        if (statuses.isEmpty()) {
            return Optional.empty();
        }
        var worst = statuses.contains(PostureStatus.FAIL)
                ? PostureStatus.FAIL
                : statuses.contains(PostureStatus.WARN) ? PostureStatus.WARN : statuses.getFirst();
        var state = switch (worst) {
            case PASS -> "pass";
            case WARN -> "warn";
            case FAIL -> "fail";
            case NOT_PUBLISHED, UNKNOWN -> "none";
        };
        var label = switch (kind) {
            case EGRESS -> "PTR of our address";
            case BLOCKLISTS -> "Blocklists";
            default -> PostureView.Row.label(kind);
        };
        return Optional.of(new Check(
                label,
                state,
                PostureView.Item.word(worst),
                meaning(kind),
                "posture-" + kind.name().toLowerCase(Locale.ROOT).replace('_', '-')));
    }

    private static String meaning(PostureCheck.Kind kind) {
        return switch (kind) {
            case SPF -> "whether the sender's domain lists our sending address as allowed";
            case DMARC -> "what the sender's domain asks receivers to do with mail that fails the checks";
            case MTA_STS -> "whether the recipient's domain demands encrypted delivery to named servers";
            case DANE -> "whether the recipient's servers pin their certificates in signed DNS";
            case BLOCKLISTS -> "whether public spam lists name our address or the recipient's servers";
            case EGRESS -> "whether our sending address has a proper name (receivers distrust addresses without)";
            default -> "";
        };
    }
}
