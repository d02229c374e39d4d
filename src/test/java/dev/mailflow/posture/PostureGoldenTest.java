package dev.mailflow.posture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.diagnosis.Diagnoser;
import dev.mailflow.diagnosis.Finding;
import dev.mailflow.diagnosis.Knowledge;
import dev.mailflow.dns.MxResolver;
import dev.mailflow.egress.TargetPolicy;
import dev.mailflow.egress.TargetProperties;
import dev.mailflow.testing.dns.TestDnsServer;
import dev.mailflow.testing.tls.TestCertificates;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Golden posture cases: the zones of each file served by a real DNS server, the whole posture run
 * as a run runs it, and every finding rendered from {@code knowledge/posture.yaml}.
 */
class PostureGoldenTest {

    private static final Path GOLDEN = Path.of("src/test/resources/posture-golden");
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final Diagnoser DIAGNOSER = new Diagnoser(Knowledge.load());

    record Golden(
            String name,
            Map<String, String> zones,
            Properties properties,
            Subject subject,
            List<Session> sessions,
            Map<PostureCheck.Kind, Expect> expect,
            List<String> titles) {}

    record Properties(List<String> dnsblZones, List<String> ourAddresses, List<String> referenceTargets) {}

    record Subject(String domain, String sender, String ehlo) {}

    record Session(String host, String address, boolean connectTimedOut) {}

    record Expect(PostureStatus status, List<String> findings) {}

    static Stream<Path> goldenFiles() throws IOException {
        try (var files = Files.list(GOLDEN)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenFiles")
    void postureMatchesTheGoldenExpectation(Path file, @TempDir Path dir) throws Exception {
        try (var closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                var listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int closedPort = closed.getLocalPort();
            closed.close();
            String text = Files.readString(file)
                    .replace("{closed}", String.valueOf(closedPort))
                    .replace("{listening}", String.valueOf(listening.getLocalPort()));
            var golden = YAML.readValue(text, Golden.class);
            var builder = TestDnsServer.builder().signedZone("anchor.test", "");
            golden.zones().forEach(builder::zone);
            try (var dns = builder.start()) {
                var report = run(golden, dns, dir, List.of(closedPort, listening.getLocalPort()));
                check(file, golden, report);
            }
        }
    }

    private static PostureReport run(Golden golden, TestDnsServer dns, Path dir, List<Integer> ports)
            throws IOException {
        Path anchors = dir.resolve("anchors.txt");
        Files.writeString(anchors, dns.trustAnchor("anchor.test"));
        var p = golden.properties();
        var properties = new PostureProperties(
                true,
                p.dnsblZones(),
                p.ourAddresses(),
                p.referenceTargets(),
                Duration.ofSeconds(20),
                Duration.ofSeconds(2),
                65536,
                anchors.toString(),
                Duration.ZERO);
        var allowedPorts = new ArrayList<>(List.of(25, 465, 587));
        allowedPorts.addAll(ports);
        var egress = new TargetPolicy(new TargetProperties(List.of("127.0.0.0/8"), null, allowedPorts));
        var checks = new PostureChecks(
                properties,
                () -> dns.resolver(Duration.ofSeconds(2)),
                egress,
                TestCertificates.authority().clientContext().getSocketFactory(),
                443);
        var plan = new MxResolver(dns.resolver(Duration.ofSeconds(2)))
                .plan(golden.subject().domain());
        String sender = golden.subject().sender();
        var subject = new PostureSubject(
                golden.subject().domain(),
                plan,
                sender,
                sender.substring(sender.indexOf('@') + 1),
                golden.subject().ehlo());
        var published = new ArrayList<PostureCheck>();
        var started = checks.start(subject, published::add);
        var sessions = golden.sessions() == null
                ? List.<SessionSeen>of()
                : golden.sessions().stream()
                        .map(s -> new SessionSeen(s.host(), s.address(), s.connectTimedOut(), null, null))
                        .toList();
        var report = started.finish(sessions);
        // Every check reached the run as it finished, and the report holds exactly those.
        assertThat(published).containsExactlyInAnyOrderElementsOf(report.checks());
        return report;
    }

    private static void check(Path file, Golden golden, PostureReport report) {
        var context = file.getFileName() + ": " + report.checks();
        assertThat(report.checks().stream().map(PostureCheck::kind).distinct())
                .as(context)
                .containsExactlyInAnyOrder(PostureCheck.Kind.values());
        golden.expect().forEach((kind, expect) -> {
            var checks = report.checks().stream().filter(c -> c.kind() == kind).toList();
            var worst = checks.stream()
                    .map(PostureCheck::status)
                    .max((a, b) -> rank(a) - rank(b))
                    .orElseThrow();
            var ids = new TreeSet<String>();
            checks.forEach(c -> c.notes().forEach(n -> ids.add(n.finding())));
            assertThat(worst).as(context + " " + kind).isEqualTo(expect.status());
            assertThat(ids)
                    .as(context + " " + kind)
                    .isEqualTo(new TreeSet<>(expect.findings() == null ? List.of() : expect.findings()));
        });
        var findings = report.checks().stream()
                .flatMap(c -> c.notes().stream())
                .map(n -> DIAGNOSER.posture(n.finding(), n.vars(), null))
                .toList();
        assertThat(findings.stream().map(Finding::title)).as(context).containsAll(golden.titles());
        findings.forEach(f -> assertThat(f.title() + f.causes() + f.fixes())
                .as(context + " " + f.id())
                .doesNotContain("{"));
    }

    private static int rank(PostureStatus status) {
        return List.of(
                        PostureStatus.PASS,
                        PostureStatus.NOT_PUBLISHED,
                        PostureStatus.UNKNOWN,
                        PostureStatus.WARN,
                        PostureStatus.FAIL)
                .indexOf(status);
    }

    @Test
    void everyPostureFindingHasAGoldenCase() throws IOException {
        var named = new TreeSet<String>();
        for (var file : goldenFiles().toList()) {
            var text = Files.readString(file);
            var matcher =
                    java.util.regex.Pattern.compile("posture\\.[a-z0-9-]+").matcher(text);
            matcher.results().forEach(m -> named.add(m.group()));
        }
        // MTA-STS and DANE findings need an HTTPS server or a signed zone; their own tests cover them.
        var elsewhere = Set.of(
                "posture.mta-sts-unfetchable",
                "posture.mta-sts-bad-policy",
                "posture.mta-sts-mx-mismatch",
                "posture.mta-sts-tls-unacceptable",
                "posture.mta-sts-testing",
                "posture.dane-bogus",
                "posture.dane-mismatch",
                "posture.dnssec-bogus",
                "posture.egress-ehlo-mismatch",
                "posture.egress-not-confirmed");
        var all = new TreeSet<String>();
        try (var in = Files.newInputStream(Path.of("src/main/resources/knowledge/posture.yaml"))) {
            java.util.regex.Pattern.compile("id: (posture\\.[a-z0-9-]+)")
                    .matcher(new String(in.readAllBytes()))
                    .results()
                    .forEach(m -> all.add(m.group(1)));
        }
        all.removeAll(elsewhere);
        assertThat(named).containsAll(all);
    }
}
