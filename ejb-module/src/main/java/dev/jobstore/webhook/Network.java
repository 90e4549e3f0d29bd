package dev.jobstore.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** An address range in CIDR notation ({@code 10.0.0.0/8}, {@code fd00::/8}, {@code ::1/128}). */
record Network(byte[] base, int prefix) {

    private static final Pattern LITERAL = Pattern.compile("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    static Network parse(String cidr) {
        String[] parts = cidr.strip().split("/", 2);
        if (!LITERAL.matcher(parts[0]).matches()) { // a host name would be looked up: refuse it
            throw new IllegalArgumentException("'" + cidr + "' is not an address range such as 10.0.0.0/8");
        }
        try {
            byte[] base = InetAddress.getByName(parts[0]).getAddress();
            int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : base.length * 8;
            if (prefix < 0 || prefix > base.length * 8) {
                throw new IllegalArgumentException("'" + cidr + "' has a prefix length out of range");
            }
            return new Network(base, prefix);
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("'" + cidr + "' is not an address range such as 10.0.0.0/8", e);
        }
    }

    boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != base.length) {
            return false;
        }
        for (int bit = 0; bit < prefix; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((bytes[bit / 8] & mask) != (base[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }
}
