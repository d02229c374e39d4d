package dev.mailflow.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionResultTest {

    static SessionResult ended(SessionOutcome outcome, Phase phase) {
        return new SessionResult(outcome, phase, null, List.of(), Map.of(), null, Duration.ZERO);
    }

    @Test
    void aSenderTriesTheNextAddressWhenNoTransactionCouldBegin() {
        assertThat(ended(SessionOutcome.REFUSED, Phase.CONNECT).senderTriesNextAddress())
                .isTrue();
        assertThat(ended(SessionOutcome.POLICY_REFUSED, Phase.CONNECT).senderTriesNextAddress())
                .isTrue();
        assertThat(ended(SessionOutcome.TIMED_OUT, Phase.BANNER).senderTriesNextAddress())
                .isTrue();
        assertThat(ended(SessionOutcome.TLS_FAILED, Phase.TLS).senderTriesNextAddress())
                .isTrue();
        assertThat(ended(SessionOutcome.DEFERRED, Phase.BANNER).senderTriesNextAddress())
                .isTrue();
    }

    @Test
    void aServerThatAnsweredTheTransactionIsTheAnswer() {
        assertThat(ended(SessionOutcome.TIMED_OUT, Phase.MAIL).senderTriesNextAddress())
                .isFalse();
        assertThat(ended(SessionOutcome.DEFERRED, Phase.RCPT).senderTriesNextAddress())
                .isFalse();
        assertThat(ended(SessionOutcome.REJECTED, Phase.BANNER).senderTriesNextAddress())
                .isFalse();
        assertThat(ended(SessionOutcome.COMPLETED, Phase.RCPT).senderTriesNextAddress())
                .isFalse();
    }
}
