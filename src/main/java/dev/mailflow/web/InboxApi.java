package dev.mailflow.web;

import dev.mailflow.inbox.TestMailbox;
import dev.mailflow.probe.Requester;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The test mailbox's JSON API: a one-time address for the signed-in user (OPERATOR and up, see
 * SecurityConfiguration), then the report of what arrived; another user's id answers 404.
 */
@RestController
class InboxApi {

    private final TestMailbox mailbox;

    InboxApi(TestMailbox mailbox) {
        this.mailbox = mailbox;
    }

    @PostMapping("/api/inbox")
    ResponseEntity<InboxResult.Created> create(Requester requester) {
        if (!mailbox.enabled()) {
            throw InboxPages.off();
        }
        var created = mailbox.create(requester.name());
        return ResponseEntity.created(URI.create("/api/inbox/" + created.id()))
                .body(new InboxResult.Created(created.id(), created.address(), created.expiresAt()));
    }

    @GetMapping("/api/inbox/{id}")
    InboxResult report(@PathVariable String id, Requester requester) {
        return InboxResult.of(InboxPages.readable(mailbox, id, requester), mailbox.now());
    }
}
