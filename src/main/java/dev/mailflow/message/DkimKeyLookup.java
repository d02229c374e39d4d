package dev.mailflow.message;

import dev.mailflow.dns.Answer;
import dev.mailflow.dns.RecordLookup;
import dev.mailflow.message.DkimResult.Result;
import dev.mailflow.text.UntrustedText;
import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.Name;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The key of a DKIM signature, asked of DNS at {@code s._domainkey.d} (RFC 6376 §3.6.2.2: TXT, the
 * record's strings joined). A lookup that fails is a TEMPERROR, a name without a key a PERMERROR.
 */
final class DkimKeyLookup {

    private final RecordLookup dns;

    DkimKeyLookup(RecordLookup dns) {
        this.dns = dns;
    }

    /** The key, or why there is none; null for a signature that is unusable anyway. */
    record KeyAnswer(DkimKey key, Result failure, String detail) {}

    CompletableFuture<KeyAnswer> lookUp(DkimSignature signature) {
        if (signature.problem() != null) {
            return CompletableFuture.completedFuture(null);
        }
        String at = signature.selector() + "._domainkey." + signature.domain();
        Name name;
        try {
            name = Name.fromString(at.endsWith(".") ? at : at + ".");
        } catch (TextParseException e) {
            return CompletableFuture.completedFuture(
                    new KeyAnswer(null, Result.PERMERROR, "s= and d= make no DNS name: " + shown(at)));
        }
        return dns.ask(name, Type.TXT).thenApply(answer -> key(answer, at));
    }

    private static KeyAnswer key(Answer answer, String at) {
        if (answer.failed()) {
            return new KeyAnswer(null, Result.TEMPERROR, "the key could not be fetched: " + answer.detail());
        }
        var texts = answer.records().stream()
                .filter(TXTRecord.class::isInstance)
                .map(r -> String.join("", ((TXTRecord) r).getStrings()))
                .toList();
        if (texts.isEmpty()) {
            return new KeyAnswer(null, Result.PERMERROR, "key not found: no TXT record at " + shown(at));
        }
        return new KeyAnswer(DkimKey.parse(texts.getFirst()), null, null);
    }

    private static String shown(String text) {
        return UntrustedText.shown(text, 255);
    }
}
