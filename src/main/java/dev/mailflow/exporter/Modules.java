package dev.mailflow.exporter;

import dev.mailflow.mail.EhloName;
import dev.mailflow.mail.InvalidInputException;
import dev.mailflow.mail.MailAddress;
import dev.mailflow.smtp.Phase;
import dev.mailflow.smtp.TlsMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The modules {@code /probe} knows: the built-in ones, each replaced by a configured module of the
 * same name, plus the configured ones. Checked when the application starts, so a typo in a module
 * stops it with the setting's name instead of failing every scrape.
 */
final class Modules {

    /** A scrape never sends a message, and AUTH and QUIT are steps, not places to stop. */
    private static final Set<Phase> STOP_POINTS =
            EnumSet.of(Phase.CONNECT, Phase.BANNER, Phase.EHLO, Phase.TLS, Phase.MAIL, Phase.RCPT);

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    // Posture checks only where the module is about delivery (smtp_rcpt): the others are scraped
    // often to watch one server, and blocklists and DNS need not be asked each time.
    static final List<ProbeModule> BUILT_IN = List.of(
            new ProbeModule("smtp_banner", null, TlsMode.NONE, Phase.BANNER, null, List.of(), null, true, null, false),
            // The EHLO after STARTTLS belongs to the TLS step (RFC 3207 §4.2).
            new ProbeModule(
                    "smtp_starttls", null, TlsMode.OPPORTUNISTIC, Phase.TLS, null, List.of(), null, true, null, false),
            new ProbeModule(
                    "smtp_rcpt",
                    null,
                    TlsMode.OPPORTUNISTIC,
                    Phase.RCPT,
                    null,
                    List.of("postmaster@" + ProbeModule.DOMAIN),
                    null,
                    true,
                    null,
                    true),
            new ProbeModule(
                    "smtp_submission", 587, TlsMode.REQUIRED, Phase.TLS, null, List.of(), null, true, null, false));

    private final Map<String, ProbeModule> byName;

    Modules(ExporterProperties properties) {
        var modules = new LinkedHashMap<String, ProbeModule>();
        BUILT_IN.forEach(m -> modules.put(m.name(), m));
        var problems = new ArrayList<String>();
        properties.modules().forEach((name, settings) -> {
            var module = ProbeModule.of(name, settings);
            check(module, problems);
            modules.put(name, module);
        });
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid /probe modules: " + String.join("; ", problems));
        }
        this.byName = Map.copyOf(modules);
    }

    Optional<ProbeModule> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    private static void check(ProbeModule module, List<String> problems) {
        var at = "mailflow.modules." + module.name() + ".";
        if (!NAME.matcher(module.name()).matches()) {
            problems.add(
                    "mailflow.modules." + module.name() + ": a module name is 1 to 64 letters, digits, '_' or '-'");
        }
        if (!STOP_POINTS.contains(module.quitAfter())) {
            problems.add(at + "quit-after: must be one of " + STOP_POINTS);
        }
        if (module.timeout() != null
                && (module.timeout().isNegative() || module.timeout().isZero())) {
            problems.add(at + "timeout: must be longer than zero");
        }
        for (int i = 0; i < module.rcptTo().size(); i++) {
            var example = module.rcptTo().get(i).replace(ProbeModule.DOMAIN, "example.com");
            parse(at + "rcpt-to[" + i + "]", () -> MailAddress.parse(example), problems);
        }
        if (module.mailFrom() != null
                && !module.mailFrom().isBlank()
                && !module.mailFrom().equals("<>")) {
            parse(at + "mail-from", () -> MailAddress.parse(module.mailFrom()), problems);
        }
        if (module.ehlo() != null) {
            parse(at + "ehlo", () -> EhloName.parse(module.ehlo()), problems);
        }
    }

    private static void parse(String setting, Runnable parse, List<String> problems) {
        try {
            parse.run();
        } catch (InvalidInputException e) {
            problems.add(setting + ": " + e.getMessage());
        }
    }

    /** The longest a probe may take: the scrape's timeout less a margin, the module's, or 120 s. */
    static Duration timeout(ProbeModule module, Duration scrapeTimeout) {
        var margin = Duration.ofMillis(500);
        Duration timeout = scrapeTimeout == null ? null : scrapeTimeout.minus(margin);
        if (module.timeout() != null && (timeout == null || module.timeout().compareTo(timeout) < 0)) {
            timeout = module.timeout();
        }
        if (timeout == null) {
            return Duration.ofSeconds(120);
        }
        // A header of 0.5 s or less leaves nothing; a tenth of a second still answers with what it saw.
        return timeout.compareTo(Duration.ofMillis(100)) < 0 ? Duration.ofMillis(100) : timeout;
    }
}
