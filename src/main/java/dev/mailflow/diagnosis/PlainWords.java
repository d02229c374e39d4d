package dev.mailflow.diagnosis;

/**
 * Words for people who are not mail administrators: no reply codes, no protocol words.
 *
 * @param message what a helpdesk tells the customer, ready to paste
 * @param user what the user (the person sending) can do
 */
public record PlainWords(String message, String user) {}
