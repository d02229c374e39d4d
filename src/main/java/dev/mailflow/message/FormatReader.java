package dev.mailflow.message;

import java.util.List;

/**
 * One family of bounce formats: it knows its markers and reads each recipient's address and reply
 * from the report's text. Each reader names the source of its format in its comment.
 */
@FunctionalInterface
interface FormatReader {

    /** The recipients this format's markers show, or nothing when the text is not in this format. */
    List<Found> read(BounceBody body);
}
