package dev.mailflow;

import static com.tngtech.archunit.core.domain.JavaAccess.Predicates.targetOwner;
import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasParameterTypes.Predicates.rawParameterTypes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.stream.Stream;
import javax.net.SocketFactory;
import org.junit.jupiter.api.Test;

/**
 * The package directions of DESIGN.md and the SSRF rule: main code never resolves a name through
 * the system and never opens a connection except through the target policy.
 */
@AnalyzeClasses(packages = "dev.mailflow", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String BASE = "dev.mailflow";

    /** Classes of {@code feature} use no mailflow package but their own and {@code allowed}. */
    private static ArchRule uses(String feature, String... allowed) {
        String[] own = Stream.concat(Stream.of(feature), Arrays.stream(allowed))
                .map(p -> BASE + "." + p + "..")
                .toArray(String[]::new);
        return classes()
                .that()
                .resideInAPackage(BASE + "." + feature + "..")
                .should()
                .onlyDependOnClassesThat(resideOutsideOfPackage(BASE + "..").or(resideInAnyPackage(own)))
                .because("DESIGN.md: " + feature + " may use "
                        + (allowed.length == 0 ? "no other package" : String.join(", ", allowed)));
    }

    /**
     * Names from DNS and users are echoed in details only through the one sanitizer; a typed name
     * becomes a DNS name only through mail's DomainName (UTS #46).
     */
    @ArchTest
    static final ArchRule dnsIsALeaf = uses("dns", "mail", "text");

    /** The one sanitizer for text from strangers; everything may use it, it uses nothing. */
    @ArchTest
    static final ArchRule textIsALeaf = uses("text");

    @ArchTest
    static final ArchRule egressIsALeaf = uses("egress", "text");

    /** Mail syntax (addresses, EHLO names, the test message): shared by smtp and the request checks. */
    @ArchTest
    static final ArchRule mailIsALeaf = uses("mail", "text");

    @ArchTest
    static final ArchRule tlsIsALeaf = uses("tls", "text");

    /** And the type of a refusal by the target policy, which a session reports as such. */
    @ArchTest
    static final ArchRule smtpUsesTlsAndSyntax = uses("smtp", "tls", "mail", "text", "egress");

    /** Value types only: replies and results of smtp, TLS facts, the MX plan (DiagnosisArchitectureTest). */
    @ArchTest
    static final ArchRule diagnosisUsesOnlyValueTypes = uses("diagnosis", "smtp", "tls", "mail", "text", "dns");

    /** Mail security posture: DNS questions, the egress guard for policy fetches, TLS facts of sessions. */
    @ArchTest
    static final ArchRule postureUsesDnsEgressTls = uses("posture", "dns", "egress", "tls", "mail", "text");

    /** Reading the mail users bring: MIME, bounces, headers; explained with diagnosis's reasons. */
    @ArchTest
    static final ArchRule messageUsesDiagnosisAndPosture =
            uses("message", "dns", "mail", "text", "diagnosis", "posture", "smtp");

    /**
     * The test mailbox: posture's checks of the sender, mail syntax, and dns for its settings (the
     * resolver's configuration, the bind address as a literal).
     */
    @ArchTest
    static final ArchRule inboxUsesPostureAndMessage =
            uses("inbox", "message", "posture", "egress", "mail", "text", "dns");

    @ArchTest
    static final ArchRule probeUsesTheEngine =
            uses("probe", "dns", "egress", "smtp", "tls", "mail", "text", "diagnosis", "posture");

    @ArchTest
    static final ArchRule webUsesProbeAndValueTypes = uses(
                    "web",
                    "probe",
                    "history",
                    "inbox",
                    "message",
                    "diagnosis",
                    "smtp",
                    "tls",
                    "mail",
                    "text",
                    "dns",
                    "posture")
            .allowEmptyShould(true);

    @ArchTest
    /** Like web, metrics reads the value types a run exposes (phases, DNS outcomes, verdicts). */
    static final ArchRule metricsUsesProbe = uses(
                    "metrics", "probe", "diagnosis", "smtp", "tls", "mail", "text", "dns", "posture")
            .allowEmptyShould(true);

    /** The Prometheus exporter reads a run's facts like metrics does; nothing depends on it. */
    @ArchTest
    static final ArchRule exporterUsesProbe =
            uses("exporter", "probe", "diagnosis", "posture", "smtp", "tls", "mail", "text", "dns");

    @ArchTest
    static final ArchRule nothingDependsOnExporter = noClasses()
            .that()
            .resideOutsideOfPackage(BASE + ".exporter..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage(BASE + ".exporter..");

    /** History stores runs as they are: the probe package's runs and the value types they hold. */
    @ArchTest
    static final ArchRule historyUsesProbe =
            uses("history", "probe", "inbox", "posture", "diagnosis", "smtp", "tls", "mail", "dns");

    /** Security turns a signed-in user into the probe package's Requester; nothing needs it back. */
    @ArchTest
    static final ArchRule securityUsesOnlyTheRequester = uses("security", "probe");

    @ArchTest
    static final ArchRule nothingDependsOnSecurity = noClasses()
            .that()
            .resideOutsideOfPackage(BASE + ".security..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage(BASE + ".security..");

    @ArchTest
    static final ArchRule nothingDependsOnWeb = noClasses()
            .that()
            .resideOutsideOfPackage(BASE + ".web..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage(BASE + ".web..")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule nothingDependsOnMetrics = noClasses()
            .that()
            .resideOutsideOfPackage(BASE + ".metrics..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage(BASE + ".metrics..")
            .allowEmptyShould(true);

    /**
     * A system lookup (getByName, or InetSocketAddress's resolving constructor) uses /etc/hosts and
     * the host's resolver, and a second lookup of a name may answer differently (DNS rebinding):
     * addresses come only from the MX plan's records or strict literals.
     */
    @ArchTest
    static final ArchRule noSystemNameLookups = noClasses()
            .should()
            .callMethod(InetAddress.class, "getByName", String.class)
            .orShould()
            .callMethod(InetAddress.class, "getAllByName", String.class)
            .orShould()
            .callConstructor(InetSocketAddress.class, String.class, int.class)
            .because(
                    "addresses come from the MX plan (dnsjava records) or strict IP literals, never from the system resolver");

    /** Every connection goes through TargetPolicy.connect, which checks the address first. */
    @ArchTest
    static final ArchRule onlyTheTargetPolicyConnects = noClasses()
            .that()
            .resideOutsideOfPackage(BASE + ".egress..")
            .should()
            .callConstructorWhere(call(Socket.class, "<init>").and(toHostAndPort()))
            .orShould()
            .callMethodWhere(call(Socket.class, "connect"))
            .orShould()
            .callMethodWhere(call(SocketFactory.class, "createSocket").and(toHostAndPort()))
            .because("TargetPolicy.connect is the only place that opens a connection, after checking the address");

    /** A call to {@code name} of {@code owner} or of any subclass. */
    private static DescribedPredicate<JavaCall<?>> call(Class<?> owner, String name) {
        return target(name(name)).and(targetOwner(assignableTo(owner)));
    }

    /** A call whose target takes (String host, int port) or (InetAddress address, int port). */
    private static DescribedPredicate<JavaCall<?>> toHostAndPort() {
        return target(rawParameterTypes(String.class, int.class))
                .or(target(rawParameterTypes(InetAddress.class, int.class)));
    }

    /** Classes that break the rules on purpose, to show the rules are not vacuous. */
    static final class Violations {

        static InetAddress lookUp(String host) throws UnknownHostException {
            return InetAddress.getByName(host);
        }

        static InetSocketAddress resolving(String host) {
            return new InetSocketAddress(host, 25);
        }

        static Socket dial(String host) throws IOException {
            return new Socket(host, 25);
        }

        static void connect(Socket socket, InetSocketAddress address) throws IOException {
            socket.connect(address, 1000);
        }

        static Socket factory(InetAddress address) throws IOException {
            return SocketFactory.getDefault().createSocket(address, 25);
        }
    }

    @Test
    void theNetworkRulesCatchEveryForbiddenCall() {
        JavaClasses violations = new ClassFileImporter().importClasses(Violations.class);

        assertThat(noSystemNameLookups.evaluate(violations).getFailureReport().getDetails())
                .hasSize(2)
                .anySatisfy(line -> assertThat(line).contains("getByName"))
                .anySatisfy(line -> assertThat(line).contains("InetSocketAddress.<init>"));
        assertThat(onlyTheTargetPolicyConnects
                        .evaluate(violations)
                        .getFailureReport()
                        .getDetails())
                .hasSize(3)
                .anySatisfy(line -> assertThat(line).contains("Socket.<init>(java.lang.String, int)"))
                .anySatisfy(line -> assertThat(line).contains("connect"))
                .anySatisfy(line -> assertThat(line).contains("createSocket"));
    }

    @Test
    void theDependencyRulesCatchAForbiddenImport() throws ClassNotFoundException {
        // Package-private on purpose (it lives in the dns test package), so loaded by name.
        Class<?> dnsUsingProbe = Class.forName(BASE + ".dns.ForbiddenDependencyFixture");
        JavaClasses fixture = new ClassFileImporter().importClasses(dnsUsingProbe);

        assertThat(dnsIsALeaf.evaluate(fixture).getFailureReport().getDetails())
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line).contains("ForbiddenDependencyFixture", "ProbeService"));
    }
}
