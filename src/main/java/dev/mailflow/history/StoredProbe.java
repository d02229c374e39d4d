package dev.mailflow.history;

import dev.mailflow.mail.DomainName;
import dev.mailflow.mail.EhloName;
import dev.mailflow.mail.InvalidInputException;
import dev.mailflow.mail.MailAddress;
import dev.mailflow.probe.ProbeRequest;
import dev.mailflow.probe.ValidatedProbe;
import dev.mailflow.smtp.Phase;
import dev.mailflow.smtp.TlsMode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.function.Function;

/**
 * The validated probe of a stored run: the {@code probe} column, or for a run stored before that
 * column existed, the nearest reading of its request (it was validated when it ran, so what does
 * not parse now is left out rather than refused).
 */
final class StoredProbe {

    private StoredProbe() {}

    static ValidatedProbe read(String probeJson, ProbeRequest request, String domain) {
        return probeJson != null ? RunRows.probe(probeJson) : fromRequest(request, domain);
    }

    private static ValidatedProbe fromRequest(ProbeRequest request, String domain) {
        var recipients = new ArrayList<MailAddress>();
        request.rcptTo().forEach(r -> parsed(r, MailAddress::parse, recipients));
        var tls = request.tls() == null ? TlsMode.OPPORTUNISTIC : request.tls();
        var notify = request.dsnNotify().isEmpty()
                ? EnumSet.noneOf(dev.mailflow.smtp.Notify.class)
                : EnumSet.copyOf(request.dsnNotify());
        return new ValidatedProbe(
                blank(request.host()) || !blank(request.domain()) || !recipients.isEmpty() ? aLabels(domain) : null,
                parsed(request.mailFrom(), MailAddress::parse, null),
                recipients,
                blank(request.host()) ? null : request.host().strip(),
                request.port() == null ? (tls == TlsMode.IMPLICIT ? 465 : 25) : request.port(),
                parsed(request.ehlo(), EhloName::parse, null),
                tls,
                notify,
                request.quitAfter() == null ? Phase.RCPT : request.quitAfter(),
                request.allMx() == null || request.allMx(),
                request.message(),
                request.pipelining() == null || request.pipelining(),
                request.ret(),
                request.envid());
    }

    /** A domain stored before domains were kept as A-labels ({@code bücher.de}) reads as one. */
    private static String aLabels(String domain) {
        try {
            return DomainName.parse(domain).ascii();
        } catch (InvalidInputException e) {
            return domain;
        }
    }

    private static <T> T parsed(String text, Function<String, T> parser, java.util.List<T> into) {
        if (blank(text)) {
            return null;
        }
        try {
            var value = parser.apply(text.strip());
            if (into != null) {
                into.add(value);
            }
            return value;
        } catch (InvalidInputException e) {
            return null;
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
