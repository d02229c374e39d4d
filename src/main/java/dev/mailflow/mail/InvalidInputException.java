package dev.mailflow.mail;

/** A value given by a user cannot be used in an SMTP command; the message says why, for a person. */
public class InvalidInputException extends IllegalArgumentException {

    public InvalidInputException(String message) {
        super(message);
    }
}
