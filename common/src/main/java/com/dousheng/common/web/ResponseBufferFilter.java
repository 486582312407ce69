package com.dousheng.common.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Buffers each answer whole up to {@code dousheng.web.response-buffer}: Tomcat's default 8 KB sent a feed page
 * (about 18 KB) chunked, in several writes that the gateway then relayed one by one; buffered, it goes out with a
 * Content-Length in one write.
 */
public class ResponseBufferFilter extends OncePerRequestFilter {
    private final int bufferBytes;

    public ResponseBufferFilter(int bufferBytes) {
        this.bufferBytes = bufferBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (response.getBufferSize() < bufferBytes) {
            response.setBufferSize(bufferBytes);
        }
        chain.doFilter(request, response);
    }
}
