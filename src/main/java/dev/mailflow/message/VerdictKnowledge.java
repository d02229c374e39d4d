package dev.mailflow.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The verdict headers mailflow decodes, read once from {@value #FILE}. */
record VerdictKnowledge(List<HeaderText> headers) {

    static final String FILE = "knowledge/verdicts.yaml";

    enum Format {
        @JsonProperty("fields")
        FIELDS,
        @JsonProperty("value")
        VALUE,
        @JsonProperty("spamassassin")
        SPAMASSASSIN,
        @JsonProperty("pairs")
        PAIRS,
        @JsonProperty("compauth")
        COMPAUTH
    }

    /**
     * @param documented false for a header its vendor does not document
     * @param fields by name; a {@code value} header has one field called {@code value}
     */
    record HeaderText(
            String name,
            String vendor,
            String source,
            Boolean documented,
            Format format,
            Map<String, FieldText> fields) {

        HeaderText {
            fields = fields == null ? Map.of() : Map.copyOf(fields);
        }

        boolean isDocumented() {
            return documented == null || documented;
        }

        /** The field, its name matched without regard to case (Microsoft writes both {@code SFV} and {@code sfv}). */
        Optional<FieldText> field(String name) {
            return fields.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue)
                    .findFirst();
        }
    }

    /**
     * @param values meanings of single values; a key ending in {@code x} stands for any digit
     * @param junk values that mean spam or worse
     */
    record FieldText(String meaning, Map<String, String> values, List<String> junk) {

        FieldText {
            values = values == null ? Map.of() : Map.copyOf(values);
            junk = junk == null ? List.of() : List.copyOf(junk);
        }

        String meaningOf(String value) {
            String exact = values.get(value);
            if (exact == null) {
                exact = values.entrySet().stream()
                        .filter(e -> e.getKey().equalsIgnoreCase(value) || wildcard(e.getKey(), value))
                        .map(Map.Entry::getValue)
                        .findFirst()
                        .orElse(null);
            }
            return exact == null ? meaning : exact;
        }

        boolean junk(String value) {
            return junk.stream().anyMatch(j -> j.equalsIgnoreCase(value));
        }

        private static boolean wildcard(String key, String value) {
            if (!key.endsWith("x") || key.length() != value.length()) {
                return false;
            }
            for (int i = 0; i < key.length(); i++) {
                char k = key.charAt(i);
                char v = value.charAt(i);
                if (k == 'x' ? !Character.isDigit(v) : k != v) {
                    return false;
                }
            }
            return true;
        }
    }

    VerdictKnowledge {
        headers = List.copyOf(headers);
    }

    Optional<HeaderText> header(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return headers.stream()
                .filter(h -> h.name().toLowerCase(Locale.ROOT).equals(lower))
                .findFirst();
    }

    // Strict: a misspelt key in the data file fails at load (and so in the consistency test).
    static VerdictKnowledge load() {
        var mapper = YAMLMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        try (InputStream in = VerdictKnowledge.class.getClassLoader().getResourceAsStream(FILE)) {
            if (in == null) {
                throw new IllegalStateException(FILE + " is missing");
            }
            return mapper.readValue(in, VerdictKnowledge.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
