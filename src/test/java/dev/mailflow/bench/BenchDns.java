package dev.mailflow.bench;

import dev.mailflow.testing.dns.TestDnsServer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The DNS of {@code bench/exporter-vs-blackbox.sh}'s posture rows: a signed zone {@code bench.test}
 * (MX on 127.0.0.1, SPF, DMARC; no MTA-STS, no TLS-RPT, no TLSA: negative answers with their
 * signed SOA), an empty blocklist zone and the reverse zone of loopback, on a loopback port. Writes
 * {@code dns.server} (host:port) and {@code anchors.txt} (the zone's key as trust anchor) into the
 * directory given, then serves until killed.
 */
public final class BenchDns {

    public static void main(String[] args) throws Exception {
        var dir = Path.of(args[0]);
        var dns = TestDnsServer.builder()
                .signedZone("bench.test", """
                        @       MX   10 mx
                        mx      A    127.0.0.1
                        @       TXT  "v=spf1 ip4:127.0.0.0/8 -all"
                        _dmarc  TXT  "v=DMARC1; p=reject"
                        """)
                .zone("bl.bench.test", "")
                .zone("127.in-addr.arpa", """
                        1.0.0   PTR  mx.bench.test.
                        """)
                .start();
        Files.writeString(dir.resolve("anchors.txt"), dns.trustAnchor("bench.test"));
        Files.writeString(dir.resolve("dns.server"), dns.server());
        Thread.currentThread().join();
    }
}
