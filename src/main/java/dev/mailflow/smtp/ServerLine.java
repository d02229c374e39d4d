package dev.mailflow.smtp;

/**
 * One line a server sent, as it arrived (without CRLF), with what the reply reader made of it.
 *
 * @param code the reply code the line starts with; 0 when it starts with none or breaks the grammar
 *     of RFC 5321 §4.2
 * @param completes the whole reply when this line completes it, else null (more lines follow, or the
 *     reply ends without a last line: the connection closed, too many lines)
 */
public record ServerLine(String text, int code, SmtpReply completes) {}
