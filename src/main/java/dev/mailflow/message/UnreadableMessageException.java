package dev.mailflow.message;

/** The bytes are not a message of the kind they were given as (a {@code .msg} that is not one). */
public final class UnreadableMessageException extends Exception {

    public UnreadableMessageException(String message) {
        super(message, null, false, false);
    }
}
