package dev.mailflow.message;

import java.util.List;

/**
 * The format readers in the order they are tried: the families with the most specific markers
 * first, the plain {@code address: reply} layout last. The first that finds recipients reads the
 * report; RFC 3464 fields, when the report has them, come before all of these.
 */
final class Formats {

    static final List<Format> ALL = List.of(
            new Format("exchange2003", new Exchange2003Format()),
            new Format("exchange", new ExchangeFormat()),
            new Format("messagelabs", new MessageLabsFormat()),
            new Format("google", new GoogleFormat()),
            new Format("mimecast", new MimecastFormat()),
            new Format("barracuda", new BarracudaFormat()),
            new Format("mcafee", new McAfeeFormat()),
            new Format("domino", new DominoFormat()),
            new Format("imail", new IMailFormat()),
            new Format("courier", new CourierFormat()),
            new Format("sendmail", new SendmailFormat()),
            new Format("qmail", new QmailFormat()),
            new Format("opensmtpd", new OpenSmtpdFormat()),
            new Format("zoho", new ZohoFormat()),
            new Format("exim", new EximFormat()),
            new Format("postfix", new PostfixFormat()),
            new Format("jp-carrier", new JapaneseCarrierFormat()),
            new Format("amazon-ses", new AmazonSesFormat()),
            new Format("address-reply", new AddressReplyFormat()));

    /** A format family's reader under the name reports and the corpus give the family ({@code exim}, {@code qmail}). */
    record Format(String family, FormatReader reader) {}

    private Formats() {}
}
