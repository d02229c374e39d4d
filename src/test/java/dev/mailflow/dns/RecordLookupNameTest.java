package dev.mailflow.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.SimpleResolver;

/** The resolver a lookup names in its messages ("NXDOMAIN for ... from [::1]:53"). */
class RecordLookupNameTest {

    @Test
    void anIpv6ResolverIsNamedInTheShortForm() throws Exception {
        var v6 = new SimpleResolver(new InetSocketAddress(InetAddress.getByName("0:0:0:0:0:0:0:1"), 5353));
        var v4 = new SimpleResolver(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 53));

        assertThat(new RecordLookup(v6).resolverName()).isEqualTo("[::1]:5353");
        assertThat(new RecordLookup(new ExtendedResolver(new SimpleResolver[] {v4, v6})).resolverName())
                .isEqualTo("127.0.0.1:53, [::1]:5353");
    }
}
