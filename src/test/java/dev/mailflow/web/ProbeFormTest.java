package dev.mailflow.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailflow.probe.FieldProblem;
import dev.mailflow.probe.InvalidProbeException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProbeFormTest {

    static ProbeForm form(String rcptTo, String port, String tls) {
        return new ProbeForm(
                rcptTo, " ", "", " ", port, tls, "RCPT", List.of(), null, null, null, null, null, null, null);
    }

    @Test
    void aWordWithoutAtIsTheDomain() {
        var request = form("  example.com ", "", "").toRequest();

        assertThat(request.domain()).isEqualTo("example.com");
        assertThat(request.rcptTo()).isEmpty();
        assertThat(request.mailFrom()).isNull();
        assertThat(request.host()).isNull();
        assertThat(request.tls()).isNull();
        assertThat(request.allMx()).isFalse();
    }

    @Test
    void recipientsAreSplitOnCommasAndSpaces() {
        var request = form("a@example.com,b@example.com  c@example.org", "25", "implicit")
                .toRequest();

        assertThat(request.rcptTo()).containsExactly("a@example.com", "b@example.com", "c@example.org");
        assertThat(request.port()).isEqualTo(25);
        assertThat(request.tls()).hasToString("IMPLICIT");
    }

    @Test
    void everyBadFieldIsNamed() {
        assertThatThrownBy(() -> form("", "x", "SOMETIMES").toRequest())
                .isInstanceOfSatisfying(
                        InvalidProbeException.class,
                        e -> assertThat(e.problems())
                                .extracting(FieldProblem::field)
                                .containsExactly("rcptTo", "port", "tls"));
    }

    @Test
    void formErrorsLandOnTheFieldThatShowsThem() {
        var errors = FormErrors.of(List.of(
                new FieldProblem("rcptTo[2]", "bad"),
                new FieldProblem("domain", "no such domain"),
                new FieldProblem("message.subject", "too long")));

        assertThat(errors.messages("rcptTo")).containsExactly("bad", "no such domain");
        assertThat(errors.messages("form")).containsExactly("too long");
    }
}
