package dev.mailflow.smtp;

import java.io.IOException;

/** A reply was too large to read to its end, so later replies could not be matched to commands. */
final class ReplyOutOfStepException extends IOException {

    ReplyOutOfStepException() {
        super("the server sent a reply too large to read to its end; the connection was abandoned");
    }
}
