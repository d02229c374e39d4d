package dev.mailflow.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import dev.mailflow.diagnosis.CodeEntry;
import dev.mailflow.diagnosis.Evidence;
import dev.mailflow.diagnosis.Finding;
import dev.mailflow.diagnosis.Owner;
import dev.mailflow.diagnosis.Severity;
import dev.mailflow.probe.TestRuns;
import dev.mailflow.smtp.Phase;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The pages' shared markup has one home each: every page comes from the layout in
 * {@code fragments/page.html}, and who must act, the likely causes and what to do come from
 * {@code fragments/advice.html} at the heading level of the place that shows them.
 */
@WebSliceTest
class PageTemplatesTest extends WebSlice {

    static final CodeEntry OWNED = code("550", Owner.RECIPIENT_ADMIN, List.of("No such mailbox"), List.of("Check it"));
    static final CodeEntry BARE = code("251", null, List.of(), List.of());

    @Autowired
    ITemplateEngine engine;

    static CodeEntry code(String key, Owner owner, List<String> causes, List<String> fixes) {
        return new CodeEntry(
                key,
                CodeEntry.Kind.BASIC,
                null,
                null,
                "Title of " + key,
                "What " + key + " means.",
                causes,
                fixes,
                owner,
                CodeEntry.Nature.PERMANENT,
                List.of(),
                List.of(),
                null,
                null);
    }

    @BeforeEach
    void codes() {
        when(knowledge.entries()).thenReturn(List.of(OWNED, BARE));
        when(knowledge.lookup(anyString())).thenReturn(Optional.empty());
        when(knowledge.lookup("550")).thenReturn(Optional.of(OWNED));
        when(knowledge.lookup("251")).thenReturn(Optional.of(BARE));
    }

    @Test
    void everyPageStatesItsTitleAndContentAndLeavesTheRestToTheLayout() throws Exception {
        var pages = new PathMatchingResourcePatternResolver().getResources("classpath:templates/**/*.html");
        var checked = 0;
        for (var page : pages) {
            var path = page.getURL().getPath();
            if (path.contains("/templates/fragments/")) {
                continue;
            }
            var html = page.getContentAsString(StandardCharsets.UTF_8);
            assertThat(html)
                    .as(path)
                    .startsWith("<!DOCTYPE html>")
                    .containsPattern("th:replace=\"~\\{fragments/page :: (page|layout)\\(")
                    .doesNotContain("<body", "<main", "fragments/layout :: head(");
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(14);
    }

    @Test
    void aCodesPageHasTheLayoutOnceAndItsAdviceUnderTheEntrysHeading() throws Exception {
        var html = MvcPages.ok(mvc, get("/codes/550"));

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<title>550 Title of 550 · mailflow</title>");
        assertThat(count(html, "<main class=\"page\">")).isOne();
        assertThat(count(html, "<header class=\"top\">")).isOne();
        assertThat(count(html, "<nav aria-label=\"Main\">")).isOne();
        assertThat(html)
                .contains("<p class=\"owner\">Who must act: <strong>recipient admin</strong></p>")
                .containsSubsequence(
                        "<h3>", "Title of 550", "</h3>", "<h4>Likely causes</h4>", "<li>No such mailbox</li>")
                .containsSubsequence("<h4>What to do</h4>", "<li>Check it</li>");
    }

    @Test
    void aCodeWithNoOwnerCausesOrFixesLeavesTheirHeadingsOut() throws Exception {
        var html = MvcPages.ok(mvc, get("/codes/251"));

        assertThat(html).contains("Title of 251").doesNotContain("Who must act", "Likely causes", "What to do");
    }

    @Test
    void theRunPageHasItsSkipLinkBeforeTheHeaderAndEachPartOnce() throws Exception {
        given(TestRuns.rejectedRcpt("r1", "ok"));

        var html = MvcPages.ok(mvc, get("/probes/r1"));

        assertThat(html)
                .containsSubsequence(
                        "<body>",
                        "<a class=\"skip\" href=\"#verdict-title\">",
                        "<header class=\"top\">",
                        "<main class=\"page\">");
        assertThat(count(html, "<main class=\"page\">")).isOne();
        assertThat(count(html, "id=\"verdict-title\"")).isOne();
        assertThat(count(html, "id=\"vantage-columns\"")).isOne();
    }

    @Test
    void aFindingHasItsAdviceUnderH5BelowItsOwnH4() {
        var html = finding(Severity.WARNING, Owner.RECIPIENT_ADMIN);

        assertThat(html)
                .containsSubsequence("<h4>", "A finding", "</h4>", "<p class=\"owner\">Who must act: <strong>")
                .containsSubsequence(
                        "<h5>Likely causes</h5>", "<li>A cause</li>", "<h5>What to do</h5>", "<li>A fix</li>")
                .doesNotContain("<h4>Likely causes", "<h4>What to do");
    }

    @Test
    void aPositiveFindingNamesNobodyAndNoFix() {
        var html = finding(Severity.OK, Owner.RECIPIENT_ADMIN);

        assertThat(html).contains("A finding").doesNotContain("Who must act", "Likely causes", "What to do");
    }

    @Test
    void aFindingWithoutOwnerStillSaysWhatToDo() {
        var html = finding(Severity.CRITICAL, null);

        assertThat(html).doesNotContain("Who must act").contains("<h5>Likely causes</h5>", "<h5>What to do</h5>");
    }

    private String finding(Severity severity, Owner owner) {
        var finding = new Finding(
                severity,
                "test.finding",
                "A finding",
                List.of("A cause"),
                List.of("A fix"),
                owner,
                new Evidence("mx.example.com", Phase.RCPT, "550 no"),
                List.of(),
                null);
        var context = new Context(Locale.ROOT);
        context.setVariable("f", FindingView.of(finding, null));
        return engine.process("fragments/run", Set.of("finding"), context);
    }

    private static int count(String html, String part) {
        return html.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }
}
