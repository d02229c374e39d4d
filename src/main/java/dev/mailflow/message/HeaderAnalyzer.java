package dev.mailflow.message;

import dev.mailflow.dns.RecordLookup;
import dev.mailflow.text.UntrustedText;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The header analyzer: from a message {@link MailReader} read (pasted, {@code .eml}, {@code .msg})
 * to a {@link HeaderReport}.
 *
 * <ol>
 *   <li>the Received headers into hops, oldest first, with delays ({@link HopChain})
 *   <li>the authentication the servers reported ({@link AuthResultsReader})
 *   <li>every DKIM signature verified now, the body hash only when the body came along ({@link
 *       DkimVerifier})
 *   <li>DMARC recomputed from what passed ({@link DmarcAlignment})
 *   <li>the verdict headers decoded from the knowledge file ({@link VerdictDecoder})
 *   <li>the findings ({@link HeaderFindings})
 * </ol>
 *
 * Thread-safe; the DNS questions go through the resolver it was given.
 */
public final class HeaderAnalyzer {

    private final DkimVerifier dkim;
    private final DmarcAlignment dmarc;
    private final VerdictDecoder verdicts;
    private final MessageLimits limits;

    /** @param limits the limits the messages were read with: a body cut at them is not hashed */
    public HeaderAnalyzer(RecordLookup dns, MessageLimits limits) {
        this.limits = limits;
        this.dkim = new DkimVerifier(dns);
        this.dmarc = new DmarcAlignment(dns);
        this.verdicts = new VerdictDecoder(VerdictKnowledge.load());
    }

    public HeaderReport analyze(ReadMessage message) {
        return analyze(message, AuthResultsReader.read(message.headers()), null);
    }

    /**
     * A message as its receiving server sees it (the test mailbox): DMARC from the DKIM signatures
     * verified now and the SPF result this server evaluated itself, {@code spf}; never from an
     * SPF result the message claims in its own headers (anyone can write those).
     */
    public HeaderReport analyzeReceived(ReadMessage message, AuthResult spf) {
        return analyze(message, List.of(spf), spf);
    }

    private HeaderReport analyze(ReadMessage message, List<AuthResult> spfForDmarc, AuthResult ours) {
        var headers = message.headers();
        var chain = HopChain.of(headers);
        var reported = AuthResultsReader.read(headers);
        byte[] body = bodyOf(message, limits);
        var signatures = dkim.verify(
                headers,
                body,
                cut(message, limits)
                        ? "body cut at " + limits.maxDecodedBytes() + " bytes when read: body not checked"
                        : DkimVerifier.HEADERS_ONLY);
        var authentication = new ArrayList<>(reported);
        if (ours != null) {
            authentication.add(ours);
        }
        dmarc.recompute(fromDomain(message.header("From")), signatures, spfForDmarc)
                .ifPresent(authentication::add);
        var decoded = verdicts.decode(headers);
        var notes = new ArrayList<>(message.flaws());
        if (!signatures.isEmpty() && body == null) {
            notes.add(
                    cut(message, limits)
                            ? "the body is longer than " + limits.maxDecodedBytes()
                                    + " bytes and was cut: DKIM body hashes not checked"
                            : "headers only: DKIM body hashes not checked");
        }
        return new HeaderReport(
                chain.hops(),
                chain.totalSeconds(),
                authentication,
                signatures,
                decoded,
                HeaderFindings.of(chain, authentication, signatures, decoded),
                body != null,
                shown(message.header("From")),
                shown(message.header("Subject")),
                notes,
                chain.positiveSeconds());
    }

    /**
     * The body as it came, when there is one: a header block or a {@code .msg} has none to check, and
     * a body the reader cut at its limit would fail every body hash.
     */
    static byte[] bodyOf(ReadMessage message, MessageLimits limits) {
        if (message.shape() != ReadMessage.Shape.MESSAGE
                || message.source() == ReadMessage.Source.MSG
                || cut(message, limits)) {
            return null;
        }
        return message.rawBody();
    }

    /** MailReader keeps at most {@code maxDecodedBytes} of the raw body. */
    private static boolean cut(ReadMessage message, MessageLimits limits) {
        return message.rawBody().length >= limits.maxDecodedBytes();
    }

    /** The domain of the From header's (first) address, or null. */
    static String fromDomain(String from) {
        if (from == null) {
            return null;
        }
        try {
            var addresses = InternetAddress.parseHeader(from, false);
            if (addresses.length == 0 || addresses[0].getAddress() == null) {
                return null;
            }
            String address = addresses[0].getAddress();
            int at = address.lastIndexOf('@');
            return at < 0 ? null : address.substring(at + 1).toLowerCase(Locale.ROOT);
        } catch (AddressException e) {
            return null;
        }
    }

    private static String shown(String text) {
        return text == null ? null : UntrustedText.shown(text, 300);
    }

    /** For readers with only the header fields (the test mailbox's stored copy). */
    public HeaderReport analyze(List<HeaderField> headers) {
        return analyze(new ReadMessage(
                ReadMessage.Source.PASTED,
                ReadMessage.Shape.HEADERS_ONLY,
                headers,
                List.of(),
                new byte[0],
                List.of(),
                null));
    }
}
