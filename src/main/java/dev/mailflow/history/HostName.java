package dev.mailflow.history;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** This host's name: in Kubernetes the pod name, which is what an operator looks for in a note. */
final class HostName {

    private HostName() {}

    static String local() {
        var env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
