package dev.mailflow.diagnosis;

import java.util.List;
import java.util.Set;

/**
 * What the MX lookup found, as the diagnosis sees it (the probe maps the dns package's plan to this;
 * the diagnosis knows nothing of DNS libraries or addresses as objects).
 *
 * @param hosts the MX hosts in preference order
 */
public record DnsFacts(String domain, Status status, String detail, List<Host> hosts) {

    public DnsFacts {
        hosts = List.copyOf(hosts);
    }

    /** How the lookup ended; the dns package's outcomes, one for one. */
    public enum Status {
        OK,
        IMPLICIT_MX,
        NULL_MX,
        NXDOMAIN,
        NO_MAIL_HOSTS,
        TIMEOUT,
        SERVFAIL,
        REFUSED,
        EXPLICIT,
        ERROR
    }

    /** What is wrong with one MX host; the dns package's flaws, one for one. */
    public enum Flaw {
        DANGLING,
        CNAME,
        IP_LITERAL,
        LOOKUP_FAILED
    }

    public record Host(int preference, String name, List<String> addresses, Set<Flaw> flaws) {
        public Host {
            addresses = List.copyOf(addresses);
            flaws = flaws == null ? Set.of() : Set.copyOf(flaws);
        }
    }
}
