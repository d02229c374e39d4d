package dev.mailflow.smtp;

import dev.mailflow.mail.InvalidInputException;
import java.util.Arrays;
import java.util.Objects;

/**
 * What a session may do beyond the {@link SessionPlan}: pipeline MAIL and RCPT, send a message,
 * authenticate. {@link #defaults()} pipelines when offered and sends no message.
 *
 * @param pipelining send MAIL and every RCPT in one write when the server advertises PIPELINING (RFC 2920)
 * @param data the message for DATA: headers and body, CRLF line ends only, already dot-stuffed,
 *     without the terminating {@code .CRLF}; null for none. Sent only when the plan's stop-point is DATA.
 * @param size the message size in octets for {@code SIZE=} (RFC 1870); 0 or less to leave it out
 * @param eightBit the message has 8-bit content and needs {@code BODY=8BITMIME} (RFC 6152)
 * @param envelopeId the DSN {@code ENVID} (RFC 3461 §4.4), printable ASCII; null for none
 * @param credentials for AUTH PLAIN or LOGIN after TLS; null for none
 * @param ret the DSN {@code RET} (RFC 3461 §4.3); null: {@code HDRS} when a message is sent, else none
 */
public record SessionOptions(
        boolean pipelining,
        byte[] data,
        long size,
        boolean eightBit,
        String envelopeId,
        Credentials credentials,
        Ret ret) {

    static final int MAX_ENVID = 100;

    public SessionOptions {
        data = data == null ? null : data.clone();
        if (envelopeId != null
                && (envelopeId.isEmpty()
                        || envelopeId.length() > MAX_ENVID
                        || !envelopeId.chars().allMatch(c -> c > 32 && c < 127))) {
            throw new InvalidInputException("the envelope id must be 1 to 100 printable ASCII characters");
        }
    }

    /** Options without a DSN {@code RET} choice. */
    public SessionOptions(
            boolean pipelining, byte[] data, long size, boolean eightBit, String envelopeId, Credentials credentials) {
        this(pipelining, data, size, eightBit, envelopeId, credentials, null);
    }

    public static SessionOptions defaults() {
        return new SessionOptions(true, null, 0, false, null, null, null);
    }

    public SessionOptions withPipelining(boolean on) {
        return new SessionOptions(on, data, size, eightBit, envelopeId, credentials, ret);
    }

    public SessionOptions withMessage(byte[] message, long messageSize, boolean message8Bit) {
        return new SessionOptions(pipelining, message, messageSize, message8Bit, envelopeId, credentials, ret);
    }

    public SessionOptions withEnvelopeId(String id) {
        return new SessionOptions(pipelining, data, size, eightBit, id, credentials, ret);
    }

    public SessionOptions withCredentials(Credentials login) {
        return new SessionOptions(pipelining, data, size, eightBit, envelopeId, login, ret);
    }

    public SessionOptions withRet(Ret returned) {
        return new SessionOptions(pipelining, data, size, eightBit, envelopeId, credentials, returned);
    }

    @Override
    public byte[] data() {
        return data == null ? null : data.clone();
    }

    boolean hasMessage() {
        return data != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionOptions other
                && pipelining == other.pipelining
                && Arrays.equals(data, other.data)
                && size == other.size
                && eightBit == other.eightBit
                && Objects.equals(envelopeId, other.envelopeId)
                && Objects.equals(credentials, other.credentials)
                && ret == other.ret;
    }

    @Override
    public int hashCode() {
        return Objects.hash(pipelining, Arrays.hashCode(data), size, eightBit, envelopeId, credentials, ret);
    }

    @Override
    public String toString() {
        return "SessionOptions[pipelining=" + pipelining + ", data=" + (data == null ? "none" : data.length + " bytes")
                + ", size=" + size + ", eightBit=" + eightBit + ", envelopeId=" + envelopeId + ", credentials="
                + credentials + ", ret=" + ret + "]";
    }

    /**
     * A user name and password for AUTH; the password never appears in {@link #toString()} or a
     * transcript.
     *
     * @param overUntrustedTls send them even when the server's certificate is not trusted or does not
     *     name the server (a lab server); the transcript and the diagnosis say so loudly
     */
    public record Credentials(String username, String password, boolean overUntrustedTls) {

        public Credentials(String username, String password) {
            this(username, password, false);
        }

        public Credentials {
            if (username == null || username.isEmpty() || password == null) {
                throw new InvalidInputException("AUTH needs a user name and a password");
            }
            // RFC 4616 §2: NUL separates the PLAIN fields, so neither may contain one.
            if ((username + password).chars().anyMatch(c -> c < 32 || c == 127)) {
                throw new InvalidInputException("the user name and password may not contain control characters");
            }
        }

        @Override
        public String toString() {
            return "Credentials[username=" + username + ", password=****, overUntrustedTls=" + overUntrustedTls + "]";
        }
    }
}
