package dev.mailflow.message;

import dev.mailflow.testing.dns.TestDnsServer;

/**
 * Header sets and signed messages for tests outside this package (the API, the page), with a DNS
 * server that serves their keys and DMARC records; the selector {@code silent} never answers.
 */
public record HeaderAnalyzerFixtures(TestDnsServer dns, TestSigner signer, TestSigner silent) {

    /** Exchange Online's inbound headers for a bulk mail it put in Junk, as Microsoft documents the fields. */
    public static final String JUNKED_AT_MICROSOFT = """
            Received: from AM6PR04MB5111.eurprd04.prod.outlook.com
             (2603:10a6:20b:1a::21) by DB9PR04MB8444.eurprd04.prod.outlook.com with
             HTTPS; Tue, 2 Nov 2021 15:11:03 +0000
            Received: from vmta6.news.contoso.example (203.0.113.217) by
             AM5EUR03FT012.mail.protection.outlook.com (10.152.16.112) with Microsoft SMTP
             Server id 15.20.4649.14 via Frontend Transport; Tue, 2 Nov 2021 15:11:02
             +0000
            Received: from localhost (10.0.22.21) by vmta6.news.contoso.example (PowerMTA(TM) v5.0r4) id 3kq0ps2lrl0 for <kate@fabrikam.example>; Tue, 2 Nov 2021 06:00:45 -0400
            Authentication-Results: spf=pass (sender IP is 203.0.113.217)
             smtp.mailfrom=bounces.mailer.example; dkim=none (message not signed)
             header.d=none;dmarc=fail action=quarantine header.from=contoso.example;compauth=fail
             reason=000
            Received-SPF: Pass (protection.outlook.com: domain of bounces.mailer.example
             designates 203.0.113.217 as permitted sender)
             receiver=protection.outlook.com; client-ip=203.0.113.217;
             helo=vmta6.news.contoso.example;
            X-MS-Exchange-Organization-SCL: 5
            X-Forefront-Antispam-Report: CIP:203.0.113.217;CTRY:US;LANG:en;SCL:5;SRV:BULK;IPV:NLI;SFV:SPM;H:vmta6.news.contoso.example;PTR:vmta6.news.contoso.example;CAT:BULK;SFS:(13230028)(4636009);DIR:INB;
            X-Microsoft-Antispam: BCL:7;
            X-Microsoft-Antispam-Mailbox-Delivery: ucf:0;jmr:0;auth:0;dest:J;OFR:SpamFilterAuthJ;ENG:(910001)(944506478);
            From: Contoso News <news@contoso.example>
            To: kate@fabrikam.example
            Subject: Our November offers
            Date: Tue, 2 Nov 2021 06:00:44 -0400
            Message-ID: <offers-1@news.contoso.example>
            """;

    public static HeaderAnalyzerFixtures create() {
        try {
            var signer = TestSigner.ed25519("contoso.example", "ed");
            var silent = TestSigner.rsa(1024, "contoso.example", "silent");
            var dns = TestDnsServer.builder()
                    .zone(
                            "contoso.example",
                            signer.zoneRecord("")
                                    + "\n_dmarc IN TXT \"v=DMARC1; p=quarantine\""
                                    + "\nsilent._domainkey IN TXT \"v=DKIM1; p=\"")
                    .start();
            dns.drop("silent._domainkey.contoso.example");
            return new HeaderAnalyzerFixtures(dns, signer, silent);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A whole message signed with Ed25519 by contoso.example, a Received chain above it. */
    public String signedMessage() throws Exception {
        return RECEIVED + signer.sign(DkimVerifierTest.MESSAGE, true, "from", "to", "subject", "date");
    }

    /** A message with {@code body} (CRLF lines), signed with Ed25519 by contoso.example. */
    public String signedMessage(String body) throws Exception {
        String head = DkimVerifierTest.MESSAGE.substring(0, DkimVerifierTest.MESSAGE.indexOf("\r\n\r\n") + 4);
        return RECEIVED + signer.sign(head + body, true, "from", "to", "subject", "date");
    }

    /** A message signed with a selector whose key lookup never gets an answer. */
    public String signedBySilentSelector() throws Exception {
        return silent.sign(DkimVerifierTest.MESSAGE, true, "from", "subject");
    }

    static final String RECEIVED = "Received: from mail.contoso.example (mail.contoso.example [192.0.2.7])\r\n"
            + "\t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits))\r\n"
            + "\tby mx.fabrikam.example (Postfix) with ESMTPS id 4HnB3k1xyz\r\n"
            + "\tfor <kate@fabrikam.example>; Mon,  8 Nov 2021 09:12:02 +0000 (UTC)\r\n";
}
