package dev.mailflow.message;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * A DKIM signer for tests, written apart from the verifier (its own canonicalization, straight from
 * RFC 6376 §3.4.2 and §3.4.4), so a shared mistake cannot make both agree: relaxed/relaxed or
 * simple/simple, rsa-sha256 or ed25519-sha256.
 */
public final class TestSigner {

    final KeyPair keys;
    final String algorithm;
    final String domain;
    final String selector;

    private TestSigner(KeyPair keys, String algorithm, String domain, String selector) {
        this.keys = keys;
        this.algorithm = algorithm;
        this.domain = domain;
        this.selector = selector;
    }

    public static TestSigner rsa(int bits, String domain, String selector) throws Exception {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        return new TestSigner(generator.generateKeyPair(), "rsa-sha256", domain, selector);
    }

    public static TestSigner ed25519(String domain, String selector) throws Exception {
        return new TestSigner(
                KeyPairGenerator.getInstance("Ed25519").generateKeyPair(), "ed25519-sha256", domain, selector);
    }

    /** The key record's TXT data as zone-file strings of at most 250 characters. */
    public String zoneRecord(String extraTags) {
        byte[] encoded = keys.getPublic().getEncoded();
        // RFC 8463 §4.2: an Ed25519 p= is the bare 32-byte key, the last bytes of its SubjectPublicKeyInfo.
        byte[] p = algorithm.startsWith("ed25519")
                ? Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length)
                : encoded;
        String record = "v=DKIM1; k=" + (algorithm.startsWith("rsa") ? "rsa" : "ed25519") + "; " + extraTags + "p="
                + Base64.getEncoder().encodeToString(p);
        var strings = new ArrayList<String>();
        for (int i = 0; i < record.length(); i += 250) {
            strings.add("\"" + record.substring(i, Math.min(record.length(), i + 250)) + "\"");
        }
        return selector + "._domainkey IN TXT " + String.join(" ", strings);
    }

    /** The message with a DKIM-Signature prepended; {@code message} uses CRLF, headers and body. */
    public String sign(String message, boolean relaxed, String... signed) throws Exception {
        return signWith("", message, relaxed, signed);
    }

    /** As {@link #sign}, with more tags ({@code "x=1000000000; "}) in the signature. */
    String signWith(String extraTags, String message, boolean relaxed, String... signed) throws Exception {
        int split = message.indexOf("\r\n\r\n");
        String head = message.substring(0, split + 2);
        String body = message.substring(split + 4);
        byte[] bodyHash = MessageDigest.getInstance("SHA-256")
                .digest(canonicalBody(body, relaxed).getBytes(StandardCharsets.UTF_8));
        String tags = "v=1; a=" + algorithm + "; c=" + (relaxed ? "relaxed/relaxed" : "simple/simple") + "; d=" + domain
                + "; s=" + selector + "; t=1636362725; " + extraTags + "\r\n\th=" + String.join(":", signed)
                + ";\r\n\tbh="
                + Base64.getEncoder().encodeToString(bodyHash) + ";\r\n\tb=";
        String unsigned = "DKIM-Signature: " + tags;
        var data = new StringBuilder();
        List<String> fields = fields(head);
        var used = new boolean[fields.size()];
        for (String name : signed) {
            for (int i = fields.size() - 1; i >= 0; i--) {
                if (!used[i]
                        && fields.get(i).toLowerCase(Locale.ROOT).startsWith(name.toLowerCase(Locale.ROOT) + ":")) {
                    used[i] = true;
                    data.append(canonicalHeader(fields.get(i), relaxed)).append("\r\n");
                    break;
                }
            }
        }
        data.append(canonicalHeader(unsigned, relaxed));
        byte[] bytes = data.toString().getBytes(StandardCharsets.UTF_8);
        Signature signer;
        if (algorithm.startsWith("rsa")) {
            signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(keys.getPrivate());
            signer.update(bytes);
        } else {
            signer = Signature.getInstance("Ed25519");
            signer.initSign(keys.getPrivate());
            signer.update(MessageDigest.getInstance("SHA-256").digest(bytes));
        }
        String b = Base64.getEncoder().encodeToString(signer.sign());
        return unsigned + b + "\r\n" + message;
    }

    private static List<String> fields(String head) {
        var fields = new ArrayList<String>();
        for (String line : head.split("\r\n")) {
            if ((line.startsWith(" ") || line.startsWith("\t")) && !fields.isEmpty()) {
                fields.set(fields.size() - 1, fields.getLast() + "\r\n" + line);
            } else if (!line.isEmpty()) {
                fields.add(line);
            }
        }
        return fields;
    }

    private static String canonicalHeader(String field, boolean relaxed) {
        if (!relaxed) {
            return field;
        }
        String name = field.substring(0, field.indexOf(':')).trim().toLowerCase(Locale.ROOT);
        String value = field.substring(field.indexOf(':') + 1)
                .replace("\r\n", "")
                .replaceAll("[ \t]+", " ")
                .trim();
        return name + ":" + value;
    }

    private static String canonicalBody(String body, boolean relaxed) {
        String text = body;
        if (relaxed) {
            text = text.replaceAll("[ \t]+\r\n", "\r\n")
                    .replaceAll("[ \t]+", " ")
                    .replaceAll("[ \t]+$", "");
        }
        while (text.endsWith("\r\n\r\n")) {
            text = text.substring(0, text.length() - 2);
        }
        if (text.isEmpty()) {
            return relaxed ? "" : "\r\n";
        }
        return text.endsWith("\r\n") ? text : text + "\r\n";
    }
}
