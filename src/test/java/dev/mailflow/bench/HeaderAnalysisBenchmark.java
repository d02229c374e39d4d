package dev.mailflow.bench;

import dev.mailflow.dns.RecordLookup;
import dev.mailflow.message.HeaderAnalyzer;
import dev.mailflow.message.HeaderAnalyzerFixtures;
import dev.mailflow.message.MailReader;
import dev.mailflow.message.MessageLimits;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * How long the header analyzer takes on the inputs of issue 21 (read by MailReader, then analysed,
 * DKIM keys and DMARC records from an in-JVM DNS server on loopback): Exchange Online headers put in
 * Junk, a signed message with a 10 MB body (DKIM body hash over all of it), 10,000 Received lines,
 * a 1 MB header. Prints the median and the slowest of the timed rounds. Figures, not assertions.
 */
public final class HeaderAnalysisBenchmark {

    private HeaderAnalysisBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        var fixtures = HeaderAnalyzerFixtures.create();
        try (var dns = fixtures.dns()) {
            var analyzer =
                    new HeaderAnalyzer(new RecordLookup(dns.resolver(Duration.ofSeconds(2))), MessageLimits.DEFAULT);
            var reader = new MailReader();
            String line = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.\r\n";
            byte[] big = fixtures.signedMessage(line.repeat(10 * 1024 * 1024 / line.length()))
                    .getBytes(StandardCharsets.UTF_8);
            var received = new StringBuilder();
            for (int i = 0; i < 10_000; i++) {
                received.append("Received: from a")
                        .append(i)
                        .append(".example by b.example; 8 Nov 2021 09:12:09 -0000\r\n");
            }
            String huge = "Received: from a.example by b.example; 8 Nov 2021 09:12:09 +0000\r\nX-Huge: "
                    + "a".repeat(1024 * 1024) + "\r\nFrom: ann@contoso.example\r\n\r\nbody\r\n";
            System.out.printf(
                    "header analysis, %d timed rounds after 3 warm-up rounds; %d processors%n%n",
                    rounds, Runtime.getRuntime().availableProcessors());
            time(
                    "Exchange Online junk headers (pasted)",
                    rounds,
                    () -> analyzer.analyze(reader.readPasted(HeaderAnalyzerFixtures.JUNKED_AT_MICROSOFT)));
            var once = analyzer.analyze(eml(reader, big));
            System.out.printf(
                    "signed 10 MB message: DKIM %s (%s)%n",
                    once.dkim().getFirst().result(), once.dkim().getFirst().reason());
            time("signed message, 10 MB body (.eml)", rounds, () -> analyzer.analyze(eml(reader, big)));
            byte[] seven = fixtures.signedMessage(line.repeat(7 * 1024 * 1024 / line.length()))
                    .getBytes(StandardCharsets.UTF_8);
            var seen = analyzer.analyze(eml(reader, seven));
            System.out.printf(
                    "signed 7 MB message: DKIM %s (%s)%n",
                    seen.dkim().getFirst().result(), seen.dkim().getFirst().reason());
            time("signed message, 7 MB body (.eml)", rounds, () -> analyzer.analyze(eml(reader, seven)));
            time(
                    "10,000 Received lines (pasted)",
                    rounds,
                    () -> analyzer.analyze(reader.readPasted(received.toString())));
            time(
                    "1 MB header (.eml)",
                    rounds,
                    () -> analyzer.analyze(eml(reader, huge.getBytes(StandardCharsets.US_ASCII))));
        }
    }

    private static dev.mailflow.message.ReadMessage eml(MailReader reader, byte[] bytes) {
        try {
            return reader.readEml(bytes);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void time(String name, int rounds, Supplier<Object> work) {
        for (int i = 0; i < 3; i++) {
            work.get();
        }
        long[] ms = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            work.get();
            ms[i] = (System.nanoTime() - start) / 1_000_000;
        }
        Arrays.sort(ms);
        System.out.printf("%-42s p50 %5d ms   max %5d ms%n", name, ms[rounds / 2], ms[rounds - 1]);
    }
}
