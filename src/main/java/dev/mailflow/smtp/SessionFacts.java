package dev.mailflow.smtp;

import dev.mailflow.text.AddressText;
import java.net.Inet6Address;
import java.net.InetAddress;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * One session of a run: where it went and, once over, how it ended. The one session type: the run
 * keeps it, the diagnosis reads it, the views and the store show it.
 *
 * @param key {@code host/address:port}, the {@code session} of its events
 * @param address the address connected to; in JSON as written ({@code 2001:db8::25})
 * @param preference the MX preference of the host (0 for an explicit host)
 * @param result null while the session runs
 */
public record SessionFacts(
        String key,
        String host,

        @JsonSerialize(using = AsText.class) @JsonDeserialize(using = FromText.class)
        InetAddress address,

        int port,
        int preference,
        SessionResult result) {

    public static String key(String host, InetAddress address, int port) {
        return host + "/" + AddressText.of(address) + ":" + port;
    }

    /** The address as people write it (IPv6 in its short form). */
    public String addressText() {
        return AddressText.of(address);
    }

    /** 4 or 6: the IP version the session went over, from the address itself. */
    public int ipVersion() {
        return address instanceof Inet6Address ? 6 : 4;
    }

    /** The same session, over. */
    public SessionFacts ended(SessionResult value) {
        return new SessionFacts(key, host, address, port, preference, value);
    }

    static final class AsText extends ValueSerializer<InetAddress> {
        @Override
        public void serialize(InetAddress value, JsonGenerator generator, SerializationContext context) {
            generator.writeString(AddressText.of(value));
        }
    }

    static final class FromText extends ValueDeserializer<InetAddress> {
        @Override
        public InetAddress deserialize(JsonParser parser, DeserializationContext context) {
            try {
                // dnsjava reads the literal as it is written; it never looks a name up.
                return org.xbill.DNS.Address.getByAddress(parser.getString());
            } catch (java.net.UnknownHostException e) {
                throw new IllegalArgumentException("a stored session address is not an IP literal", e);
            }
        }
    }
}
