package dev.mailflow.web;

import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Whether the menu shows "Test our outbound mail": to OPERATOR and up (the roles that may ask for
 * an address, through the role hierarchy, as SecurityConfiguration grants them).
 */
@ControllerAdvice
class InboxLink {

    private final RoleHierarchy hierarchy;

    InboxLink(RoleHierarchy hierarchy) {
        this.hierarchy = hierarchy;
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
