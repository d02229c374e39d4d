package dev.mailflow.web;

import dev.mailflow.posture.PostureCheck;
import dev.mailflow.posture.PostureStatus;
import dev.mailflow.probe.PostureEntry;
import dev.mailflow.probe.RunSnapshot;
import dev.mailflow.probe.RunState;
import dev.mailflow.probe.ValidatedProbe;
import dev.mailflow.text.UntrustedText;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The posture panel of the run page: one row per check, pending until the check's result arrives;
 * a check that yields several results (our egress, one per address) shows them all in its row.
 */
record PostureView(List<Row> rows) {

    static PostureView of(RunSnapshot run) {
        return of(run.state(), run.probe());
    }

    static PostureView of(RunState state, ValidatedProbe probe) {
        if (!state.posture().expected() && !mayStillStart(state, probe)) {
            return new PostureView(List.of());
        }
        var entries = state.posture().entries();
        return new PostureView(Arrays.stream(PostureCheck.Kind.values())
                .map(kind -> Row.of(kind, entries))
                .toList());
    }

    /**
     * A page opened before the MX plan is known cannot tell yet whether posture checks will start
     * (they need a domain with mail hosts): it shows the rows pending, so the checks' events have
     * rows to fill; the run's end re-renders the panel from what really happened.
     */
    private static boolean mayStillStart(RunState state, ValidatedProbe probe) {
        return !state.isDone() && state.plan().isEmpty() && probe.host() == null;
    }

    public boolean shown() {
        return !rows.isEmpty();
    }

    /** One check's row; {@code items} is empty while the check runs. */
    record Row(String id, String label, String statusWord, List<Item> items) {

        static Row of(PostureCheck.Kind kind, List<PostureEntry> entries) {
            var items = entries.stream()
                    .filter(e -> e.check().kind() == kind)
                    .map(Item::of)
                    .toList();
            String status = items.isEmpty() ? "checking" : worst(items);
            return new Row(kind.name().toLowerCase(Locale.ROOT).replace('_', '-'), label(kind), status, items);
        }

        private static String worst(List<Item> items) {
            return items.stream()
                    .map(Item::status)
                    .max((a, b) -> Integer.compare(rank(a), rank(b)))
                    .map(Item::word)
                    .orElse("checking");
        }

        private static int rank(PostureStatus status) {
            return switch (status) {
                case PASS -> 0;
                case NOT_PUBLISHED -> 1;
                case UNKNOWN -> 2;
                case WARN -> 3;
                case FAIL -> 4;
            };
        }

        static String label(PostureCheck.Kind kind) {
            return switch (kind) {
                case MTA_STS -> "MTA-STS";
                case TLS_RPT -> "TLS-RPT";
                case DANE -> "DANE";
                case DNSSEC -> "DNSSEC of the MX answer";
                case BLOCKLISTS -> "Blocklists";
                case SPF -> "SPF of the sender";
                case DMARC -> "DMARC of the sender";
                case EGRESS -> "Our egress";
                case PORT_25 -> "Port 25 from our side";
            };
        }
    }

    /** One result of a check, with the findings it raised. */
    record Item(
            PostureStatus status,
            String subject,
            String summary,
            List<String> records,
            List<String> evidence,
            List<FindingView> findings) {

        static Item of(PostureEntry entry) {
            var check = entry.check();
            return new Item(
                    check.status(),
                    check.subject(),
                    UntrustedText.visible(check.summary()),
                    check.records(),
                    check.evidence(),
                    entry.findings().stream()
                            .map(f -> FindingView.of(f, (Long) null))
                            .toList());
        }

        public String statusWord() {
            return word(status);
        }

        static String word(PostureStatus status) {
            return status.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }
}
