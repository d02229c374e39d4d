package dev.mailflow.security;

import dev.mailflow.probe.RateWindows;
import dev.mailflow.probe.WindowStore;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.SecurityProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.DefaultOAuth2UserService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.HeaderWriterFilter;

/**
 * Who may do what. Two filter chains: the JSON API, {@code /probe} and the actuator take HTTP Basic
 * or a machine token ({@code Authorization: Bearer}), keep no
 * session and need no CSRF token (nothing a browser sends on its own); pages sign in with a form
 * (or OIDC when a provider is configured) and keep CSRF protection, htmx sending the token.
 *
 * <p>Only the URL level is here. Which runs a user sees and whether they may send DATA is decided
 * by the probe service from the {@link dev.mailflow.probe.Requester} that {@link CurrentRequester}
 * builds, so a new page cannot forget it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({AccountProperties.class, SignInProperties.class})
public class SecurityConfiguration {

    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix()
                .role(Role.ADMIN.name())
                .implies(Role.SENDER.name())
                .role(Role.SENDER.name())
                .implies(Role.OPERATOR.name())
                .role(Role.OPERATOR.name())
                .implies(Role.VIEWER.name())
                .build();
    }

    @Bean
    InMemoryUserDetailsManager users(AccountProperties accounts, SecurityProperties boot) {
        return Accounts.from(accounts, boot);
    }

    /** Password checks, bounded (see {@link BoundedPasswordEncoder}). */
    @Bean
    PasswordEncoder passwordEncoder(SignInProperties signIn) {
        return new BoundedPasswordEncoder(
                PasswordEncoderFactories.createDelegatingPasswordEncoder(), signIn.checks(), signIn.checkWait());
    }

    @Bean
    FailedSignIns failedSignIns(SignInProperties signIn, ObjectProvider<RateWindows> windows, Clock clock) {
        // Web slice tests load this configuration without the engine's wiring.
        return new FailedSignIns(
                signIn, windows.getIfAvailable(() -> new RateWindows(WindowStore.inMemory(clock), clock)));
    }

    /**
     * The security headers are written before the handler runs, not after it returns: an SSE stream
     * starts writing to the response from its own thread as soon as the handler returns, and two
     * threads must not touch the response headers at once (it showed as a
     * ConcurrentModificationException in the stream tests).
     */
    private static void headersFirst(HttpSecurity http) throws Exception {
        http.headers(headers -> headers.addObjectPostProcessor(new ObjectPostProcessor<HeaderWriterFilter>() {
            @Override
            public <O extends HeaderWriterFilter> O postProcess(O filter) {
                filter.setShouldWriteHeadersEagerly(true);
                return filter;
            }
        }));
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, ObjectProvider<MachineTokens> tokens, FailedSignIns failures)
            throws Exception {
        var problems = new ProblemResponses();
        headersFirst(http);
        http.securityMatcher("/api/**", "/actuator/**", "/probe", "/probe/**")
                .authorizeHttpRequests(requests -> requests
                        // The request was authorized before it went async; a stream's end is not a new request.
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**")
                        .permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/probes", "/api/inbox")
                        .hasRole(Role.OPERATOR.name())
                        .requestMatchers("/probe", "/probe/**")
                        .hasRole(Role.OPERATOR.name())
                        .requestMatchers("/api/tokens", "/api/tokens/**")
                        .hasRole(Role.ADMIN.name())
                        .anyRequest()
                        .hasRole(Role.VIEWER.name()))
                .addFilterBefore(new SignInThrottle(failures), BasicAuthenticationFilter.class)
                .httpBasic(basic ->
                        basic.realmName("mailflow").authenticationEntryPoint(SignInThrottle.busyAware(problems)))
                .exceptionHandling(
                        errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                // No cookie authenticates these calls, so a forged cross-site request carries no credentials.
                .csrf(csrf -> csrf.disable());
        // Absent only in web-layer test slices; without it a Bearer header authenticates nobody.
        tokens.ifAvailable(
                t -> http.addFilterBefore(new BearerTokenFilter(t, problems), BasicAuthenticationFilter.class));
        return http.build();
    }

    /**
     * A browser is redirected to the sign-in page. An htmx request (its session expired while the page
     * was open) would follow that redirect and swap the sign-in page into the run area, so it gets a
     * 401 with {@code HX-Redirect}, which htmx turns into a whole-page visit.
     */
    private static AuthenticationEntryPoint signIn() {
        var redirect = new LoginUrlAuthenticationEntryPoint("/login");
        return (request, response, failure) -> {
            if ("true".equals(request.getHeader("HX-Request"))) {
                response.setHeader("HX-Redirect", request.getContextPath() + "/login");
                response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            } else {
                redirect.commence(request, response, failure);
            }
        };
    }

    @Bean
    @Order(2)
    SecurityFilterChain pages(
            HttpSecurity http,
            AccountProperties accounts,
            ObjectProvider<ClientRegistrationRepository> oidc,
            FailedSignIns failures,
            ObjectProvider<MachineTokens> tokens,
            ObjectProvider<UserNames> names)
            throws Exception {
        var basic = new BasicAuthenticationEntryPoint();
        basic.setRealmName("mailflow");
        var formFailure = new SimpleUrlAuthenticationFailureHandler("/login?error");
        headersFirst(http);
        http.authorizeHttpRequests(requests -> requests.dispatcherTypeMatchers(
                                DispatcherType.ASYNC, DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers("/css/**", "/js/**", "/webjars/**", "/favicon.svg", "/login", "/error")
                        .permitAll()
                        .requestMatchers(HttpMethod.POST, "/probes", "/probes/*/again", "/codes/retest", "/inbox")
                        .hasRole(Role.OPERATOR.name())
                        .requestMatchers("/tokens", "/tokens/**")
                        .hasRole(Role.ADMIN.name())
                        .anyRequest()
                        .hasRole(Role.VIEWER.name()))
                .addFilterBefore(new SignInThrottle(failures), UsernamePasswordAuthenticationFilter.class)
                .formLogin(login -> login.loginPage("/login")
                        .failureHandler((request, response, e) -> {
                            if (!SignInThrottle.answeredBusy(response, e)) {
                                formFailure.onAuthenticationFailure(request, response, e);
                            }
                        })
                        .permitAll())
                // Scripts may fetch a permalink with credentials; CSRF still guards every POST here.
                .httpBasic(b -> b.realmName("mailflow").authenticationEntryPoint(SignInThrottle.busyAware(basic)))
                // Whatever the request's Accept header, someone without a session is sent to sign in.
                .exceptionHandling(errors -> errors.authenticationEntryPoint(signIn()))
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"));
        if (oidc.getIfAvailable() != null) {
            http.oauth2Login(login -> login.loginPage("/login")
                    .userInfoEndpoint(info -> info.userAuthoritiesMapper(new OidcRoles(accounts.oidc()))
                            .oidcUserService(new ProviderSignIns<>(new OidcUserService(), tokens, names))
                            .userService(new ProviderSignIns<>(new DefaultOAuth2UserService(), tokens, names))));
        }
        return http.build();
    }
}
