package dev.mailflow.web;

import dev.mailflow.diagnosis.Knowledge;
import dev.mailflow.history.RunHistory;
import dev.mailflow.inbox.TestMailbox;
import dev.mailflow.probe.ProbeService;
import dev.mailflow.probe.Vantages;
import dev.mailflow.security.SecurityConfiguration;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/** The web slice of the bounce explainer's tests: the controllers, security, and the real knowledge files. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WebMvcTest
@Import({
    RunFragments.class,
    EventStream.class,
    SecurityConfiguration.class,
    WebSliceTest.Settings.class,
    ExplainerSlice.RealKnowledge.class
})
@MockitoBean(types = {ProbeService.class, RunHistory.class, TestMailbox.class, Vantages.class})
@interface ExplainerSlice {

    @TestConfiguration(proxyBeanMethods = false)
    class RealKnowledge {
        @Bean
        Knowledge knowledge() {
            return Knowledge.load();
        }
    }
}
