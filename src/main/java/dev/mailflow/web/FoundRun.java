package dev.mailflow.web;

import dev.mailflow.probe.ProbeRun;
import dev.mailflow.probe.ProbeService;
import dev.mailflow.probe.Requester;
import java.util.List;
import java.util.Map;
import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Gives a handler with an {@code {id}} in its path a {@link ProbeRun} parameter: the run the
 * current requester may read, else {@link NotFoundException}. Another user's run is "not found"
 * too, so its existence is not revealed.
 */
@Component
class FoundRun implements HandlerMethodArgumentResolver, WebMvcConfigurer {

    static final String NOT_FOUND = "There is no probe run with that id.";

    private final ProbeService probes;
    private final Requester.Current requester;

    FoundRun(ProbeService probes, Requester.Current requester) {
        this.probes = probes;
        this.requester = requester;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == ProbeRun.class;
    }

    @Override
    public ProbeRun resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer container,
            NativeWebRequest request,
            WebDataBinderFactory binders) {
        var variables = (Map<?, ?>)
                request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        var id = variables == null ? null : (String) variables.get("id");
        return probes.find(id, requester.get()).orElseThrow(() -> new NotFoundException(NOT_FOUND));
    }
}
