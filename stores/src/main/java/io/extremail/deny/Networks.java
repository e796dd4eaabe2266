package io.extremail.deny;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Prefix arithmetic on IPv4 and IPv6 addresses. */
final class Networks {
    private Networks() {
    }

    /** The address with every bit after the first {@code prefix} cleared. */
    static InetAddress masked(InetAddress address, int prefix) {
        byte[] bytes = address.getAddress();
        for (int bit = prefix; bit < bytes.length * 8; bit++) {
            bytes[bit / 8] &= (byte) ~(0x80 >> (bit % 8));
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 4 or 16 byte address is always valid", e);
        }
    }
}
