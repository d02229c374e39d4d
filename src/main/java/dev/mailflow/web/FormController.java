package dev.mailflow.web;

import dev.mailflow.diagnosis.Knowledge;
import dev.mailflow.history.ListedRun;
import dev.mailflow.history.RunHistory;
import dev.mailflow.probe.InvalidProbeException;
import dev.mailflow.probe.ProbeService;
import dev.mailflow.probe.Requester;
import dev.mailflow.probe.TooBusyException;
import dev.mailflow.probe.Vantages;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.RedirectView;
import tools.jackson.core.JacksonException;

/**
 * The probe form. Each handler answers htmx ({@code HX-Request}) with a fragment and a plain
 * browser with the whole page, so the form works without JavaScript too.
 */
@Controller
class FormController {

    private static final Logger log = LoggerFactory.getLogger(FormController.class);

    private final ProbeService probes;
    private final Knowledge knowledge;
    private final RunHistory history;
    private final Vantages vantages;

    FormController(ProbeService probes, Knowledge knowledge, RunHistory history, Vantages vantages) {
        this.probes = probes;
        this.vantages = vantages;
        this.knowledge = knowledge;
        this.history = history;
    }

    /** The vantages the form offers: those up now (this one only while the database cannot answer). */
    @ModelAttribute("vantages")
    List<String> vantages() {
        try {
            return vantages.live();
        } catch (DataAccessException e) {
            return List.of(vantages.here());
        }
    }

    /** The page; for htmx the form alone, or the recent list when that is the target (after a run). */
    @GetMapping("/")
    String form(
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            @RequestHeader(name = "HX-Target", required = false) String target,
            Requester requester,
            Model model) {
        model.addAttribute("form", ProbeForm.blank());
        model.addAttribute("errors", FormErrors.none());
        model.addAttribute("recent", recent(requester));
        if ("true".equals(htmx)) {
            return "recent".equals(target) ? "index :: recent" : "fragments/form :: form";
        }
        return "index";
    }

    /**
     * The same request again as a new run: htmx follows {@code HX-Redirect}, a plain browser the 303.
     * When a limit is hit, the answer is the limit's own message as text (htmx shows it in the notice).
     */
    @PostMapping("/probes/{id}/again")
    ResponseEntity<String> again(
            @PathVariable String id,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Requester requester) {
        var previous = probes.find(id, requester)
                .orElseThrow(() -> new NotFoundException("There is no probe run with that id."));
        try {
            var location =
                    "/probes/" + probes.start(previous.request(), requester).id();
            return "true".equals(htmx)
                    ? ResponseEntity.ok().header("HX-Redirect", location).build()
                    : ResponseEntity.status(HttpStatus.SEE_OTHER)
                            .location(URI.create(location))
                            .build();
        } catch (TooBusyException e) {
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header(HttpHeaders.RETRY_AFTER, e.retryAfterHeader())
                    .contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
                    .body(e.getMessage());
        }
    }

    @PostMapping("/probes")
    ModelAndView start(
            @ModelAttribute("form") ProbeForm form,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Requester requester,
            HttpServletResponse response) {
        var isHtmx = "true".equals(htmx);
        var formProblems = form.problems();
        if (!formProblems.isEmpty()) {
            // Every problem at once: what the form could not read, and what the service finds in the rest.
            var errors = FormErrors.of(formProblems, probes.problems(form.request()));
            return formAgain(form, errors, isHtmx, HttpStatus.BAD_REQUEST, requester, response);
        }
        try {
            var run = probes.start(form.request(), requester);
            if (!isHtmx) {
                var redirect = new RedirectView("/probes/" + run.id());
                redirect.setStatusCode(HttpStatus.SEE_OTHER);
                return new ModelAndView(redirect);
            }
            response.setHeader("HX-Push-Url", "/probes/" + run.id());
            var snapshot = run.snapshot();
            return new ModelAndView("fragments/run :: run")
                    .addObject("view", RunView.of(snapshot, knowledge))
                    .addObject("posture", PostureView.of(snapshot));
        } catch (InvalidProbeException e) {
            return formAgain(form, FormErrors.of(e.problems()), isHtmx, HttpStatus.BAD_REQUEST, requester, response);
        } catch (TooBusyException e) {
            response.setHeader(HttpHeaders.RETRY_AFTER, e.retryAfterHeader());
            // The message is mailflow's own (which limit, how long to wait), never the request's text.
            return formAgain(
                    form,
                    FormErrors.general(e.getMessage()),
                    isHtmx,
                    HttpStatus.TOO_MANY_REQUESTS,
                    requester,
                    response);
        }
    }

    /**
     * htmx swaps only 2xx answers, so its fragment comes with 200 and is retargeted at the form; a
     * plain browser gets the page with the error status.
     */
    private ModelAndView formAgain(
            ProbeForm form,
            FormErrors errors,
            boolean htmx,
            HttpStatus status,
            Requester requester,
            HttpServletResponse response) {
        if (htmx) {
            response.setHeader("HX-Retarget", "#probe-form");
            response.setHeader("HX-Reswap", "outerHTML");
            return new ModelAndView("fragments/form :: form")
                    .addObject("form", form)
                    .addObject("errors", errors);
        }
        var page = new ModelAndView("index")
                .addObject("form", form)
                .addObject("errors", errors)
                .addObject("recent", recent(requester));
        page.setStatus(status);
        return page;
    }

    /** The runs held here and the stored ones; only the held ones while the database cannot answer. */
    private List<RecentRun> recent(Requester requester) {
        List<ListedRun> stored;
        try {
            stored = history.recent(requester, RecentRun.SHOWN);
        } catch (DataAccessException | JacksonException e) {
            log.warn("history: recent runs not read: {}", e.getMessage());
            stored = List.of();
        }
        return RecentRun.of(probes.recent(requester), stored);
    }
}
