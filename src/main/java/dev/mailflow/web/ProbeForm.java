package dev.mailflow.web;

import dev.mailflow.probe.FieldProblem;
import dev.mailflow.probe.InvalidProbeException;
import dev.mailflow.probe.ProbeRequest;
import dev.mailflow.smtp.Notify;
import dev.mailflow.smtp.Phase;
import dev.mailflow.smtp.Ret;
import dev.mailflow.smtp.TlsMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The dashboard form as posted; every field is text so that nothing fails in binding and every
 * problem can be shown next to its field.
 *
 * @param rcptTo recipient addresses separated by commas, semicolons, spaces or line breaks, or one
 *     domain alone
 * @param mailFrom empty: the configured default sender; {@code <>}: the null sender
 * @param dsnNotify the JSON field {@code notify} (a record component cannot be named so)
 * @param allMx a checkbox: absent when unchecked
 * @param noPipelining a checkbox that turns PIPELINING off (so that its absence means the default)
 * @param ret the DSN RET: empty, {@code FULL} or {@code HDRS}
 * @param authPassword never shown again: the form comes back without it
 * @param vantages checkboxes, one per live vantage: none checked runs it here
 */
record ProbeForm(
        String rcptTo,
        String mailFrom,
        String ehlo,
        String host,
        String port,
        String tls,
        String quitAfter,
        List<String> dsnNotify,
        Boolean allMx,
        Boolean noPipelining,
        String ret,
        String envid,
        String authUsername,
        String authPassword,
        List<String> vantages) {

    ProbeForm {
        dsnNotify = dsnNotify == null ? List.of() : List.copyOf(dsnNotify);
        vantages = vantages == null ? List.of() : List.copyOf(vantages);
    }

    /** The form as first shown: STARTTLS when offered, stop after RCPT, every MX host. */
    static ProbeForm blank() {
        return to("", "");
    }

    /** The first form's choices with a recipient and a sender filled in (a test asked from another page). */
    static ProbeForm to(String rcpt, String from) {
        return new ProbeForm(
                rcpt, from, "", "", "", "OPPORTUNISTIC", "RCPT", List.of(), true, null, null, null, null, null, null);
    }

    @Override
    public String toString() {
        return "ProbeForm[rcptTo=" + rcptTo + ", host=" + host + ", port=" + port + ", authUsername=" + authUsername
                + ", authPassword=" + (authPassword == null || authPassword.isEmpty() ? "none" : "****") + "]";
    }

    /**
     * The request this form asks for.
     *
     * @throws InvalidProbeException naming the JSON contract's fields (e.g. {@code port})
     */
    ProbeRequest toRequest() {
        var problems = new ArrayList<FieldProblem>();
        var request = read(problems);
        if (!problems.isEmpty()) {
            throw new InvalidProbeException(problems);
        }
        return request;
    }

    /**
     * What cannot even be put into a request (a port that is no number, a choice not offered, a word
     * among the recipients that is no address); the request without those is still checked by the
     * service, so that every problem is shown at once.
     */
    List<FieldProblem> problems() {
        var problems = new ArrayList<FieldProblem>();
        read(problems);
        return problems;
    }

    /** The request with every field that can be read; what cannot be read is left out and named. */
    ProbeRequest request() {
        return read(new ArrayList<>());
    }

    private ProbeRequest read(List<FieldProblem> problems) {
        var domain = (String) null;
        var recipients = new ArrayList<String>();
        var tokens = words(rcptTo);
        for (var token : tokens) {
            if (token.contains("@")) {
                recipients.add(token);
            } else if (tokens.size() == 1) {
                domain = token;
            } else {
                // One run tests one thing: a domain alone, or addresses; "RSET" on its own line is neither.
                problems.add(new FieldProblem(
                        "rcptTo", "'" + token + "' is not an address; give recipient addresses, or one domain alone."));
            }
        }
        if (tokens.isEmpty()) {
            problems.add(new FieldProblem("rcptTo", "Give a recipient address or a domain."));
        }
        return new ProbeRequest(
                domain,
                sender(mailFrom),
                recipients,
                blankToNull(host),
                port(problems),
                blankToNull(ehlo),
                choice(TlsMode.class, "tls", tls, problems),
                notifies(problems),
                choice(Phase.class, "quitAfter", quitAfter, problems),
                Boolean.TRUE.equals(allMx),
                null,
                Boolean.TRUE.equals(noPipelining) ? Boolean.FALSE : null,
                choice(Ret.class, "ret", ret, problems),
                blankToNull(envid),
                auth(),
                vantages);
    }

    /** Credentials when either field is filled in; the validation names what is missing. */
    private ProbeRequest.Auth auth() {
        var username = blankToNull(authUsername);
        var password = authPassword == null || authPassword.isEmpty() ? null : authPassword;
        return username == null && password == null ? null : new ProbeRequest.Auth(username, password);
    }

    /** Commas, semicolons, spaces and line breaks (CR, LF, U+2028, U+2029) all separate, alike. */
    private static List<String> words(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.strip().split("[,;\\s\\u2028\\u2029]+"))
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /** {@code <>} asks for the null reverse-path (RFC 5321 §4.5.5), as bounces use. */
    private static String sender(String text) {
        var value = blankToNull(text);
        return "<>".equals(value) ? "" : value;
    }

    private Integer port(List<FieldProblem> problems) {
        var value = blankToNull(port);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            problems.add(new FieldProblem("port", "The port is a number from 1 to 65535."));
            return null;
        }
    }

    private List<Notify> notifies(List<FieldProblem> problems) {
        var values = new ArrayList<Notify>();
        for (var value : dsnNotify) {
            var parsed = choice(Notify.class, "notify", value, problems);
            if (parsed != null) {
                values.add(parsed);
            }
        }
        return values;
    }

    private static <E extends Enum<E>> E choice(
            Class<E> type, String field, String value, List<FieldProblem> problems) {
        var text = blankToNull(value);
        if (text == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem(field, "Pick one of the listed values."));
            return null;
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
