package dev.mailflow.security;

import dev.mailflow.probe.FieldProblem;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** {@code /tokens}: the ADMIN's page to create (shown once), list and revoke machine tokens. */
@Controller
class TokenPage {

    // Looked up per request: web-layer test slices load every controller but not the token store.
    private final ObjectProvider<MachineTokens> tokens;
    private final Clock clock = Clock.systemUTC();

    TokenPage(ObjectProvider<MachineTokens> tokens) {
        this.tokens = tokens;
    }

    @GetMapping("/tokens")
    String list(Model model) {
        return page(model, null, List.of());
    }

    @PostMapping("/tokens")
    String create(
            @RequestParam(required = false) String name,
            @RequestParam(required = false) List<String> roles,
            @RequestParam(required = false) String expiresAt,
            Authentication admin,
            Model model) {
        try {
            var valid = new NewToken(name, roles, expiresAt).validate(clock.instant());
            var taken = tokens.getObject().taken(valid.name());
            if (taken.isPresent()) {
                return page(model, null, List.of(new FieldProblem("name", taken.get())));
            }
            var created = tokens.getObject().create(valid.name(), valid.roles(), valid.expiresAt(), admin.getName());
            if (created.isEmpty()) {
                return page(model, null, List.of(new FieldProblem("name", "a token of this name exists already")));
            }
            return page(model, created.get(), List.of());
        } catch (NewToken.InvalidTokenException e) {
            return page(model, null, e.problems());
        }
    }

    @PostMapping("/tokens/{name}/revoke")
    String revoke(@PathVariable String name) {
        tokens.getObject().revoke(name);
        return "redirect:/tokens";
    }

    private String page(Model model, MachineTokens.Created created, List<FieldProblem> errors) {
        model.addAttribute("tokens", tokens.getObject().list());
        model.addAttribute("created", created);
        model.addAttribute("errors", errors);
        model.addAttribute("roles", List.of(Role.values()));
        return "tokens";
    }
}
