package dev.mailflow.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Received chains written from the formats Exchange Online, SendGrid, Postfix, Exim, Sendmail,
 * qmail, Gmail and Amazon SES document or are known to write.
 */
class HopChainTest {

    /** A bulk sender (PowerMTA) into Exchange Online: the mail waited 5 hours at the sender. */
    static final String EXCHANGE_ONLINE = """
            Received: from AM6PR04MB5111.eurprd04.prod.outlook.com
             (2603:10a6:20b:1a::21) by DB9PR04MB8444.eurprd04.prod.outlook.com with
             HTTPS via AM6PR04CA0012.EURPRD04.PROD.OUTLOOK.COM; Tue, 2 Nov 2021 15:11:03
             +0000
            Received: from AM5EUR03FT012.eop-EUR03.prod.protection.outlook.com
             (10.152.16.53) by AM6PR04MB5111.eurprd04.prod.outlook.com
             (10.152.17.134) with Microsoft SMTP Server (version=TLS1_2,
             cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.4649.14; Tue, 2
             Nov 2021 15:11:02 +0000
            Received: from vmta6.news.contoso.com (203.0.113.217) by
             AM5EUR03FT012.mail.protection.outlook.com (10.152.16.112) with Microsoft SMTP
             Server id 15.20.4649.14 via Frontend Transport; Tue, 2 Nov 2021 15:11:02
             +0000
            Received: from localhost (10.0.22.21) by vmta6.news.contoso.com (PowerMTA(TM) v5.0r4) id 3kq0ps2lrl0 for <kate@fabrikam.com>; Tue, 2 Nov 2021 06:00:45 -0400 (envelope-from <bounces@news.contoso.com>)
            """;

    @Test
    void exchangeOnlineHopsAreOldestFirstWithDelaysAndTotal() {
        var chain = HopChain.of(HeaderText.fields(EXCHANGE_ONLINE));

        assertThat(chain.hops()).hasSize(4);
        var first = chain.hops().getFirst();
        assertThat(first.from()).isEqualTo("localhost");
        assertThat(first.fromAddress()).isEqualTo("10.0.22.21");
        assertThat(first.by()).isEqualTo("vmta6.news.contoso.com");
        assertThat(first.id()).isEqualTo("3kq0ps2lrl0");
        assertThat(first.forAddress()).isEqualTo("<kate@fabrikam.com>");
        assertThat(first.at()).isEqualTo(Instant.parse("2021-11-02T10:00:45Z"));
        assertThat(first.delaySeconds()).isNull();
        assertThat(first.inside()).isTrue();

        var frontDoor = chain.hops().get(1);
        assertThat(frontDoor.from()).isEqualTo("vmta6.news.contoso.com");
        assertThat(frontDoor.fromAddress()).isEqualTo("203.0.113.217");
        assertThat(frontDoor.with()).isEqualTo("Microsoft SMTP Server");
        assertThat(frontDoor.via()).isEqualTo("Frontend Transport");
        assertThat(frontDoor.tls()).isNull();
        assertThat(frontDoor.delaySeconds()).isEqualTo(5 * 3600 + 10 * 60 + 17.0);
        assertThat(frontDoor.inside()).isFalse();

        var internal = chain.hops().get(2);
        assertThat(internal.tls()).isEqualTo(new Hop.Tls("TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"));
        assertThat(internal.with()).isEqualTo("Microsoft SMTP Server");
        assertThat(internal.delaySeconds()).isZero();
        assertThat(internal.inside()).isTrue();

        var mailbox = chain.hops().get(3);
        assertThat(mailbox.with()).isEqualTo("HTTPS");
        assertThat(mailbox.via()).isEqualTo("AM6PR04CA0012.EURPRD04.PROD.OUTLOOK.COM");
        assertThat(mailbox.fromAddress()).isEqualTo("2603:10a6:20b:1a::21");
        assertThat(mailbox.delaySeconds()).isEqualTo(1.0);
        assertThat(chain.totalSeconds()).isEqualTo(5 * 3600 + 10 * 60 + 18.0);
    }

    /** SendGrid writes Go's time layout and no semicolon; its relay writes milliseconds. */
    @Test
    void sendGridTimesWithoutSemicolonAndWithFractionsParse() {
        var chain = HopChain.of(HeaderText.fields("""
                Received: from o1.ptr1234.example.org (198.51.100.2) by BN8NAM11FT054.mail.protection.outlook.com (10.13.177.102) with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.4669.10 via Frontend Transport; Mon, 8 Nov 2021 09:12:04 +0000
                Received: by filter2041p1las1.sendgrid.net with SMTP id filter2041p1las1-13380-6188EA23-2D
                        2021-11-08 09:12:03.521867393 +0000 UTC m=+1234.567
                Received: from app.example.org (unknown [192.0.2.55])
                	by ismtpd0104p1iad2.sendgrid.net (SG) with ESMTP id 7xGQ2aOuQ8uXhS7hS6mCxQ
                	for <kate@fabrikam.com>; Mon, 08 Nov 2021 09:12:03.402 +0000 (UTC)
                """));

        var hops = chain.hops();
        assertThat(hops.getFirst().at()).isEqualTo(Instant.parse("2021-11-08T09:12:03.402Z"));
        assertThat(hops.getFirst().from()).isEqualTo("app.example.org");
        assertThat(hops.getFirst().fromAddress()).isEqualTo("192.0.2.55");
        assertThat(hops.get(1).by()).isEqualTo("filter2041p1las1.sendgrid.net");
        assertThat(hops.get(1).id()).isEqualTo("filter2041p1las1-13380-6188EA23-2D");
        assertThat(hops.get(1).with()).isEqualTo("SMTP");
        assertThat(hops.get(1).at()).isEqualTo(Instant.parse("2021-11-08T09:12:03.521867393Z"));
        assertThat(hops.get(1).delaySeconds()).isEqualTo(0.119);
        assertThat(hops.get(2).delaySeconds()).isEqualTo(0.478);
        assertThat(chain.totalSeconds()).isEqualTo(0.598);
    }

    @Test
    void postfixEximSendmailAndGmailTlsAreRead() {
        var chain = HopChain.of(HeaderText.fields("""
                Received: from mx.fabrikam.com (mx.fabrikam.com [198.51.100.25])
                	by mx.google.com with ESMTPS id a1si123456qkb.200.2021.11.08.09.12.05
                	for <kate@fabrikam.com>
                	(version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 bits=256/256);
                	Mon, 08 Nov 2021 01:12:05 -0800 (PST)
                Received: from relay.fabrikam.com (relay.fabrikam.com [198.51.100.24])
                	by mx.fabrikam.com (8.15.2/8.15.2) with ESMTPS id 1A8Hc4aB012345
                	(version=TLSv1.3 cipher=TLS_AES_256_GCM_SHA384 bits=256 verify=NOT)
                	for <kate@fabrikam.com>; Mon, 8 Nov 2021 04:12:04 -0500
                Received: from [192.0.2.7] (helo=mail.contoso.com)
                	by relay.fabrikam.com with esmtps (TLS1.2) tls TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384
                	(Exim 4.94.2)
                	(envelope-from <ann@contoso.com>)
                	id 1mk1Ab-0002cD-Ef
                	for kate@fabrikam.com; Mon, 08 Nov 2021 09:12:03 +0000
                Received: from mail.contoso.com (mail.contoso.com [192.0.2.7])
                	(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)
                	 key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256)
                	(No client certificate requested)
                	by mail.contoso.com (Postfix) with ESMTPS id 4HnB3k1xyz;
                	Mon,  8 Nov 2021 09:12:02 +0000 (UTC)
                Received: by mail.contoso.com (Postfix, from userid 1000)
                	id 4HnB3k0abc; Mon,  8 Nov 2021 09:12:01 +0000 (UTC)
                """));

        var hops = chain.hops();
        assertThat(hops).hasSize(5);
        assertThat(hops.getFirst().from()).isNull();
        assertThat(hops.getFirst().by()).isEqualTo("mail.contoso.com");
        assertThat(hops.getFirst().id()).isEqualTo("4HnB3k0abc");
        assertThat(hops.get(1).tls()).isEqualTo(new Hop.Tls("TLSv1.3", "TLS_AES_256_GCM_SHA384"));
        assertThat(hops.get(1).fromAddress()).isEqualTo("192.0.2.7");
        assertThat(hops.get(2).from()).isEqualTo("[192.0.2.7]");
        assertThat(hops.get(2).fromAddress()).isEqualTo("192.0.2.7");
        assertThat(hops.get(2).tls()).isEqualTo(new Hop.Tls("TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"));
        assertThat(hops.get(2).id()).isEqualTo("1mk1Ab-0002cD-Ef");
        assertThat(hops.get(2).forAddress()).isEqualTo("kate@fabrikam.com");
        assertThat(hops.get(3).tls()).isEqualTo(new Hop.Tls("TLSv1.3", "TLS_AES_256_GCM_SHA384"));
        assertThat(hops.get(3).at()).isEqualTo(Instant.parse("2021-11-08T09:12:04Z"));
        assertThat(hops.get(4).tls()).isEqualTo(new Hop.Tls("TLSv1.3", "TLS_AES_256_GCM_SHA384"));
        assertThat(hops.get(4).at()).isEqualTo(Instant.parse("2021-11-08T09:12:05Z"));
        assertThat(hops.get(4).forAddress()).isEqualTo("<kate@fabrikam.com>");
        assertThat(chain.totalSeconds()).isEqualTo(4.0);
    }

    @Test
    void qmailCommentOnlyHeadersAreTimedStepsWithoutHosts() {
        var chain = HopChain.of(HeaderText.fields("""
                Received: from unknown (HELO mail.contoso.com) (192.0.2.7)
                  by mx.fabrikam.com with SMTP; 8 Nov 2021 09:12:09 -0000
                Received: (qmail 10876 invoked from network); 8 Nov 2021 09:12:08 -0000
                Received: (qmail 10874 invoked by uid 89); 8 Nov 2021 09:12:07 -0000
                """));

        var hops = chain.hops();
        assertThat(hops).hasSize(3);
        assertThat(hops.getFirst().by()).isNull();
        assertThat(hops.getFirst().from()).isNull();
        assertThat(hops.getFirst().note()).isEqualTo("qmail 10874 invoked by uid 89");
        assertThat(hops.get(2).from()).isEqualTo("unknown");
        assertThat(hops.get(2).fromAddress()).isEqualTo("192.0.2.7");
        assertThat(hops.get(2).tls()).isNull();
        assertThat(chain.totalSeconds()).isEqualTo(2.0);
    }

    @Test
    void amazonSesAndAClockBehindShowAsNegativeDelay() {
        var chain = HopChain.of(HeaderText.fields("""
                Received: from a8-31.smtp-out.amazonses.com (a8-31.smtp-out.amazonses.com [54.240.8.31])
                	by mx.fabrikam.com (Postfix) with ESMTPS id 4Hn0001
                	for <kate@fabrikam.com>; Mon, 8 Nov 2021 09:11:30 +0000 (UTC)
                Received: from app.contoso.com (app.contoso.com [192.0.2.80]) by email-smtp.amazonaws.com with SMTP (SimpleEmailService-d-ABCDEFGH1) id 0aBcD1eFgH2 for kate@fabrikam.com; Mon, 08 Nov 2021 09:12:00 +0000 (UTC)
                """));

        assertThat(chain.hops().get(1).delaySeconds()).isEqualTo(-30.0);
        assertThat(chain.hops().get(1).clockSkew()).isTrue();
        assertThat(chain.totalSeconds()).isEqualTo(-30.0);
    }

    @Test
    void obsoleteZonesTwoDigitYearsAndMissingZonesParse() {
        assertThat(HeaderDate.find("Tue, 2 Nov 21 10:00:45 EDT").orElseThrow().at())
                .isEqualTo(Instant.parse("2021-11-02T14:00:45Z"));
        var noZone = HeaderDate.find("2 Nov 2021 10:00:45").orElseThrow();
        assertThat(noZone.at()).isEqualTo(Instant.parse("2021-11-02T10:00:45Z"));
        assertThat(noZone.zoneAssumed()).isTrue();
        assertThat(HeaderDate.find("Tue Nov  2 10:00:45 2021").orElseThrow().at())
                .isEqualTo(Instant.parse("2021-11-02T10:00:45Z"));
        assertThat(HeaderDate.find("31 Feb 2021 99:99:99 +0000")).isEmpty();
        assertThat(HeaderDate.find("yesterday, around noon")).isEmpty();
    }

    @Test
    void tenThousandReceivedHeadersAreCutToAHundredHops() {
        var block = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            block.append("Received: from a").append(i).append(".example by b.example; 8 Nov 2021 09:12:09 -0000\n");
        }

        var chain = HopChain.of(HeaderText.fields(block.toString()));

        assertThat(chain.hops()).hasSize(HopChain.MAX_HOPS);
        assertThat(chain.skipped()).isEqualTo(MessageLimits.DEFAULT.maxHeaders() - HopChain.MAX_HOPS);
        assertThat(chain.hops().getLast().from()).isEqualTo("a0.example");
    }

    @Test
    void repeatedKeywordsKeepEveryValueAndCapitalisedKeywordsCount() {
        var repeated = ReceivedReader.read(
                "by relay1.example by relay2.example with SMTP with LMTP 2021-11-08 09:12:03 +0000");
        assertThat(repeated.by()).isEqualTo("relay1.example; relay2.example");
        assertThat(repeated.with()).isEqualTo("SMTP; LMTP");
        assertThat(repeated.at()).isEqualTo(Instant.parse("2021-11-08T09:12:03Z"));

        var capitalised = ReceivedReader.read(
                "From a.example (192.0.2.1) By b.example With ESMTPS Id 42; 8 Nov 2021 09:12:03 +0000");
        assertThat(capitalised.from()).isEqualTo("a.example");
        assertThat(capitalised.by()).isEqualTo("b.example");
        assertThat(capitalised.tls()).isEqualTo(new Hop.Tls(null, null));
        assertThat(Durations.words(-0.028)).isEqualTo("−28 ms");
        assertThat(Durations.words(18614)).isEqualTo("5 h 10 min");
    }

    @Test
    void aDateOnlyHeaderIsATimedStepAndAnEmptyOneIsNothing() {
        assertThat(ReceivedReader.read("; 22 Apr 2018").at()).isEqualTo(Instant.parse("2018-04-22T00:00:00Z"));
        assertThat(ReceivedReader.read(";").at()).isNull();
        assertThat(ReceivedReader.read("").by()).isNull();
    }
}
