package dev.mailflow.message;

import dev.mailflow.smtp.EnhancedStatus;
import dev.mailflow.smtp.SmtpReply;
import dev.mailflow.text.UntrustedText;
import java.util.regex.Pattern;

/**
 * The remote server's reply a bounce quotes for one recipient.
 *
 * @param code the basic code ({@code 550}), or null when the bounce gives none
 * @param enhanced the enhanced status ({@code 5.1.1}), or null
 * @param text the reply's text without its codes, one bounded line
 */
public record RemoteReply(Integer code, String enhanced, String text) {

    static final int MAX_TEXT = 1000;

    private static final Pattern BASIC = Pattern.compile("^([2-5]\\d\\d)(?:[ -]|$)");

    // Exchange 2003 and qmail put the enhanced status last: "<mx.example.org #5.1.1>", "(#5.1.1)".
    private static final Pattern TRAILING_ENHANCED =
            Pattern.compile("[(<][^()<>]{0,80}#([245]\\.\\d{1,3}\\.\\d{1,3})[)>]");

    // Exchange 2007/2010 wraps the remote reply: "<mx.example.org #5.0.0 smtp;550 5.1.1 User unknown>",
    // or "#< #5.1.1 smtp;550 5.1.1 ...> #SMTP#".
    private static final Pattern WRAPPED_SMTP =
            Pattern.compile("(?i)\\bsmtp;\\s{0,4}([2-5]\\d\\d[ -][^\\n]{0,2000}?)>?\\s?(?:#SMTP#)?$");

    // The words a bounce puts before the reply it quotes: "Remote host said: 550 ...".
    private static final Pattern LEAD_IN = Pattern.compile(
            "(?i)\\b(?:said|replied|returned|response|error|reason|reply)\\s?:\\s{0,4}['\"]?(?=[2-5]\\d\\d[ -])");

    private static final Pattern IN_REPLY_TO = Pattern.compile("(?i)\\s*\\(in reply to [a-z ]{1,40} command\\)");

    /**
     * Reads a reply as a bounce quotes it: {@code 550 5.1.1 text}, {@code 550-5.1.1 ...} lines,
     * the doubled code some MTAs write ({@code 554 554 5.7.1 ...}), Exchange's {@code #550 5.1.1
     * ... ##} and quotes ({@code '550 ...'}), qmail's trailing {@code (#5.1.1)}.
     */
    static RemoteReply parse(String quoted) {
        var rest =
                UntrustedText.shown(quoted == null ? "" : quoted, 4 * MAX_TEXT).strip();
        rest = unquoted(rest);
        if (rest.startsWith("<")) {
            var wrapped = WRAPPED_SMTP.matcher(rest);
            if (wrapped.find()) {
                return parse(wrapped.group(1));
            }
        }
        if (!BASIC.matcher(rest).find()) {
            var lead = LEAD_IN.matcher(rest);
            if (lead.find()) {
                rest = rest.substring(lead.end());
            }
        }
        Integer code = null;
        var m = BASIC.matcher(rest);
        if (m.find()) {
            code = Integer.parseInt(m.group(1));
            rest = rest.substring(m.end()).stripLeading();
            // The doubled code some gateways write ("554 554 5.7.1 ...").
            if (rest.startsWith(code + " ") || rest.startsWith(code + "-")) {
                rest = rest.substring(4).stripLeading();
            }
            // Each continuation line's own code ("550-5.7.26 ..."), inside the joined text.
            rest = rest.replaceAll("(?<=\\s)" + code + "[ -](?:[245]\\.\\d{1,3}\\.\\d{1,3}\\s)?", " ");
        }
        var enhanced = EnhancedStatus.leading(rest).orElse(null);
        if (enhanced != null) {
            rest = rest.substring(enhanced.toString().length()).stripLeading();
        } else {
            var trailing = TRAILING_ENHANCED.matcher(rest);
            if (trailing.find()) {
                enhanced = EnhancedStatus.parse(trailing.group(1)).orElse(null);
            }
        }
        rest = IN_REPLY_TO.matcher(rest).replaceAll("");
        if (rest.endsWith("##")) {
            rest = rest.substring(0, rest.length() - 2);
        }
        rest = unquoted(rest.strip().replaceAll("\\s+", " "));
        return new RemoteReply(
                code, enhanced == null ? null : enhanced.toString(), UntrustedText.shown(rest, MAX_TEXT));
    }

    /** The reply as one line, codes first, for the knowledge base's classifier. */
    public String line() {
        return SmtpReply.oneLine(code, enhanced, text);
    }

    /** Neither a code nor any text: nothing was quoted. */
    boolean nothing() {
        return code == null && enhanced == null && text.isBlank();
    }

    private static String unquoted(String text) {
        var t = text;
        if (t.startsWith("#")) {
            t = t.substring(1);
        }
        if (t.length() >= 2 && (t.charAt(0) == '\'' || t.charAt(0) == '"')) {
            t = t.substring(1);
        }
        if (t.endsWith("'") || t.endsWith("\"")) {
            t = t.substring(0, t.length() - 1);
        }
        return t.strip();
    }
}
