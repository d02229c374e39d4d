package dev.mailflow.smtp;

/**
 * One command and the reply it got, in the phase it belongs to. {@code command} is the line as
 * sent, already redacted where it carried credentials; it is empty for the banner.
 */
public record Exchange(Phase phase, String command, SmtpReply reply) {}
