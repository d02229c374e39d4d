package dev.mailflow.security;

import dev.mailflow.probe.Requester;
import java.util.List;
import org.springframework.core.MethodParameter;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Gives controllers a {@link Requester} parameter built from the signed-in user and the role
 * hierarchy (an ADMIN may send DATA without holding SENDER itself). Never from request parameters.
 */
@Component
class CurrentRequester implements HandlerMethodArgumentResolver, WebMvcConfigurer, Requester.Current {

    private final RoleHierarchy hierarchy;

    CurrentRequester(RoleHierarchy hierarchy) {
        this.hierarchy = hierarchy;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Requester.class;
    }

    @Override
    public Requester resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer container,
            NativeWebRequest request,
            WebDataBinderFactory binders) {
        return get();
    }

    @Override
    public Requester get() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null
                || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            // The filter chains let no anonymous request reach a controller that asks for a requester.
            throw new AuthenticationCredentialsNotFoundException("not signed in");
        }
        var roles = hierarchy.getReachableGrantedAuthorities(authentication.getAuthorities()).stream()
                .map(GrantedAuthority::getAuthority)
                .toList();
        return new Requester(
                authentication.getName(),
                roles.contains(Role.SENDER.authority()),
                roles.contains(Role.ADMIN.authority()),
                authentication instanceof TokenAuthentication);
    }
}
