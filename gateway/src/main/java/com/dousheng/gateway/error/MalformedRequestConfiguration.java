package com.dousheng.gateway.error;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.NettyPipeline;

@Configuration(proxyBeanMethods = false)
public class MalformedRequestConfiguration {

    @Bean
    public NettyServerCustomizer malformedRequestsInTheEnvelope(EnvelopeWriter envelope) {
        return server -> server.doOnChannelInit((observer, channel, remoteAddress) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, "dousheng.malformedRequests",
                        new MalformedRequestHandler(envelope));
            }
        });
    }
}
