package dev.mailflow.web;

import dev.mailflow.probe.Vantage;
import dev.mailflow.probe.Vantages;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/** The vantage registry: every vantage's last heartbeat and egress, as JSON and as a page. */
@Controller
class VantageController {

    private final Vantages vantages;
    private final Clock clock;

    VantageController(Vantages vantages, Clock clock) {
        this.vantages = vantages;
        this.clock = clock;
    }

    @GetMapping("/api/vantages")
    @ResponseBody
    Registry api() {
        return registry();
    }

    @GetMapping("/vantages")
    String page(Model model) {
        model.addAttribute("registry", registry());
        return "vantages";
    }

    private Registry registry() {
        var now = clock.instant();
        return new Registry(
                vantages.here(),
                vantages.registry().stream().map(v -> Entry.of(v, now)).toList());
    }

    /** @param here the vantage of the instance answering */
    record Registry(String here, List<Entry> vantages) {}

    /**
     * One vantage as of its last heartbeat.
     *
     * @param up false after three missed heartbeats
     */
    record Entry(
            String name,
            boolean up,
            Instant heartbeatAt,
            String instance,
            String version,
            Egress egress,
            String ptr,
            String blocklists) {

        static Entry of(Vantage vantage, Instant now) {
            return new Entry(
                    vantage.name(),
                    vantage.up(now),
                    vantage.heartbeatAt(),
                    vantage.instance(),
                    vantage.version(),
                    new Egress(vantage.egressV4(), vantage.egressV6()),
                    vantage.ptr(),
                    vantage.blocklists());
        }
    }

    record Egress(String ipv4, String ipv6) {}
}
