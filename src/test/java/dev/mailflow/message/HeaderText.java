package dev.mailflow.message;

import java.util.List;

/** Header fields of a header block written in a test, read by the application's own reader. */
final class HeaderText {

    private static final MailReader READER = new MailReader();

    private HeaderText() {}

    static List<HeaderField> fields(String block) {
        return READER.readPasted(block).headers();
    }
}
