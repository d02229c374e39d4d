package dev.mailflow.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page: the password form, and a button per configured OIDC provider. */
@Controller
class LoginController {

    private final ObjectProvider<ClientRegistrationRepository> oidc;

    LoginController(ObjectProvider<ClientRegistrationRepository> oidc) {
        this.oidc = oidc;
    }

    @GetMapping("/login")
    String login(Model model) {
        model.addAttribute("providers", providers());
        return "login";
    }

    /** Spring Boot's repository is iterable; a custom one that is not shows no buttons. */
    private List<Provider> providers() {
        var providers = new ArrayList<Provider>();
        if (oidc.getIfAvailable() instanceof Iterable<?> registrations) {
            for (var registration : registrations) {
                if (registration instanceof ClientRegistration r) {
                    providers.add(new Provider(r.getClientName(), "/oauth2/authorization/" + r.getRegistrationId()));
                }
            }
        }
        return providers;
    }

    record Provider(String name, String url) {}
}
