package dev.mailflow.web;

import dev.mailflow.message.MessageProperties;
import dev.mailflow.probe.ProbeProperties;
import jakarta.servlet.MultipartConfigElement;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.multipart.support.StandardServletMultipartResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The net under every request (an Error is a 503, not a stack trace), the request body limit (before
 * anything else reads the body), uploads, and the API's JSON converter.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({WebProperties.class, ProbeProperties.class, MessageProperties.class})
class ApiConfiguration implements WebMvcConfigurer {

    /** The API's JSON: the app's mapper, recipient lists bounded while they are read. */
    private final JsonConverter json;

    ApiConfiguration(JsonMapper mapper, ProbeProperties probe) {
        this.json = new JsonConverter(mapper, probe.maxRecipients());
    }

    @Bean
    FilterRegistrationBean<BodyLimit> bodyLimit(
            WebProperties properties, MessageProperties messages, JsonMapper mapper) {
        var registration = new FilterRegistrationBean<>(
                new BodyLimit(properties, messages.maxUpload().toBytes(), mapper));
        // Before Spring Security's chain (-100): an oversized body is refused before any password check.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** An uploaded .eml or .msg on the page: up to mailflow.messages.max-upload (one home for the limit). */
    @Bean
    MultipartConfigElement multipartConfig(MessageProperties messages) {
        long max = messages.maxUpload().toBytes();
        return new MultipartConfigElement(null, max, max + BodyLimit.FORM_ROOM, 256 * 1024);
    }

    /** Parts are read when the handler asks, so a file over the limit is the page's message, not an error page. */
    @Bean
    StandardServletMultipartResolver multipartResolver() {
        var resolver = new StandardServletMultipartResolver();
        resolver.setResolveLazily(true);
        return resolver;
    }

    /** Outermost of mailflow's filters, so an Error anywhere below it (security included) is caught. */
    @Bean
    FilterRegistrationBean<RequestErrors> requestErrors() {
        var registration = new FilterRegistrationBean<>(new RequestErrors());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Before Spring Security's chain: two Authorization headers never reach sign-in. */
    @Bean
    FilterRegistrationBean<OneAuthorization> oneAuthorization() {
        var registration = new FilterRegistrationBean<>(new OneAuthorization());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        return registration;
    }

    @Override
    public void configureMessageConverters(HttpMessageConverters.ServerBuilder converters) {
        converters.addCustomConverter(json);
    }
}
