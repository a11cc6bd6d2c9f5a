package org.tillpay.dintero.internal.store;

import java.util.UUID;

/**
 * The id under which this node's pollers claim payments in the ledger, so that several Karaf nodes on one database
 * share the work: the framework property {@value #NODE_ID_PROPERTY} (e.g. in {@code etc/system.properties}) when set,
 * else the Karaf instance name with a random suffix, new at every start. Claims need only ids that differ between the
 * nodes running at the same time; a node restarted under a new id leaves its old claims to run out.
 */
final class PollerNode {

    /** The framework or system property that names this node. */
    static final String NODE_ID_PROPERTY = "tillpay.node.id";

    private static final int MAX_LENGTH = 100;

    private PollerNode() {
    }

    /**
     * @param configured the value of {@value #NODE_ID_PROPERTY}, or null
     * @param karafName the Karaf instance name ({@code karaf.name}), or null
     * @return the node id: at most 100 characters
     * @throws IllegalArgumentException when the configured id is longer than 100 characters
     */
    static String id(String configured, String karafName) {
        if (configured != null && !configured.isBlank()) {
            String id = configured.strip();
            if (id.length() > MAX_LENGTH) {
                throw new IllegalArgumentException(NODE_ID_PROPERTY + " has at most " + MAX_LENGTH + " characters");
            }
            return id;
        }
        String name = karafName == null || karafName.isBlank() ? "node" : karafName.strip();
        String suffix = "-" + UUID.randomUUID().toString().substring(0, 8);
        return name.substring(0, Math.min(name.length(), MAX_LENGTH - suffix.length())) + suffix;
    }
}
