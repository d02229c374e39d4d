package dev.mailflow.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailflow.smtp.Phase;
import dev.mailflow.smtp.Ret;
import dev.mailflow.smtp.TlsMode;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The request options pipelining, RET, ENVID and AUTH: defaults, validation, and the password kept out. */
class ProbeOptionsTest {

    static final String PASSWORD = "Sup3r-s3cret-pw";

    private final ProbeValidation validation = TestRuns.VALIDATION;

    private final JsonMapper json = JsonMapper.builder().build();

    static ProbeRequest request(TlsMode tls, Boolean pipelining, Ret ret, String envid, ProbeRequest.Auth auth) {
        return ProbeRequests.request(r -> {
            r.mailFrom = "helpdesk@contoso.test";
            r.rcptTo = List.of("kate@example.test");
            r.port = 587;
            r.tls = tls;
            r.quitAfter = Phase.RCPT;
            r.pipelining = pipelining;
            r.ret = ret;
            r.envid = envid;
            r.auth = auth;
        });
    }

    @Test
    void pipeliningIsOnUnlessTurnedOff() {
        assertThat(validation.validate(request(null, null, null, null, null)).pipelining())
                .isTrue();
        assertThat(validation.validate(request(null, false, null, null, null)).pipelining())
                .isFalse();
    }

    @Test
    void retAndEnvidPassThroughAndABadEnvidIsNamed() {
        var probe = validation.validate(request(null, null, Ret.FULL, "ticket-4711", null));
        assertThat(probe.ret()).isEqualTo(Ret.FULL);
        assertThat(probe.envid()).isEqualTo("ticket-4711");

        assertThatThrownBy(() -> validation.validate(request(null, null, null, "two words", null)))
                .isInstanceOfSatisfying(
                        InvalidProbeException.class,
                        e -> assertThat(e.problems())
                                .extracting(FieldProblem::field)
                                .containsExactly("envid"));
    }

    @Test
    void credentialsNeedTlsThatCannotBeSkipped() {
        var auth = new ProbeRequest.Auth("kate", PASSWORD);
        for (var tls : new TlsMode[] {null, TlsMode.OPPORTUNISTIC, TlsMode.NONE}) {
            assertThatThrownBy(() -> validation.validate(request(tls, null, null, null, auth)))
                    .isInstanceOfSatisfying(
                            InvalidProbeException.class,
                            e -> assertThat(e.problems()).singleElement().satisfies(p -> {
                                assertThat(p.field()).isEqualTo("auth");
                                assertThat(p.message())
                                        .contains("credentials are only sent over TLS")
                                        .doesNotContain(PASSWORD);
                            }));
        }
        assertThat(validation
                        .check(request(TlsMode.REQUIRED, null, null, null, auth))
                        .credentials()
                        .username())
                .isEqualTo("kate");
        assertThat(validation
                        .check(request(TlsMode.IMPLICIT, null, null, null, auth))
                        .credentials())
                .isNotNull();
    }

    @Test
    void aUserNameWithoutPasswordIsNamed() {
        assertThatThrownBy(() -> validation.validate(
                        request(TlsMode.REQUIRED, null, null, null, new ProbeRequest.Auth("kate", null))))
                .isInstanceOfSatisfying(
                        InvalidProbeException.class,
                        e -> assertThat(e.problems())
                                .extracting(FieldProblem::field)
                                .containsExactly("auth"));
    }

    @Test
    void thePasswordIsNeverPrintedNorWrittenAndCanBeDropped() {
        var request = request(TlsMode.REQUIRED, null, null, null, new ProbeRequest.Auth("kate", PASSWORD));

        assertThat(request.toString()).contains("kate").doesNotContain(PASSWORD);
        assertThat(validation.validate(request).toString()).doesNotContain(PASSWORD);
        assertThat(json.writeValueAsString(request))
                .contains("\"username\":\"kate\"")
                .doesNotContain(PASSWORD);

        var kept = request.withoutSecrets();
        assertThat(kept.auth().username()).isEqualTo("kate");
        assertThat(kept.auth().password()).isNull();
    }

    @Test
    void thePasswordIsReadFromJson() {
        var request = json.readValue("""
                {"rcptTo": ["kate@example.test"], "tls": "REQUIRED", "pipelining": false, "ret": "HDRS",
                 "envid": "x1", "auth": {"username": "kate", "password": "%s"}}
                """.formatted(PASSWORD), ProbeRequest.class);

        assertThat(request.auth().password()).isEqualTo(PASSWORD);
        assertThat(request.pipelining()).isFalse();
        assertThat(request.ret()).isEqualTo(Ret.HDRS);
        assertThat(request.envid()).isEqualTo("x1");
    }
}
