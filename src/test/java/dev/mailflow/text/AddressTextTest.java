package dev.mailflow.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressTextTest {

    @ParameterizedTest
    @CsvSource({
        "0:0:0:0:0:0:0:1, ::1",
        "0:0:0:0:0:0:0:0, ::",
        "2001:DB8:0:0:0:0:0:25, 2001:db8::25",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "1:0:0:0:0:0:0:0, 1::",
        "2001:0db8:00aa:0:0:0:0:1, 2001:db8:aa::1",
        "192.0.2.25, 192.0.2.25"
    })
    void writesAddressesInTheirShortForm(String written, String expected) throws Exception {
        assertThat(AddressText.of(InetAddress.getByName(written))).isEqualTo(expected);
    }
}
