package dev.mailflow.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The findings file and the ids the analysis raises stay in step, and every entry reads right. */
class InboxFindingsTest {

    @Test
    void everyIdHasItsWordsAndTheFileHasNoOthers() throws Exception {
        var file = new Properties();
        try (var in = getClass().getResourceAsStream("/inbox/findings.properties")) {
            file.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        Set<String> ids = file.stringPropertyNames().stream()
                .map(k -> k.substring(0, k.lastIndexOf('.')))
                .collect(Collectors.toSet());
        assertThat(ids).isEqualTo(InboxFindings.IDS);
        for (String id : ids) {
            assertThat(file.getProperty(id + ".severity")).isIn("CRITICAL", "WARNING", "INFO", "OK");
            assertThat(file.getProperty(id + ".owner")).isIn("SENDER", "NOBODY");
        }
    }

    @Test
    void placeholdersAreFilledAndUnknownIdsRefused() {
        var findings = InboxFindings.load();
        var finding = findings.finding(
                "inbox.spf-softfail", Map.of("ip", "203.0.113.5", "domain", "contoso.com", "term", "~all"));
        assertThat(finding.text()).startsWith("SPF softfail: 203.0.113.5 is not in contoso.com's SPF (~all)");
        assertThat(finding.owner()).isEqualTo("SENDER");
        assertThat(findings.finding("inbox.spf-pass", Map.of()).text()).contains("?");
        assertThatThrownBy(() -> findings.finding("inbox.nope", Map.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
