package dev.mailflow.web;

import dev.mailflow.probe.ProbeRun;
import dev.mailflow.probe.Vantage;
import dev.mailflow.probe.VantagePart;
import dev.mailflow.probe.Vantages;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The run page's columns for a run asked from several vantages, one per vantage: its state, answer,
 * egress and how the world sees that egress. Loaded by htmx once the page is there and again every
 * few seconds while a part is open; a run from one place gets nothing.
 */
@Controller
class VantageColumns {

    private final Vantages vantages;

    VantageColumns(Vantages vantages) {
        this.vantages = vantages;
    }

    @GetMapping("/probes/{id}/vantages")
    String columns(ProbeRun run, Model model) {
        List<VantagePart> parts;
        Map<String, Vantage> known;
        try {
            parts = vantages.parts(run.id());
            known = vantages.registry().stream().collect(Collectors.toMap(Vantage::name, Function.identity()));
        } catch (DataAccessException e) {
            parts = List.of();
            known = Map.of();
        }
        var registry = known;
        model.addAttribute("id", run.id());
        model.addAttribute("open", parts.stream().anyMatch(p -> !p.status().settled()));
        model.addAttribute(
                "columns",
                parts.stream().map(p -> Column.of(p, registry.get(p.vantage()))).toList());
        return "fragments/vantages :: columns";
    }

    /**
     * One vantage's column.
     *
     * @param state pending, claimed, completed, failed or interrupted
     * @param outcomeWord the outcome in lower case for its badge; empty while the part runs
     * @param partRun the part's own run (its findings and posture), once claimed
     */
    record Column(
            String name,
            String state,
            String outcomeWord,
            String egress,
            String verdict,
            String partRun,
            String ptr,
            String blocklists) {

        static Column of(VantagePart part, Vantage vantage) {
            return new Column(
                    part.vantage(),
                    part.status().name().toLowerCase(Locale.ROOT),
                    part.outcome() == null ? "" : part.outcome().name().toLowerCase(Locale.ROOT),
                    part.egress() != null ? part.egress() : vantage == null ? null : vantage.egress(),
                    part.verdict(),
                    part.partRun(),
                    vantage == null ? null : vantage.ptr(),
                    vantage == null ? null : vantage.blocklists());
        }
    }
}
