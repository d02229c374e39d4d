package dev.mailflow.web;

import dev.mailflow.probe.ProbeRequest;
import dev.mailflow.probe.RecipientListReader;
import dev.mailflow.text.UntrustedText;
import org.springframework.core.ResolvableType;
import org.springframework.http.MediaType;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import tools.jackson.core.SerializableString;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * The JSON of the API. A probe request is read strictly: an unknown field (a typo such as {@code
 * quitafter}), a key given twice, a number with a fraction or in quotes, text where a number or
 * flag belongs, all fail with the field named instead of being guessed at. Every JSON answer
 * escapes the characters {@link UntrustedText} hides (bidi controls, U+2028, U+2029...) as {@code
 * \\uXXXX}, as JSON escapes a CR: a viewer that breaks lines at U+2028 or obeys U+202E cannot be
 * tricked by a server's reply.
 */
final class JsonConverter extends JacksonJsonHttpMessageConverter {

    private static final HiddenEscapes ESCAPES = new HiddenEscapes();

    private final JsonMapper strict;
    private final int maxRecipients;

    JsonConverter(JsonMapper mapper, int maxRecipients) {
        // The builder constructor adds Spring's ProblemDetail mix-in, as Boot's own converter has it.
        super(mapper.rebuild());
        this.maxRecipients = maxRecipients;
        this.strict = mapper.rebuild()
                .enable(
                        DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .withCoercionConfig(
                        LogicalType.Textual,
                        text -> text.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .build();
    }

    /** Text (the HTML stream's rendered fragments) is the string converter's to write, as without this one. */
    @Override
    public boolean canWrite(ResolvableType type, Class<?> valueClass, MediaType mediaType) {
        return !CharSequence.class.isAssignableFrom(valueClass) && super.canWrite(type, valueClass, mediaType);
    }

    @Override
    protected ObjectReader customizeReader(ObjectReader reader, JavaType type) {
        if (type.getRawClass() == ProbeRequest.class) {
            return strict.readerFor(type).withAttribute(RecipientListReader.LIMIT, maxRecipients);
        }
        return reader;
    }

    @Override
    protected ObjectWriter customizeWriter(ObjectWriter writer, JavaType type, MediaType contentType) {
        return writer.with(ESCAPES);
    }

    private static final class HiddenEscapes extends CharacterEscapes {

        private final int[] ascii = standardAsciiEscapesForJSON();

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int c) {
            return UntrustedText.hidden(c) ? new SerializedString(String.format("\\u%04x", c)) : null;
        }
    }
}
