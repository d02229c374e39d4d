package dev.mailflow.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code mailflow.vantage.web=false}: a worker that only runs its vantage's parts answers health and
 * metrics and nothing else (404 before sign-in, so no page, API or sign-in form is offered).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "mailflow.vantage.web", havingValue = "false")
class WorkerOnly {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> workerOnlyFilter() {
        var registration = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                var path = request.getRequestURI()
                        .substring(request.getContextPath().length());
                if (path.equals("/actuator/health")
                        || path.startsWith("/actuator/health/")
                        || path.equals("/actuator/prometheus")) {
                    chain.doFilter(request, response);
                } else {
                    response.sendError(HttpServletResponse.SC_NOT_FOUND);
                }
            }
        });
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
