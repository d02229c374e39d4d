package dev.mailflow.web;

import dev.mailflow.diagnosis.Knowledge;
import dev.mailflow.history.RunHistory;
import dev.mailflow.inbox.TestMailbox;
import dev.mailflow.probe.ProbeService;
import dev.mailflow.security.SecurityConfiguration;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * The web layer alone, as the web tests use it: the controllers with the real security rules and
 * fragments, an OPERATOR signed in, and the probe service, knowledge, history and test mailbox as mocks
 * (autowire them to give them behaviour).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WebMvcTest
@Import({RunFragments.class, EventStream.class, SecurityConfiguration.class, WebSliceTest.Settings.class})
@WithMockUser(roles = "OPERATOR")
@MockitoBean(types = {ProbeService.class, Knowledge.class, RunHistory.class, TestMailbox.class})
@interface WebSliceTest {

    @TestConfiguration(proxyBeanMethods = false)
    @EnableConfigurationProperties(WebProperties.class)
    class Settings {}
}
