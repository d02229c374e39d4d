package dev.mailflow.web;

import dev.mailflow.diagnosis.Knowledge;
import dev.mailflow.dns.RecordLookup;
import dev.mailflow.history.RunHistory;
import dev.mailflow.inbox.TestMailbox;
import dev.mailflow.message.BounceExplainer;
import dev.mailflow.message.HeaderAnalyzer;
import dev.mailflow.message.MailReader;
import dev.mailflow.message.MessageLimits;
import dev.mailflow.message.MessageProperties;
import dev.mailflow.probe.ProbeService;
import dev.mailflow.probe.Vantages;
import dev.mailflow.security.SecurityConfiguration;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.xbill.DNS.SimpleResolver;

/**
 * The web layer alone, as the web tests use it: the controllers with the real security rules and
 * fragments, an OPERATOR signed in, and the probe service, knowledge, history, header analyzer and test
 * mailbox as mocks
 * (autowire them to give them behaviour).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WebMvcTest
@Import({RunFragments.class, EventStream.class, SecurityConfiguration.class, WebSliceTest.Settings.class})
@WithMockUser(roles = "OPERATOR")
@MockitoBean(
        types = {
            ProbeService.class,
            Knowledge.class,
            RunHistory.class,
            HeaderAnalyzer.class,
            TestMailbox.class,
            Vantages.class
        })
@interface WebSliceTest {

    /** The web settings, the real (pure) message reader and bounce explainer over the knowledge bean, a header analyzer. */
    @TestConfiguration(proxyBeanMethods = false)
    @EnableConfigurationProperties({WebProperties.class, MessageProperties.class})
    class Settings {
        @Bean
        MailReader mailReader() {
            return new MailReader();
        }

        @Bean
        BounceExplainer bounceExplainer(Knowledge knowledge) {
            return new BounceExplainer(knowledge);
        }

        /** For slices that do not mock it: its DNS questions go to a port nobody answers on. */
        @Bean
        HeaderAnalyzer headerAnalyzer() {
            var nowhere = new SimpleResolver(new InetSocketAddress(InetAddress.getLoopbackAddress(), 9));
            nowhere.setTimeout(Duration.ofMillis(200));
            return new HeaderAnalyzer(new RecordLookup(nowhere), MessageLimits.DEFAULT);
        }
    }
}
