package dev.mailflow.message;

/**
 * How much of a stranger's message is read: a message past these is read as far as they go and the
 * rest is named in {@link ReadMessage#flaws()}, so the work stays proportional to the input.
 *
 * @param maxDecodedBytes decoded bytes kept over all parts together
 * @param maxParts MIME parts visited
 * @param maxDepth nesting of multiparts and attached messages
 * @param maxHeaders header fields kept per header block
 */
public record MessageLimits(long maxDecodedBytes, int maxParts, int maxDepth, int maxHeaders) {

    /**
     * Enough for any real bounce or report: a 10 MB upload decodes to less than 8 MB of text, and a
     * report has a handful of parts. Each part costs Angus Mail a service lookup (about a
     * millisecond here), so the part count is what bounds a stranger's 10,000 tiny parts.
     */
    public static final MessageLimits DEFAULT = new MessageLimits(8L * 1024 * 1024, 100, 12, 1000);

    public MessageLimits {
        if (maxDecodedBytes < 1 || maxParts < 1 || maxDepth < 1 || maxHeaders < 1) {
            throw new IllegalArgumentException("message limits must be positive");
        }
    }
}
