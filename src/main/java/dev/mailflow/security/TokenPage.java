package dev.mailflow.security;

import dev.mailflow.probe.FieldProblem;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
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

    TokenPage(ObjectProvider<MachineTokens> tokens) {
        this.tokens = tokens;
    }

    /** Field names as the form labels them, for the messages on the page. */
    private static final Map<String, String> LABELS = Map.of("name", "Name", "roles", "Roles", "expiresAt", "Expires");

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
        // What was typed stays in the form after an error.
        model.addAttribute("name", name);
        model.addAttribute("checkedRoles", roles == null ? List.of() : roles);
        model.addAttribute("expiresAt", expiresAt);
        try {
            var created = tokens.getObject().create(new NewToken(name, roles, endOfDay(expiresAt)), admin.getName());
            model.addAttribute("name", null);
            model.addAttribute("checkedRoles", List.of());
            model.addAttribute("expiresAt", null);
            return page(model, created, List.of());
        } catch (NewToken.InvalidTokenException e) {
            return page(model, null, e.problems());
        } catch (NewToken.NameTakenException e) {
            return page(model, null, List.of(new FieldProblem("name", e.getMessage())));
        }
    }

    @PostMapping("/tokens/{name}/revoke")
    String revoke(@PathVariable String name) {
        tokens.getObject().revoke(name);
        return "redirect:/tokens";
    }

    /**
     * The page's date field gives a day ({@code 2027-02-01}): the token then expires at the start of
     * that day, UTC. An instant typed by hand is passed on as it is.
     */
    private static String endOfDay(String expiresAt) {
        if (expiresAt == null || expiresAt.isBlank()) {
            return expiresAt;
        }
        try {
            return LocalDate.parse(expiresAt.strip())
                    .atStartOfDay(ZoneOffset.UTC)
                    .toInstant()
                    .toString();
        } catch (DateTimeParseException notADay) {
            return expiresAt;
        }
    }

    private String page(Model model, MachineTokens.Created created, List<FieldProblem> errors) {
        model.addAttribute("tokens", tokens.getObject().list());
        model.addAttribute("created", created);
        model.addAttribute(
                "errors",
                errors.stream()
                        .map(e -> new FieldProblem(
                                LABELS.getOrDefault(e.field().replaceAll("\\[\\d+]$", ""), e.field()),
                                e.field().equals("expiresAt") && e.message().startsWith("an ISO-8601")
                                        ? "a date such as 2027-01-31 (the token expires as that day starts, UTC)"
                                        : e.message()))
                        .toList());
        model.asMap().putIfAbsent("checkedRoles", List.of());
        model.addAttribute("roles", List.of(Role.values()));
        return "tokens";
    }
}
