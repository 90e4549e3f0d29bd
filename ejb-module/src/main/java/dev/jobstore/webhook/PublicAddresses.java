package dev.jobstore.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import org.apache.hc.client5.http.DnsResolver;

/**
 * Resolves a webhook's host once and keeps only the addresses a webhook may reach: public ones,
 * and those in the configured private networks. The connection goes to exactly these addresses,
 * so a host cannot resolve to a public address for the check and a private one for the call.
 */
final class PublicAddresses implements DnsResolver {

    static final String ALLOWED_PRIVATE_NETWORKS = "jobstore.webhook.allowed-private-networks";

    /** Not public: this network, shared (carrier NAT), IETF protocol, benchmarking, reserved, IPv6 unique local. */
    private static final List<Network> RESERVED = List.of(
            Network.parse("0.0.0.0/8"),
            Network.parse("100.64.0.0/10"),
            Network.parse("192.0.0.0/24"),
            Network.parse("198.18.0.0/15"),
            Network.parse("240.0.0.0/4"),
            Network.parse("fc00::/7"));

    /** IPv6 prefixes that carry an IPv4 address in their last four bytes (NAT64, IPv4-compatible). */
    private static final List<Network> EMBEDDING_IPV4 = List.of(Network.parse("64:ff9b::/96"), Network.parse("::/96"));

    private static final InetAddress BROADCAST = literal(new byte[] {-1, -1, -1, -1});

    private final List<Network> allowedPrivate;

    PublicAddresses(List<Network> allowedPrivate) {
        this.allowedPrivate = allowedPrivate;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] reachable = Arrays.stream(InetAddress.getAllByName(host))
                .filter(this::mayReach)
                .toArray(InetAddress[]::new);
        if (reachable.length == 0) {
            throw new RefusedAddressException("webhook host '" + host
                    + "' resolves only to private, loopback, link-local or reserved addresses, which webhooks may not reach ("
                    + ALLOWED_PRIVATE_NETWORKS + ")");
        }
        return reachable;
    }

    @Override
    public String resolveCanonicalHostname(String host) {
        return host;
    }

    boolean mayReach(InetAddress address) {
        return isPublic(address) || allowedPrivate.stream().anyMatch(network -> network.contains(address));
    }

    static boolean isPublic(InetAddress address) {
        if (address instanceof Inet6Address && EMBEDDING_IPV4.stream().anyMatch(n -> n.contains(address))) {
            return !address.isAnyLocalAddress() && !address.isLoopbackAddress() && isPublic(embeddedIpv4(address));
        }
        return !(address.isAnyLocalAddress()
                || address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()
                || RESERVED.stream().anyMatch(network -> network.contains(address))
                || address.equals(BROADCAST));
    }

    private static InetAddress embeddedIpv4(InetAddress address) {
        return literal(Arrays.copyOfRange(address.getAddress(), 12, 16));
    }

    private static InetAddress literal(byte[] bytes) {
        try {
            return Inet4Address.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** No address of the host may be reached: the delivery is refused for good. */
    static final class RefusedAddressException extends UnknownHostException {

        RefusedAddressException(String message) {
            super(message);
        }
    }
}
