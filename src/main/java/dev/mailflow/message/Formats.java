package dev.mailflow.message;

import java.util.List;

/**
 * The format readers in the order they are tried: the families with the most specific markers
 * first, the plain {@code address: reply} layout last. The first that finds recipients reads the
 * report; RFC 3464 fields, when the report has them, come before all of these.
 */
final class Formats {

    static final List<FormatReader> ALL = List.of(
            new Exchange2003Format(),
            new ExchangeFormat(),
            new MessageLabsFormat(),
            new GoogleFormat(),
            new MimecastFormat(),
            new BarracudaFormat(),
            new McAfeeFormat(),
            new DominoFormat(),
            new IMailFormat(),
            new CourierFormat(),
            new SendmailFormat(),
            new QmailFormat(),
            new OpenSmtpdFormat(),
            new ZohoFormat(),
            new EximFormat(),
            new PostfixFormat(),
            new JapaneseCarrierFormat(),
            new AmazonSesFormat(),
            new AddressReplyFormat());

    private Formats() {}
}
