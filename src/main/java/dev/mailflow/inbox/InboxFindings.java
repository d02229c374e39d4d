package dev.mailflow.inbox;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The wording of the report's findings, from {@code inbox/findings.properties}: one home for what
 * a finding says, how much it matters and who acts. Loaded once; an id the code asks for but the
 * file lacks stops the application at start (and {@code InboxFindingsTest}).
 */
final class InboxFindings {

    /** Every id the analysis may raise. */
    static final Set<String> IDS = Set.of(
            "inbox.tls",
            "inbox.no-tls",
            "inbox.tls-old",
            "inbox.spf-pass",
            "inbox.spf-fail",
            "inbox.spf-softfail",
            "inbox.spf-neutral",
            "inbox.spf-none",
            "inbox.spf-permerror",
            "inbox.spf-temperror",
            "inbox.no-ptr",
            "inbox.ptr-not-confirmed",
            "inbox.ptr-confirmed",
            "inbox.helo-mismatch",
            "inbox.listed",
            "inbox.dkim-pass",
            "inbox.dkim-fail",
            "inbox.dkim-none",
            "inbox.dmarc-pass",
            "inbox.dmarc-fail",
            "inbox.dmarc-unaligned",
            "inbox.dmarc-none",
            "inbox.no-header-from");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)}");

    private final Properties wording;

    private InboxFindings(Properties wording) {
        this.wording = wording;
        for (String id : IDS) {
            for (String part : new String[] {"severity", "owner", "text"}) {
                if (wording.getProperty(id + "." + part, "").isBlank()) {
                    throw new IllegalStateException("inbox/findings.properties lacks " + id + "." + part);
                }
            }
        }
    }

    static InboxFindings load() {
        var properties = new Properties();
        try (var in = InboxFindings.class.getResourceAsStream("/inbox/findings.properties")) {
            if (in == null) {
                throw new IllegalStateException("inbox/findings.properties is missing");
            }
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read inbox/findings.properties", e);
        }
        return new InboxFindings(properties);
    }

    /** The finding {@code id} with its placeholders filled; a value missing from {@code values} reads "?". */
    InboxReport.Finding finding(String id, Map<String, String> values) {
        if (!IDS.contains(id)) {
            throw new IllegalArgumentException("no inbox finding " + id);
        }
        Matcher m = PLACEHOLDER.matcher(wording.getProperty(id + ".text"));
        var text = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            m.appendReplacement(text, Matcher.quoteReplacement(value == null ? "?" : value));
        }
        m.appendTail(text);
        return new InboxReport.Finding(
                id, wording.getProperty(id + ".severity"), text.toString(), wording.getProperty(id + ".owner"));
    }
}
