package dev.mailflow.diagnosis;

import java.util.Set;

/**
 * Who must act on a finding, named as a helpdesk says it: {@link Owner} says which side, this says
 * which person ("sender" is the user who mistyped an address for 5.1.1, but the sender domain's DNS
 * administrator for SPF).
 */
public enum Actor {
    USER("the user"),
    RECIPIENT("the recipient"),
    RECIPIENT_ADMIN("the recipient's mail admin"),
    OUR_MAIL_ADMIN("our mail admin"),
    OUR_DNS_ADMIN("our DNS admin"),
    NOBODY("nobody");

    /** Refusals of the sender's domain set-up: fixed in that domain's DNS records. */
    private static final Set<Reason> DNS = Set.of(Reason.SENDER_AUTH_FAILED);

    /** Refusals a user settles by changing what they send or where to. */
    private static final Set<Reason> USER_SETTLES = Set.of(
            Reason.RECIPIENT_UNKNOWN,
            Reason.DOMAIN_UNKNOWN,
            Reason.NOT_ACCEPTING_MAIL,
            Reason.MESSAGE_TOO_LARGE,
            Reason.SPAM_CONTENT,
            Reason.VIRUS);

    private final String words;

    Actor(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }

    /** The person behind a finding's owner, told apart by what the finding is about. */
    public static Actor of(Finding finding) {
        if (finding.owner() == null) {
            return NOBODY;
        }
        return switch (finding.owner()) {
            case RECIPIENT_ADMIN -> RECIPIENT_ADMIN;
            case RECIPIENT -> RECIPIENT;
            case NOBODY -> NOBODY;
            case OUR_NETWORK -> OUR_MAIL_ADMIN;
            case SENDER -> sender(finding);
        };
    }

    private static Actor sender(Finding finding) {
        var id = finding.id();
        var reason = finding.reason();
        if (id.startsWith("posture.spf")
                || id.startsWith("posture.dmarc")
                || (reason != null && DNS.contains(reason))) {
            return OUR_DNS_ADMIN;
        }
        if (id.startsWith("dns.") || (reason != null && USER_SETTLES.contains(reason))) {
            return USER;
        }
        return OUR_MAIL_ADMIN;
    }
}
