package dev.mailflow.exporter;

/** A {@code /probe} request that cannot be probed: answered 400 with this message as plain text. */
final class BadScrapeException extends RuntimeException {

    BadScrapeException(String message) {
        super(message);
    }
}
