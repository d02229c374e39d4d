package dev.mailflow.web;

/** A run or a code that does not exist; pages answer with a friendly 404, the API with a problem. */
class NotFoundException extends RuntimeException {

    private final boolean mayHaveExpired;

    /** A run that is not there: it may have expired, and the page says so. */
    NotFoundException(String message) {
        this(message, true);
    }

    /** @param mayHaveExpired whether the thing could have existed once (a run) rather than never (a code) */
    NotFoundException(String message, boolean mayHaveExpired) {
        super(message);
        this.mayHaveExpired = mayHaveExpired;
    }

    boolean mayHaveExpired() {
        return mayHaveExpired;
    }
}
