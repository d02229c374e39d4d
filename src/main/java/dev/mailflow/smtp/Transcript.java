package dev.mailflow.smtp;

import dev.mailflow.tls.TlsFacts;
import java.util.ArrayList;
import java.util.List;

/** What a session saw across its connection attempts, gathered for the {@link SessionResult}. */
final class Transcript {

    private final List<Exchange> exchanges = new ArrayList<>();
    private Extensions extensions = Extensions.NONE;
    private TlsFacts tls;

    List<Exchange> exchanges() {
        return exchanges;
    }

    Extensions extensions() {
        return extensions;
    }

    void extensions(Extensions latest) {
        extensions = latest;
    }

    TlsFacts tls() {
        return tls;
    }

    void tls(TlsFacts facts) {
        tls = facts;
    }
}
