package dev.mailflow.history;

import java.net.InetAddress;
import java.net.UnknownHostException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Addresses stored as their bytes. Jackson's own form is the host name when the address has one
 * (an MX plan's addresses carry the MX host's name), and reading that back would resolve it in DNS:
 * a lookup, at a later time, with a possibly different answer. Bytes come back as they were.
 */
final class AddressJson {

    private AddressJson() {}

    static SimpleModule module() {
        return new SimpleModule("addresses")
                .addSerializer(InetAddress.class, new ValueSerializer<>() {
                    @Override
                    public void serialize(InetAddress value, JsonGenerator generator, SerializationContext context) {
                        generator.writeBinary(value.getAddress());
                    }
                })
                .addDeserializer(InetAddress.class, new ValueDeserializer<>() {
                    @Override
                    public InetAddress deserialize(JsonParser parser, DeserializationContext context) {
                        try {
                            return InetAddress.getByAddress(parser.getBinaryValue());
                        } catch (UnknownHostException e) {
                            throw new IllegalArgumentException("a stored address is neither 4 nor 16 bytes", e);
                        }
                    }
                });
    }
}
