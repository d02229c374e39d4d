package dev.mailflow.message;

import dev.mailflow.dns.RecordLookup;
import dev.mailflow.message.DkimResult.Result;
import dev.mailflow.text.UntrustedText;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Verifies every {@code DKIM-Signature} of a message now, with the keys DNS serves now through
 * mailflow's own resolver (RFC 6376 §6.1): {@code rsa-sha256} and {@code ed25519-sha256} (RFC
 * 8463: Ed25519 over the SHA-256 of the signed data); {@code rsa-sha1} is refused as RFC 8301
 * requires, and so are RSA keys under 1024 bits.
 *
 * <p>Written here rather than taken from Apache James jDKIM: jDKIM 0.5 checks the body hash first
 * and cannot verify the header signature of a header-only paste, and it knows no Ed25519.
 *
 * <p>Bounded: at most {@value #MAX_SIGNATURES} signatures are checked, their keys asked for at once.
 */
public final class DkimVerifier {

    static final int MAX_SIGNATURES = 10;

    static final String HEADERS_ONLY = "headers only: body not checked";

    private static final MailReader READER = new MailReader();

    private final DkimKeyLookup keyLookup;
    private final Clock clock;

    public DkimVerifier(RecordLookup dns) {
        this(dns, Clock.systemUTC());
    }

    DkimVerifier(RecordLookup dns, Clock clock) {
        this.keyLookup = new DkimKeyLookup(dns);
        this.clock = clock;
    }

    /** Each signature of a message mailflow read; the body hash only when the body came along. */
    public List<DkimResult> verify(ReadMessage message) {
        return verify(message.headers(), HeaderAnalyzer.bodyOf(message, READER.limits()));
    }

    /** Each signature of a message's raw bytes (RFC 5322, as received over SMTP); none when they are no message. */
    public List<DkimResult> verify(byte[] rawMessage) {
        try {
            return verify(READER.readEml(rawMessage));
        } catch (UnreadableMessageException e) {
            return List.of();
        }
    }

    /**
     * Each signature's result, in the order of the header.
     *
     * @param body the message body as it came, or null when only the header is known
     */
    public List<DkimResult> verify(List<HeaderField> headers, byte[] body) {
        return verify(headers, body, HEADERS_ONLY);
    }

    /** As {@link #verify(List, byte[])}; {@code noBody} says why a null body is not there. */
    List<DkimResult> verify(List<HeaderField> headers, byte[] body, String noBody) {
        var signatures = headers.stream()
                .filter(h -> h.is("DKIM-Signature"))
                .map(DkimSignature::of)
                .toList();
        var keys = new ArrayList<CompletableFuture<DkimKeyLookup.KeyAnswer>>();
        for (int i = 0; i < signatures.size(); i++) {
            keys.add(
                    i < MAX_SIGNATURES ? keyLookup.lookUp(signatures.get(i)) : CompletableFuture.completedFuture(null));
        }
        var results = new ArrayList<DkimResult>();
        for (int i = 0; i < signatures.size(); i++) {
            var signature = signatures.get(i);
            results.add(
                    i < MAX_SIGNATURES
                            ? check(signature, keys.get(i).join(), headers, body, noBody)
                            : result(
                                    signature,
                                    Result.PERMERROR,
                                    "not checked: more than " + MAX_SIGNATURES + " signatures",
                                    null,
                                    false));
        }
        return List.copyOf(results);
    }

    private DkimResult check(
            DkimSignature signature,
            DkimKeyLookup.KeyAnswer answer,
            List<HeaderField> headers,
            byte[] body,
            String noBody) {
        if (signature.problem() != null) {
            return result(signature, Result.PERMERROR, signature.problem(), null, false);
        }
        if (!signature.algorithm().equals("rsa-sha256")
                && !signature.algorithm().equals("ed25519-sha256")) {
            String why = signature.algorithm().equals("rsa-sha1")
                    ? "rsa-sha1 is no longer accepted (RFC 8301)"
                    : "unknown algorithm a=" + shown(signature.algorithm());
            return result(signature, Result.PERMERROR, why, null, false);
        }
        if (answer.key() == null) {
            return result(signature, answer.failure(), answer.detail(), null, false);
        }
        DkimKey key = answer.key();
        String keyProblem = keyProblem(signature, key);
        if (keyProblem != null) {
            return result(signature, Result.PERMERROR, keyProblem, key, false);
        }
        if (signature.expires() != null && signature.expires().isBefore(clock.instant())) {
            return result(
                    signature,
                    Result.PERMERROR,
                    "the signature expired at " + signature.expires() + " (x=)",
                    key,
                    false);
        }
        boolean bodyChecked = body != null;
        if (bodyChecked) {
            byte[] canonical = DkimCanonical.body(body, signature.relaxedBody());
            if (signature.bodyLength() != null) {
                if (signature.bodyLength() > canonical.length) {
                    return result(
                            signature, Result.FAIL, "the body is shorter than l=" + signature.bodyLength(), key, true);
                }
                canonical = Arrays.copyOf(canonical, signature.bodyLength().intValue());
            }
            if (!MessageDigest.isEqual(sha256(canonical), signature.bodyHash())) {
                return result(
                        signature, Result.FAIL, "body hash mismatch: the body was changed after signing", key, true);
            }
        }
        if (!signatureMatches(signature, key, DkimCanonical.signedHeaders(signature, headers))) {
            return result(
                    signature,
                    Result.FAIL,
                    "signature mismatch: a signed header field was changed after signing",
                    key,
                    bodyChecked);
        }
        var notes = new ArrayList<String>();
        if (!bodyChecked) {
            notes.add(noBody);
        }
        if (signature.bodyLength() != null) {
            notes.add("only the first " + signature.bodyLength() + " bytes of the body are signed (l=)");
        }
        if (key.testing()) {
            notes.add("the key is in testing mode (t=y)");
        }
        return result(
                signature,
                Result.PASS,
                notes.isEmpty() ? "signature verified" : String.join("; ", notes),
                key,
                bodyChecked);
    }

    private static String keyProblem(DkimSignature signature, DkimKey key) {
        if (key.problem() != null) {
            return key.problem();
        }
        String expected = signature.algorithm().startsWith("rsa") ? "rsa" : "ed25519";
        if (!key.type().equals(expected)) {
            return "the key is " + key.type() + " but a= is " + signature.algorithm();
        }
        if (!key.hashes().isEmpty() && !key.hashes().contains("sha256")) {
            return "the key does not allow sha256 (h=" + String.join(":", key.hashes()) + ")";
        }
        if (key.type().equals("rsa") && key.bits() < 1024) {
            return "the RSA key has " + key.bits() + " bits; fewer than 1024 are not accepted (RFC 8301)";
        }
        if (key.strict() && !signature.identityDomain().equals(signature.domain())) {
            return "the key says t=s but i= is a subdomain of d=";
        }
        return null;
    }

    private static boolean signatureMatches(DkimSignature signature, DkimKey key, byte[] data) {
        try {
            Signature verifier;
            byte[] signed;
            if (key.type().equals("rsa")) {
                verifier = Signature.getInstance("SHA256withRSA");
                signed = data;
            } else {
                verifier = Signature.getInstance("Ed25519");
                signed = sha256(data);
            }
            verifier.initVerify(key.publicKey());
            verifier.update(signed);
            return verifier.verify(signature.signature());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no SHA-256", e);
        }
    }

    private static DkimResult result(DkimSignature s, Result result, String reason, DkimKey key, boolean bodyChecked) {
        return new DkimResult(
                shown(s.domain()),
                shown(s.selector()),
                shown(s.algorithm()),
                result,
                reason,
                key,
                s.identity(),
                bodyChecked);
    }

    private static String shown(String text) {
        return text == null ? null : UntrustedText.shown(text, 255);
    }
}
