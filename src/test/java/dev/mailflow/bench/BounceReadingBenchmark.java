package dev.mailflow.bench;

import dev.mailflow.diagnosis.Knowledge;
import dev.mailflow.message.BounceExplainer;
import dev.mailflow.message.MailReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Random;

/**
 * How long the bounce explainer takes to read what users bring: the golden corpus, and the bad
 * inputs of issue 20 (a 10 MB message with a large base64 part, 10,000 parts, messages nested 100
 * deep). Prints milliseconds and milliseconds per megabyte (the aim: about a second per megabyte at
 * most); asserts nothing. Run with bench/bounce-reading.sh.
 */
public final class BounceReadingBenchmark {

    public static void main(String[] args) throws Exception {
        var reader = new MailReader();
        var explainer = new BounceExplainer(Knowledge.load());
        // Warm up on the corpus, then time it.
        var corpus = Files.list(Path.of("src/test/resources/bounces"))
                .filter(p -> p.toString().endsWith(".txt"))
                .sorted()
                .toList();
        for (int round = 0; round < 3; round++) {
            long start = System.nanoTime();
            long bytes = 0;
            for (var file : corpus) {
                var text = Files.readString(file);
                var message = text.substring(text.indexOf("# ---\n") + 6);
                bytes += message.length();
                explainer.explain(reader.readPasted(message));
            }
            print("corpus (" + corpus.size() + " messages), round " + (round + 1), bytes, System.nanoTime() - start);
        }
        var big = new byte[7 * 1024 * 1024];
        new Random(1).nextBytes(big);
        var withAttachment = ("From: MAILER-DAEMON@example.net\nTo: tom@example.net\nMIME-Version: 1.0\n"
                        + "Content-Type: multipart/mixed; boundary=\"b\"\n\n--b\nContent-Type: text/plain\n\n"
                        + "<kate@example.org>: host mx.example.org[192.0.2.10] said: 550 5.1.1 User unknown\n"
                        + "--b\nContent-Type: text/plain\nContent-Transfer-Encoding: base64\n\n"
                        + Base64.getMimeEncoder().encodeToString(big) + "\n--b--\n")
                .getBytes(StandardCharsets.US_ASCII);
        time("10 MB message, a 7 MB base64 text part", withAttachment, reader, explainer);
        var parts = new StringBuilder(
                "From: a@example.net\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"p\"\n\n");
        for (int i = 0; i < 10_000; i++) {
            parts.append("--p\nContent-Type: text/plain\n\npart ").append(i).append('\n');
        }
        time("10,000 parts", parts.append("--p--\n").toString().getBytes(StandardCharsets.US_ASCII), reader, explainer);
        var nested = "From: a@example.net\nSubject: innermost\n\n550 5.1.1 deepest\n";
        for (int i = 0; i < 100; i++) {
            nested = "From: a@example.net\nMIME-Version: 1.0\nContent-Type: message/rfc822\n\n" + nested;
        }
        time("message/rfc822 nested 100 deep", nested.getBytes(StandardCharsets.US_ASCII), reader, explainer);
    }

    private static void time(String what, byte[] eml, MailReader reader, BounceExplainer explainer) throws Exception {
        for (int round = 0; round < 3; round++) {
            long start = System.nanoTime();
            var report = explainer.explain(reader.readEml(eml));
            print(what + " -> " + report.kind() + ", round " + (round + 1), eml.length, System.nanoTime() - start);
        }
    }

    private static void print(String what, long bytes, long nanos) {
        double ms = nanos / 1e6;
        double mb = bytes / (1024.0 * 1024.0);
        System.out.printf("%-60s %8.1f ms  %8.2f MB  %8.1f ms/MB%n", what, ms, mb, ms / Math.max(mb, 1e-9));
    }
}
