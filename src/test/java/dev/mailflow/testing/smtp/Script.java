package dev.mailflow.testing.smtp;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * What a {@link ScriptedSmtpServer} says. Starts as a polite server that accepts everything; each
 * call replaces one step. Several actions for one verb are used in turn for its successive uses in a
 * connection, the last one repeating; e.g. {@code on("RCPT", reply("250 ok"), reply("550 5.1.1 no"))}.
 */
public final class Script {

    static final String NAME = "scripted.test";

    private Action banner = Action.reply("220 " + NAME + " ESMTP scripted");
    private Action afterData = Action.reply("250 2.0.0 Ok: queued");
    private Action unknown = Action.reply("500 5.5.2 Error: command not recognized");
    private final Map<String, List<Action>> replies = new HashMap<>();
    private final Map<InetAddress, Script> byClient = new HashMap<>();
    private SSLContext startTls;
    private SSLContext implicitTls;

    Script() {
        on(
                "EHLO",
                Action.reply(
                        "250-" + NAME,
                        "250-PIPELINING",
                        "250-SIZE 10240000",
                        "250-8BITMIME",
                        "250-DSN",
                        "250-SMTPUTF8",
                        "250 ENHANCEDSTATUSCODES"));
        on("HELO", "250 " + NAME);
        on("MAIL", "250 2.1.0 Ok");
        on("RCPT", "250 2.1.5 Ok");
        on("DATA", "354 End data with <CR><LF>.<CR><LF>");
        on("RSET", "250 2.0.0 Ok");
        on("NOOP", "250 2.0.0 Ok");
        on("QUIT", "221 2.0.0 Bye");
    }

    /** The greeting, as reply lines. */
    public Script banner(String... lines) {
        return banner(Action.reply(lines));
    }

    public Script banner(Action action) {
        banner = action;
        return this;
    }

    /**
     * Another script for connections from {@code client} (the default one changed by {@code
     * scripting}), e.g. a {@code 550 5.7.1} to MAIL for one sending address, as a receiver that
     * blocks that address answers.
     */
    public Script forClient(InetAddress client, java.util.function.UnaryOperator<Script> scripting) {
        byClient.put(client, scripting.apply(new Script()));
        return this;
    }

    /** The reply to a verb (EHLO, MAIL, RCPT, ...), as the lines of one reply. */
    public Script on(String verb, String... lines) {
        return on(verb, Action.reply(lines));
    }

    /** The actions for a verb's first, second, ... use in a connection; the last one repeats. */
    public Script on(String verb, Action... actions) {
        replies.put(verb.toUpperCase(Locale.ROOT), List.of(actions));
        return this;
    }

    /** The reply after the message's final ".". */
    public Script afterData(Action action) {
        afterData = action;
        return this;
    }

    /** The reply to verbs the script does not name. */
    public Script unknown(Action action) {
        unknown = action;
        return this;
    }

    /**
     * Accepts STARTTLS with this server context: advertises STARTTLS in the default EHLO reply before
     * TLS (not after, RFC 3207 §4.2) and answers 220 unless the script says otherwise.
     */
    public Script startTls(SSLContext context) {
        startTls = context;
        return this;
    }

    /** TLS from the first byte (port 465 style) with this server context. */
    public Script implicitTls(SSLContext context) {
        implicitTls = context;
        return this;
    }

    Action banner() {
        return banner;
    }

    /** The script for a connection from {@code client}. */
    Script of(InetAddress client) {
        return byClient.getOrDefault(client, this);
    }

    Action afterData() {
        return afterData;
    }

    Action reply(String verb, int use, boolean tlsActive) {
        var actions = replies.get(verb);
        if (actions == null && verb.equals("STARTTLS")) {
            return startTls != null
                    ? Action.reply("220 2.0.0 Ready to start TLS")
                    : Action.reply("454 4.7.0 TLS not available");
        }
        if (actions == null) {
            return unknown;
        }
        var action = actions.get(Math.min(use, actions.size() - 1));
        if (verb.equals("EHLO") && startTls != null && !tlsActive && action instanceof Action.Bytes b) {
            return advertiseStartTls(b);
        }
        return action;
    }

    SSLContext startTls() {
        return startTls;
    }

    SSLContext implicitTls() {
        return implicitTls;
    }

    private static Action advertiseStartTls(Action.Bytes ehlo) {
        String text = new String(ehlo.bytes(), StandardCharsets.UTF_8);
        if (!text.startsWith("250") || text.contains("STARTTLS") || !text.endsWith("\r\n")) {
            return ehlo;
        }
        var lines = new ArrayList<>(List.of(text.split("\r\n")));
        lines.add(1, "250 STARTTLS");
        var out = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String body = lines.get(i).length() > 4 ? lines.get(i).substring(4) : "";
            out.append("250")
                    .append(i == lines.size() - 1 ? ' ' : '-')
                    .append(body)
                    .append("\r\n");
        }
        return new Action.Bytes(out.toString().getBytes(StandardCharsets.UTF_8));
    }
}
