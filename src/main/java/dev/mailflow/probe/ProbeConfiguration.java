package dev.mailflow.probe;

import dev.mailflow.diagnosis.Diagnoser;
import dev.mailflow.diagnosis.Knowledge;
import dev.mailflow.dns.DnsProperties;
import dev.mailflow.dns.MxResolver;
import dev.mailflow.egress.EgressProperties;
import dev.mailflow.egress.TargetPolicy;
import dev.mailflow.egress.TargetProperties;
import dev.mailflow.posture.PostureChecks;
import dev.mailflow.posture.PostureProperties;
import dev.mailflow.smtp.SmtpProperties;
import dev.mailflow.tls.TlsHandshaker;
import dev.mailflow.tls.TlsInspector;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the engine: resolver, target policy, TLS, knowledge, diagnoser and the probe service. */
@Configuration(proxyBeanMethods = false)
class ProbeConfiguration {

    @Bean
    MxResolver mxResolver(DnsProperties dns) {
        return MxResolver.from(dns);
    }

    @Bean
    TargetPolicy targetPolicy(TargetProperties targets, EgressProperties egress) {
        return new TargetPolicy(targets, egress);
    }

    @Bean
    TlsHandshaker tlsHandshaker() {
        return new TlsInspector(null);
    }

    @Bean
    Knowledge knowledge() {
        return Knowledge.load();
    }

    @Bean
    Diagnoser diagnoser(Knowledge knowledge) {
        return new Diagnoser(knowledge);
    }

    @Bean
    PostureChecks postureChecks(PostureProperties posture, DnsProperties dns, TargetPolicy targets) {
        return PostureChecks.from(posture, dns, targets);
    }

    /**
     * The one sliding-window limit (runs, DATA, failed sign-ins): in the history's PostgreSQL rows
     * when it provides a {@link WindowStore}, so replicas share it, else in this instance's memory.
     */
    @Bean
    RateWindows rateWindows(ObjectProvider<WindowStore> shared, Clock clock) {
        return new RateWindows(shared.getIfAvailable(() -> WindowStore.inMemory(clock)), clock);
    }

    @Bean
    ProbeService probeService(
            SmtpProperties smtp,
            ProbeProperties limits,
            LimitProperties rates,
            RateWindows windows,
            TargetProperties targetProperties,
            MxResolver resolver,
            TargetPolicy targets,
            TlsHandshaker tls,
            Diagnoser diagnoser,
            PostureChecks posture,
            List<RunObserver> observers,
            ObjectProvider<RunArchive> archive,
            Vantages vantages,
            VantageRun vantageRun,
            Clock clock) {
        var ehlo = smtp.heloName().isBlank() ? localHostName() : smtp.heloName();
        var validation = new ProbeValidation(smtp, limits, ehlo, targetProperties.ports());
        var slots = new SessionSlots(limits.maxSessions(), limits.maxSessionsPerAddress());
        var sessions = new SmtpSessionRunner(targets, tls, smtp.timeouts().toTimeouts(), clock);
        var execution = new RunExecution(
                resolver,
                targets,
                slots,
                sessions,
                diagnoser,
                new PostureStep(posture, diagnoser),
                clock,
                smtp.timeouts().total());
        return new ProbeService(
                validation,
                execution,
                slots,
                limits,
                new RateLimits(rates, windows),
                observers,
                archive.getIfAvailable(() -> RunArchive.NONE),
                vantages,
                vantageRun,
                clock);
    }

    @Bean
    Vantages vantages(ObjectProvider<VantageParts> parts, VantageProperties properties, Clock clock) {
        return new Vantages(parts.getIfAvailable(() -> VantageParts.NONE), properties, clock);
    }

    @Bean
    VantageRun vantageRun(
            ObjectProvider<VantageParts> parts, VantageProperties properties, SmtpProperties smtp, Clock clock) {
        return new VantageRun(
                parts.getIfAvailable(() -> VantageParts.NONE),
                properties,
                smtp.timeouts().total(),
                clock);
    }

    /** Claims the parts asked of this vantage (on the embedded database too: one vantage, itself). */
    @Bean
    VantageWorker vantageWorker(
            ObjectProvider<VantageParts> parts, ProbeService probes, VantageProperties properties, Clock clock) {
        return new VantageWorker(parts.getIfAvailable(() -> VantageParts.NONE), probes, properties, clock);
    }

    @Bean
    VantageHeartbeat vantageHeartbeat(
            ObjectProvider<VantageParts> parts,
            VantageProperties properties,
            TargetPolicy targets,
            PostureChecks posture,
            SmtpProperties smtp,
            Clock clock) {
        var ehlo = smtp.heloName().isBlank() ? localHostName() : smtp.heloName();
        return new VantageHeartbeat(
                parts.getIfAvailable(() -> VantageParts.NONE), properties, targets, posture, ehlo, clock);
    }

    @Bean
    RunShutdown runShutdown(ProbeService probes) {
        return new RunShutdown(probes);
    }

    /** One structured line per finished run on the {@code mailflow.audit} logger. */
    @Bean
    RunObserver runAudit() {
        return new RunAudit();
    }

    /** This host's name for EHLO; "localhost" when it has none, which the diagnosis will point out. */
    private static String localHostName() {
        try {
            var name = InetAddress.getLocalHost().getCanonicalHostName();
            return name.contains(".") && !Character.isDigit(name.charAt(name.length() - 1)) ? name : "localhost";
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
