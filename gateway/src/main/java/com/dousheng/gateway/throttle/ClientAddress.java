package com.dousheng.gateway.throttle;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.springframework.cloud.gateway.support.ipresolver.XForwardedRemoteAddressResolver;
import org.springframework.web.server.ServerWebExchange;

/** The address a per-address limit counts against. */
final class ClientAddress {
    private ClientAddress() {
    }

    /**
     * The TCP peer, or with {@code trustedProxies} > 0 the {@code X-Forwarded-For} entry that many hops from its
     * right end (the address our outermost proxy saw). An IPv6 client is counted by its /64, which one subscriber
     * usually holds whole and could otherwise rotate through.
     */
    static String of(ServerWebExchange exchange, int trustedProxies) {
        InetSocketAddress peer = trustedProxies == 0 ? exchange.getRequest().getRemoteAddress()
                : XForwardedRemoteAddressResolver.maxTrustedIndex(trustedProxies).resolve(exchange);
        InetAddress address = peer == null ? null : peer.getAddress();
        if (address == null) {
            return peer == null ? "unknown" : peer.getHostString();
        }
        if (address instanceof Inet6Address) {
            byte[] bytes = address.getAddress();
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
            }
            return prefix.append(":/64").toString();
        }
        return address.getHostAddress();
    }
}
