package dev.mailflow.web;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;

import dev.mailflow.diagnosis.Knowledge;
import dev.mailflow.history.RunDiff;
import dev.mailflow.history.RunHistory;
import dev.mailflow.probe.ProbeRun;
import dev.mailflow.probe.ProbeService;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * What a {@link WebSliceTest} works with: the client, the mocked probe service, knowledge and
 * history (no earlier runs unless a test says so), and {@link #given} to make a run findable.
 */
abstract class WebSlice {

    @Autowired
    MockMvc mvc;

    @Autowired
    ProbeService probes;

    @Autowired
    Knowledge knowledge;

    @Autowired
    RunHistory history;

    @BeforeEach
    void noHistory() {
        when(history.lookBack(any(), any(), anyInt()))
                .thenReturn(new RunHistory.LookBack(List.of(), new RunDiff(null, List.of())));
    }

    /** {@code run} as the signed-in user finds it by its id. */
    ProbeRun given(ProbeRun run) {
        when(probes.find(eq(run.id()), any())).thenReturn(Optional.of(run));
        return run;
    }
}
