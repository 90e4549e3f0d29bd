package dev.jobstore.storage;

import java.util.UUID;

/** What one node tells the others: "{node} {channel}", so that a node can ignore its own messages. */
final class NodeMessage {

    /** This node; it wakes its own waiters directly. */
    private static final String NODE = UUID.randomUUID().toString();

    private NodeMessage() {}

    static String about(String channel) {
        return NODE + " " + channel;
    }

    /** The channel of a message from another node, or null for this node's own. */
    static String channelFrom(String message) {
        int space = message.indexOf(' ');
        if (space < 0 || message.substring(0, space).equals(NODE)) {
            return null;
        }
        return message.substring(space + 1);
    }
}
