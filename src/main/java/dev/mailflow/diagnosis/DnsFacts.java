package dev.mailflow.diagnosis;

import java.util.List;

/**
 * What the MX lookup found, as the diagnosis sees it (the probe maps the dns package's plan to this).
 *
 * @param status one of OK, IMPLICIT_MX, NULL_MX, NXDOMAIN, NO_MAIL_HOSTS, TIMEOUT, SERVFAIL, REFUSED,
 *     EXPLICIT, ERROR
 * @param hosts the MX hosts in preference order
 */
public record DnsFacts(String domain, String status, String detail, List<Host> hosts) {

    public DnsFacts {
        hosts = List.copyOf(hosts);
    }

    /** @param flaws any of DANGLING, CNAME, IP_LITERAL, LOOKUP_FAILED */
    public record Host(int preference, String name, List<String> addresses, List<String> flaws) {
        public Host {
            addresses = List.copyOf(addresses);
            flaws = List.copyOf(flaws);
        }
    }
}
