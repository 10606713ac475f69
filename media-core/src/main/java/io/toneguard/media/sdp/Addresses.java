package io.toneguard.media.sdp;

/** Validation of IPv4 dotted quads, IPv6 literals and host names as they appear in c= lines. */
final class Addresses {
    private Addresses() {
    }

    static boolean isIpv4(String s) {
        if (s.isEmpty() || s.length() > 15) {
            return false;
        }
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (!SdpSyntax.isDigits(p, 3) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    static boolean isIpv6(String s) {
        if (s.length() < 2 || s.length() > 45) {
            return false;
        }
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            return false;
        }
        int groups;
        if (gap < 0) {
            groups = countGroups(s, true);
            return groups == 8;
        }
        String head = s.substring(0, gap);
        String tail = s.substring(gap + 2);
        int headGroups = head.isEmpty() ? 0 : countGroups(head, false);
        int tailGroups = tail.isEmpty() ? 0 : countGroups(tail, true);
        if (headGroups < 0 || tailGroups < 0) {
            return false;
        }
        return headGroups + tailGroups <= 7;
    }

    /** Number of 16-bit groups in a colon list, or -1 when malformed; an IPv4 tail counts as two. */
    private static int countGroups(String s, boolean mayEndInIpv4) {
        String[] parts = s.split(":", -1);
        int count = 0;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (i == parts.length - 1 && mayEndInIpv4 && p.indexOf('.') >= 0) {
                if (!isIpv4(p)) {
                    return -1;
                }
                count += 2;
            } else if (isHexGroup(p)) {
                count++;
            } else {
                return -1;
            }
        }
        return count;
    }

    private static boolean isHexGroup(String p) {
        if (p.isEmpty() || p.length() > 4) {
            return false;
        }
        for (int i = 0; i < p.length(); i++) {
            if (Character.digit(p.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** A DNS host name: dot-separated labels of letters, digits and inner hyphens, not all numeric. */
    static boolean isHostName(String s) {
        if (s.isEmpty() || s.length() > 253) {
            return false;
        }
        String[] labels = s.split("\\.", -1);
        boolean allNumeric = true;
        for (String label : labels) {
            if (label.isEmpty() || label.length() > 63 || label.charAt(0) == '-'
                    || label.charAt(label.length() - 1) == '-') {
                return false;
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
                if (letter || c == '-') {
                    allNumeric = false;
                } else if (c < '0' || c > '9') {
                    return false;
                }
            }
        }
        return !allNumeric;
    }

    /** Returns null when the address is valid for the type, otherwise the reason it is not. */
    static String problem(AddressType type, String address) {
        if (address.indexOf('/') >= 0) {
            return "multicast connection addresses are not supported";
        }
        boolean looksIpv6 = address.indexOf(':') >= 0;
        boolean looksIpv4 = !looksIpv6 && address.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
        return switch (type) {
            case IP4 -> looksIpv6 ? "IPv6 address with address type IP4"
                    : looksIpv4 ? (isIpv4(address) ? null : "invalid IPv4 address")
                    : (isHostName(address) ? null : "invalid host name");
            case IP6 -> looksIpv6 ? (isIpv6(address) ? null : "invalid IPv6 address")
                    : looksIpv4 ? "IPv4 address with address type IP6"
                    : (isHostName(address) ? null : "invalid host name");
        };
    }

    static boolean isUnspecified(String address) {
        if (address.equals("0.0.0.0")) {
            return true;
        }
        if (!isIpv6(address)) {
            return false;
        }
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c != '0' && c != ':') {
                return false;
            }
        }
        return true;
    }
}
