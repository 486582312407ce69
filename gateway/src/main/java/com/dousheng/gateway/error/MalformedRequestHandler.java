package com.dousheng.gateway.error;

import com.dousheng.common.web.ErrorCode;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.concurrent.TimeUnit;

/**
 * Answers requests that never reach Spring in the envelope: a URL with broken percent-encoding (Spring's
 * adapter would answer an empty 400) and a request line or headers over the limits (Reactor Netty would answer an
 * empty 413/431). Sits right after the HTTP codec; one instance per connection, which it ends after answering.
 */
final class MalformedRequestHandler extends ChannelInboundHandlerAdapter {
    private static final long DRAIN_SECONDS = 2;
    /** RFC 3986's unreserved and reserved characters but '#', '[' and ']', which a request target never needs. */
    private static final String PLAIN_PUNCTUATION = "-._~/?:@!$&'()*+,;=";

    private final EnvelopeWriter envelope;
    private boolean discarding;

    MalformedRequestHandler(EnvelopeWriter envelope) {
        this.envelope = envelope;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (discarding) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest request) {
            String message = problem(request);
            if (message != null) {
                discarding = true;
                ErrorCode code = request.decoderResult().isFailure() ? ErrorCode.PAYLOAD_TOO_LARGE
                        : ErrorCode.INVALID_PARAMETER;
                ReferenceCountUtil.release(msg);
                ctx.writeAndFlush(answer(code, message)).addListener(written -> finish(ctx));
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    /**
     * Closing at once would reset the connection while the client still sends the rest of an oversized request,
     * and a reset can destroy the answer before the client reads it: end our side, drain, then close.
     */
    private static void finish(ChannelHandlerContext ctx) {
        if (ctx.channel() instanceof DuplexChannel duplex) {
            duplex.shutdownOutput();
            ctx.executor().schedule(() -> ctx.close(), DRAIN_SECONDS, TimeUnit.SECONDS);
        } else {
            ctx.close();
        }
    }

    private static String problem(HttpRequest request) {
        if (request.decoderResult().isFailure()) {
            Throwable cause = request.decoderResult().cause();
            return cause instanceof TooLongFrameException
                    ? "the request line or headers are too large" : "the request is malformed";
        }
        if (plainlyValid(request.uri())) {
            return null;
        }
        try {
            new URI(request.uri());
            return null;
        } catch (URISyntaxException e) {
            return "the URL is not correctly encoded: percent-encode parameter values";
        }
    }

    /**
     * Whether {@code uri} holds nothing but characters a URI takes unescaped and well-formed percent-escapes: true
     * for nearly every request, which then skips the full parse (Reactor Netty parses the URI once more itself).
     */
    static boolean plainlyValid(String uri) {
        int length = uri.length();
        // origin-form only ("/path?query"); "//x" would be read as an authority
        if (length == 0 || uri.charAt(0) != '/' || (length > 1 && uri.charAt(1) == '/')) {
            return false;
        }
        for (int i = 1; i < length; i++) {
            char c = uri.charAt(i);
            if (c == '%') {
                if (i + 2 >= length || Character.digit(uri.charAt(i + 1), 16) < 0
                        || Character.digit(uri.charAt(i + 2), 16) < 0) {
                    return false;
                }
                i += 2;
            } else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || PLAIN_PUNCTUATION.indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }

    private FullHttpResponse answer(ErrorCode code, String message) {
        byte[] body = envelope.body(code, message);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return response;
    }
}
