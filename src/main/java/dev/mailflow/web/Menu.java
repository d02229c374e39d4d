package dev.mailflow.web;

import dev.mailflow.probe.Requester;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What the menu of every page offers the signed-in user: the tokens page only to an ADMIN, "Test our
 * outbound mail" to OPERATOR and up (the roles that may ask for an address, through the role
 * hierarchy, as SecurityConfiguration grants them). Only for the controllers that render pages (this
 * package's, {@code security}'s and Boot's error page): not for {@code /probe}, where every scrape
 * would pay for a menu nobody sees.
 */
@ControllerAdvice(
        basePackages = {"dev.mailflow.web", "dev.mailflow.security"},
        assignableTypes = ErrorController.class)
class Menu {

    private final Requester.Current requester;
    private final RoleHierarchy hierarchy;

    Menu(Requester.Current requester, RoleHierarchy hierarchy) {
        this.requester = requester;
        this.hierarchy = hierarchy;
    }

    @ModelAttribute("menuAdmin")
    boolean admin() {
        try {
            return requester.get().seesEveryRun();
        } catch (RuntimeException notSignedIn) {
            // The sign-in page: nobody is signed in yet, so the menu offers nothing more.
            return false;
        }
    }

    @ModelAttribute("mayTestOutbound")
    boolean mayTestOutbound() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || authentication instanceof AnonymousAuthenticationToken) {
            return false;
        }
        return hierarchy.getReachableGrantedAuthorities(authentication.getAuthorities()).stream()
                .map(GrantedAuthority::getAuthority)
                .anyMatch("ROLE_OPERATOR"::equals);
    }
}
