package dev.mailflow.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Authentication-Results (RFC 8601), Microsoft 365's form, ARC (RFC 8617) and Received-SPF (RFC 7208 §9.1). */
class AuthResultsReaderTest {

    @Test
    void gmailStyleResultsNameTheirServerAndProperties() {
        var results = AuthResultsReader.read(HeaderText.fields("""
                Authentication-Results: mx.google.com;
                       dkim=pass header.i=@contoso.example header.s=sel1 header.b=AbCdEf12;
                       spf=pass (google.com: domain of ann@contoso.example designates 192.0.2.7 as permitted sender) smtp.mailfrom=ann@contoso.example;
                       dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=contoso.example
                From: ann@contoso.example
                """));

        assertThat(results).extracting(AuthResult::method).containsExactly("dkim", "spf", "dmarc");
        assertThat(results).allSatisfy(r -> assertThat(r.authservId()).isEqualTo("mx.google.com"));
        assertThat(results.getFirst().property("header.s")).isEqualTo("sel1");
        assertThat(results.getFirst().property("header.i")).isEqualTo("@contoso.example");
        assertThat(results.get(1).property("smtp.mailfrom")).isEqualTo("ann@contoso.example");
        assertThat(results.get(1).property("comment")).startsWith("google.com: domain of");
        assertThat(results.get(2).property("header.from")).isEqualTo("contoso.example");
    }

    @Test
    void microsoftResultsHaveNoAuthservIdAndCompauthHasAReason() {
        var results = AuthResultsReader.read(HeaderText.fields("""
                Authentication-Results: spf=softfail (sender IP is 198.51.100.9)
                 smtp.mailfrom=contoso.example; dkim=fail (body hash did not verify)
                 header.d=contoso.example;dmarc=fail action=oreject
                 header.from=contoso.example;compauth=fail reason=000
                From: ann@contoso.example
                """));

        assertThat(results).extracting(AuthResult::method).containsExactly("spf", "dkim", "dmarc", "compauth");
        assertThat(results).allSatisfy(r -> assertThat(r.authservId()).isNull());
        assertThat(results.getFirst().result()).isEqualTo("softfail");
        assertThat(results.get(1).property("header.d")).isEqualTo("contoso.example");
        assertThat(results.get(2).property("action")).isEqualTo("oreject");
        assertThat(results.get(3).property("reason")).isEqualTo("000");
    }

    @Test
    void anArcChainGivesEachInstanceItsSealAndResults() {
        var results = AuthResultsReader.read(HeaderText.fields("""
                ARC-Seal: i=2; a=rsa-sha256; t=1636362725; cv=pass; d=lists.example.org; s=arc;
                 b=c2VhbDI=
                ARC-Message-Signature: i=2; a=rsa-sha256; c=relaxed/relaxed; d=lists.example.org; s=arc;
                 h=from:to:subject; bh=Ym9keQ==; b=bWVzc2FnZTI=
                ARC-Authentication-Results: i=2; lists.example.org; dkim=fail (body changed) header.d=contoso.example;
                 arc=pass (i=1); spf=pass smtp.mailfrom=lists.example.org
                ARC-Seal: i=1; a=rsa-sha256; t=1636362700; cv=none; d=contoso-relay.example; s=arc1; b=c2VhbDE=
                ARC-Authentication-Results: i=1; relay.contoso-relay.example; dkim=pass header.d=contoso.example;
                 spf=pass smtp.mailfrom=contoso.example
                Received-SPF: pass (relay.contoso-relay.example: domain of ann@contoso.example designates 192.0.2.7 as permitted sender) client-ip=192.0.2.7; envelope-from="ann@contoso.example"; helo=mail.contoso.example; receiver=relay.contoso-relay.example;
                From: ann@contoso.example
                """));

        assertThat(results)
                .filteredOn(r -> r.method().equals("arc-seal"))
                .extracting(AuthResult::result, AuthResult::authservId, r -> r.property("arc.i"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("pass", "lists.example.org", "2"),
                        org.assertj.core.groups.Tuple.tuple("none", "contoso-relay.example", "1"));
        assertThat(results)
                .filteredOn(r -> "2".equals(r.property("arc.i")) && r.method().equals("dkim"))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.result()).isEqualTo("fail");
                    assertThat(r.authservId()).isEqualTo("lists.example.org");
                });
        assertThat(results)
                .filteredOn(r -> r.method().equals("arc"))
                .singleElement()
                .satisfies(r -> assertThat(r.property("comment")).isEqualTo("i=1"));
        assertThat(results)
                .filteredOn(r -> "Received-SPF".equals(r.header()))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.result()).isEqualTo("pass");
                    assertThat(r.authservId()).isEqualTo("relay.contoso-relay.example");
                    assertThat(r.property("envelope-from")).isEqualTo("ann@contoso.example");
                    assertThat(r.property("client-ip")).isEqualTo("192.0.2.7");
                });
    }

    @Test
    void aBrokenArcChainIsAFinding() {
        var results = AuthResultsReader.read(HeaderText.fields("""
                ARC-Seal: i=2; a=rsa-sha256; cv=fail; d=lists.example.org; s=arc; b=c2VhbDI=
                ARC-Seal: i=1; a=rsa-sha256; cv=none; d=relay.example; s=arc; b=c2VhbDE=
                From: ann@contoso.example
                """));

        var findings =
                HeaderFindings.of(HopChain.of(java.util.List.of()), results, java.util.List.of(), java.util.List.of());

        assertThat(findings).anySatisfy(f -> {
            assertThat(f.id()).isEqualTo("arc-fail");
            assertThat(f.text())
                    .startsWith("the ARC chain is broken: lists.example.org sealed instance 2 with cv=fail");
        });
    }

    @Test
    void noResultsAndBrokenValuesAreNotErrors() {
        var results = AuthResultsReader.read(HeaderText.fields("""
                Authentication-Results: mx.fabrikam.example 1; none
                Authentication-Results: ;;; = ; (unclosed comment
                Received-SPF:
                From: ann@contoso.example
                """));

        assertThat(results).extracting(AuthResult::method).containsExactly("spf");
        assertThat(results.getFirst().result()).isNull();
    }
}
