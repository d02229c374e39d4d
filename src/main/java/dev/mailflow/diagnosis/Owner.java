package dev.mailflow.diagnosis;

/** Who must act on a finding. */
public enum Owner {
    /** Our own network (outbound port 25, our egress IP's reputation, our EHLO name). */
    OUR_NETWORK,
    /** The sender (the address used, authentication, the message). */
    SENDER,
    /** The recipient domain's mail administrator (DNS, servers, certificates, policies). */
    RECIPIENT_ADMIN,
    /** The recipient (mailbox full, mailbox disabled). */
    RECIPIENT,
    /** Nobody: defensive behaviour a real sender copes with. */
    NOBODY
}
