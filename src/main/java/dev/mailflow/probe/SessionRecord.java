package dev.mailflow.probe;

import dev.mailflow.smtp.SessionResult;

/**
 * One session of a run: where it went and, once over, how it ended.
 *
 * @param key {@code host/address:port}, the {@code session} of its events
 * @param result null while the session runs
 */
public record SessionRecord(String key, String host, String address, int port, int preference, SessionResult result) {

    static String key(String host, String address, int port) {
        return host + "/" + address + ":" + port;
    }
}
