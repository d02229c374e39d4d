package dev.mailflow.smtp;

/** Ways a server's reply departed from RFC 5321 §4.2; each is kept as a finding, never a crash. */
public enum ReplyFlaw {
    /** A CR not followed by LF inside a line; kept in the text, not treated as a line end. */
    BARE_CR,
    /** A LF not preceded by CR; kept in the text, not treated as a line end. */
    BARE_LF,
    /** A line longer than the reader's cap; the rest of the line was dropped. */
    LINE_TOO_LONG,
    /** More lines than the reader's cap; the reply was cut off. */
    TOO_MANY_LINES,
    /** More bytes than the reader's cap; the reply was cut off. */
    REPLY_TOO_LARGE,
    /** A line of a multi-line reply carried a different code than the first line. */
    CODE_MISMATCH,
    /** A line without a three-digit code and a space or hyphen after it. */
    MALFORMED_LINE,
    /** The connection ended before the last line of the reply. */
    EOF_MID_REPLY
}
