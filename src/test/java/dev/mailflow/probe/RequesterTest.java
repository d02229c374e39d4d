package dev.mailflow.probe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequesterTest {

    private final ProbeRun katesRun = TestRuns.run("r1", TestRuns.request(), "kate", TestRuns.STARTED, RunArchive.NONE);
    private final ProbeRun ownerless = TestRuns.running("r2");

    @Test
    void usersReadOnlyTheirOwnRuns() {
        assertThat(new Requester("kate", false, false).mayRead(katesRun)).isTrue();
        assertThat(new Requester("lee", true, false).mayRead(katesRun)).isFalse();
        assertThat(new Requester("lee", false, false).mayRead(ownerless)).isFalse();
    }

    @Test
    void thoseWhoSeeEveryRunReadAll() {
        var admin = new Requester("root", true, true);
        assertThat(admin.mayRead(katesRun)).isTrue();
        assertThat(admin.mayRead(ownerless)).isTrue();
    }
}
