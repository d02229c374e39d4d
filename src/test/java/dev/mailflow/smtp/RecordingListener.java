package dev.mailflow.smtp;

import dev.mailflow.tls.TlsFacts;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every listener call as a transcript line: {@code C: } sent, {@code S: } received, {@code I: } note. */
final class RecordingListener implements SessionListener {

    final List<String> lines = new CopyOnWriteArrayList<>();
    final List<SmtpReply> replies = new CopyOnWriteArrayList<>();
    final List<TlsFacts> tls = new CopyOnWriteArrayList<>();

    @Override
    public void sent(Phase phase, String line) {
        lines.add("C: " + line);
    }

    @Override
    public void received(Phase phase, ServerLine line) {
        lines.add("S: " + line.text());
    }

    @Override
    public void note(Phase phase, String text) {
        lines.add("I: " + text);
    }

    @Override
    public void reply(Phase phase, SmtpReply reply) {
        replies.add(reply);
    }

    @Override
    public void tls(TlsFacts facts) {
        tls.add(facts);
    }

    List<String> sent() {
        return lines.stream()
                .filter(l -> l.startsWith("C: "))
                .map(l -> l.substring(3))
                .toList();
    }

    List<String> notes() {
        return lines.stream()
                .filter(l -> l.startsWith("I: "))
                .map(l -> l.substring(3))
                .toList();
    }
}
