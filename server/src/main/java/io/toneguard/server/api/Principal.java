package io.toneguard.server.api;

/** Who is asking: an agent (by name) or an admin (sees and controls every call). */
public record Principal(String name, boolean admin) {
    /** Whether this principal may see and control a call bound to {@code agent} (null: unbound). */
    public boolean mayAccess(String agent) {
        return admin || name.equals(agent);
    }
}
