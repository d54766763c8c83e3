package dev.kintsugi.platform;

/**
 * What a person may do. Roles are ordered: each includes the ones before it (an {@link #ADMIN} can do
 * everything a {@link #RESPONDER} can).
 */
public enum Role {
    /** Reads everything that is not private. */
    VIEWER,
    /** Declares incidents and acts on them. */
    RESPONDER,
    /** Designs and runs chaos experiments, in addition to responding. */
    CHAOS_ENGINEER,
    /** Manages users, tokens of others and catalog deletion. */
    ADMIN;

    public String authority() {
        return "ROLE_" + name();
    }

    public boolean includes(Role other) {
        return ordinal() >= other.ordinal();
    }

    /** The Spring Security role hierarchy expression for these roles. */
    public static String hierarchy() {
        StringBuilder sb = new StringBuilder();
        Role[] all = values();
        for (int i = all.length - 1; i > 0; i--) {
            sb.append(all[i].authority())
                    .append(" > ")
                    .append(all[i - 1].authority())
                    .append('\n');
        }
        return sb.toString();
    }
}
