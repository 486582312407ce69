package com.dousheng.nacos;

import io.grpc.ServerBuilder;
import io.grpc.ServerCredentials;
import io.grpc.ServerProvider;
import io.grpc.ServerRegistry;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.net.InetSocketAddress;

/**
 * gRPC servers made with {@code ServerBuilder.forPort(port)} listen on this address instead of every interface.
 *
 * <p>Nacos's own gRPC servers (client 9848, cluster 9849) take their address from
 * {@code nacos.remote.grpc.listen.ip}, but JRaft's (7848) is built by
 * {@code GrpcRaftRpcFactory.createRpcServer} with {@code ServerBuilder.forPort} and no address, so nothing in
 * Nacos's configuration keeps it off the other interfaces. {@code forPort} asks the {@link ServerRegistry} for
 * the provider of highest priority; this one outranks grpc-netty-shaded's (priority 5) and builds the same Netty
 * server on {@code address:port}.
 */
final class BoundServerProvider extends ServerProvider {
    private final String address;

    private BoundServerProvider(String address) {
        this.address = address;
    }

    static void register(String address) {
        ServerRegistry.getDefaultRegistry().register(new BoundServerProvider(address));
    }

    @Override
    protected boolean isAvailable() {
        return true;
    }

    @Override
    protected int priority() {
        return 9;
    }

    @Override
    protected ServerBuilder<?> builderForPort(int port) {
        return NettyServerBuilder.forAddress(new InetSocketAddress(address, port));
    }

    @Override
    protected NewServerBuilderResult newServerBuilderForPort(int port, ServerCredentials credentials) {
        return NewServerBuilderResult.serverBuilder(
                NettyServerBuilder.forAddress(new InetSocketAddress(address, port), credentials));
    }
}
