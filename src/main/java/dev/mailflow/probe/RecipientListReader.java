package dev.mailflow.probe;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Reads {@code rcptTo} while parsing, keeping at most one address more than {@code
 * mailflow.probe.max-recipients} (enough for the validation to say there are too many) and skipping
 * the rest unread, so a request with 200,000 addresses costs no more than one with eleven. A null
 * or non-text element names its place ({@code rcptTo[3]}).
 */
public final class RecipientListReader extends ValueDeserializer<List<String>> {

    /** The read attribute that carries {@code mailflow.probe.max-recipients}; without it nothing is skipped. */
    public static final String LIMIT = "mailflow.probe.max-recipients";

    @Override
    public List<String> deserialize(JsonParser parser, DeserializationContext context) {
        if (!parser.isExpectedStartArrayToken()) {
            throw MismatchedInputException.from(parser, List.class, "a list of addresses");
        }
        int keep = context.getAttribute(LIMIT) instanceof Integer limit ? limit + 1 : Integer.MAX_VALUE;
        var addresses = new ArrayList<String>();
        int index = 0;
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (addresses.size() >= keep) {
                parser.skipChildren();
            } else if (token == JsonToken.VALUE_STRING) {
                addresses.add(parser.getString());
            } else {
                throw (MismatchedInputException)
                        MismatchedInputException.from(parser, String.class, "an address in quotes")
                                .prependPath(addresses, index);
            }
            index++;
        }
        return addresses;
    }
}
