package dev.mailflow.testing.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** The fixture answers like an authoritative server, seen through a plain dnsjava resolver. */
class TestDnsServerTest {

    private static TestDnsServer dns;
    private static SimpleResolver resolver;

    @BeforeAll
    static void start() {
        dns = TestDnsServer.builder().zone("fixture.test", """
                        www   CNAME web
                        web   CNAME host
                        host  A     192.0.2.1
                        text  TXT   "hello"
                        """).start();
        resolver = dns.resolver(Duration.ofSeconds(2));
    }

    @AfterAll
    static void stop() {
        dns.close();
    }

    private static Message ask(String name, int type) throws IOException {
        return resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), type, 1)));
    }

    @Test
    void answersFollowCnameChainsInsideTheZones() throws IOException {
        Message answer = ask("www.fixture.test", Type.A);

        assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(answer.getHeader().getFlag(Flags.AA)).isTrue();
        assertThat(answer.getSection(Section.ANSWER))
                .extracting(Record::getType)
                .containsExactly(Type.CNAME, Type.CNAME, Type.A);
    }

    @Test
    void tellsNodataFromNxdomainWithTheSoaInAuthority() throws IOException {
        Message nodata = ask("text.fixture.test", Type.A);
        Message nxdomain = ask("none.fixture.test", Type.A);

        assertThat(nodata.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(nodata.getSection(Section.ANSWER)).isEmpty();
        assertThat(nodata.getSection(Section.AUTHORITY))
                .extracting(Record::getType)
                .containsExactly(Type.SOA);
        assertThat(nxdomain.getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(nxdomain.getSection(Section.AUTHORITY))
                .extracting(Record::getType)
                .containsExactly(Type.SOA);
    }

    @Test
    void refusesNamesOutsideItsZonesAndObeysItsSwitches() throws IOException {
        dns.fail("broken.fixture.test", Rcode.SERVFAIL).drop("mute.fixture.test");

        assertThat(ask("example.com", Type.A).getRcode()).isEqualTo(Rcode.REFUSED);
        assertThat(ask("broken.fixture.test", Type.MX).getRcode()).isEqualTo(Rcode.SERVFAIL);
        SimpleResolver impatient = dns.resolver(Duration.ofMillis(200));
        assertThatThrownBy(() -> impatient.send(
                        Message.newQuery(Record.newRecord(Name.fromString("mute.fixture.test."), Type.A, 1))))
                .isInstanceOf(IOException.class);
        assertThat(dns.queries()).extracting(TestDnsServer.Query::name).contains("mute.fixture.test");
    }

    @Test
    void rebindsAName() throws IOException {
        dns.rebind("flip.fixture.test", "198.51.100.1", "127.0.0.1");

        assertThat(ask("flip.fixture.test", Type.A)
                        .getSection(Section.ANSWER)
                        .getFirst()
                        .rdataToString())
                .isEqualTo("198.51.100.1");
        assertThat(ask("flip.fixture.test", Type.A)
                        .getSection(Section.ANSWER)
                        .getFirst()
                        .rdataToString())
                .isEqualTo("127.0.0.1");
        assertThat(dns.server()).isEqualTo("127.0.0.1:" + dns.address().getPort());
    }
}
