package dev.mailflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.probe.RunStatus;
import dev.mailflow.probe.TestRuns;
import org.junit.jupiter.api.Test;

class PostureViewTest {

    @Test
    void aPageOpenedBeforeTheMxPlanHasPendingRowsForTheChecksToFill() {
        var run = TestRuns.running("before-plan");

        var view = PostureView.of(run.snapshot());

        assertThat(view.shown()).isTrue();
        assertThat(view.rows()).isNotEmpty().allMatch(row -> row.statusWord().equals("checking"));
    }

    @Test
    void aRunThatEndedWithoutPostureChecksHasNoPanel() {
        var run = TestRuns.running("no-checks");
        TestRuns.finish(run, RunStatus.COMPLETED);

        assertThat(PostureView.of(run.snapshot()).shown()).isFalse();
    }
}
