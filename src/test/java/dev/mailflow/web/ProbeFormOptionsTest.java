package dev.mailflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.smtp.Ret;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The advanced options of the form: pipelining off, RET, ENVID, and AUTH whose password is never printed. */
class ProbeFormOptionsTest {

    static ProbeForm form(Boolean noPipelining, String ret, String envid, String user, String password) {
        return new ProbeForm(
                "kate@example.com",
                "",
                "",
                "",
                "587",
                "REQUIRED",
                "RCPT",
                List.of(),
                true,
                noPipelining,
                ret,
                envid,
                user,
                password,
                null);
    }

    @Test
    void leftAloneTheOptionsAreTheDefaults() {
        var request = form(null, "", " ", "", "").toRequest();

        assertThat(request.pipelining()).isNull();
        assertThat(request.ret()).isNull();
        assertThat(request.envid()).isNull();
        assertThat(request.auth()).isNull();
    }

    @Test
    void theOptionsBecomeTheRequestsFields() {
        var request = form(true, "full", "ticket-1", "kate", "pw 1").toRequest();

        assertThat(request.pipelining()).isFalse();
        assertThat(request.ret()).isEqualTo(Ret.FULL);
        assertThat(request.envid()).isEqualTo("ticket-1");
        assertThat(request.auth().username()).isEqualTo("kate");
        assertThat(request.auth().password()).isEqualTo("pw 1");
    }

    @Test
    void thePasswordIsNotPrinted() {
        var form = form(null, null, null, "kate", "Sup3r-s3cret-pw");

        assertThat(form.toString()).doesNotContain("Sup3r-s3cret-pw");
        assertThat(form.toRequest().toString()).doesNotContain("Sup3r-s3cret-pw");
    }
}
