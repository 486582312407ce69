package com.dousheng.common.auth;

import com.dousheng.common.web.BizException;
import com.dousheng.common.web.ErrorCode;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Resolves {@link Viewer} parameters. The gateway's header is trusted (the gateway strips client copies); where
 * the gateway could not read the token (a multipart upload carries it as a part) the same verifier checks it here.
 */
public class ViewerArgumentResolver implements HandlerMethodArgumentResolver {
    private final JwtService jwtService;

    public ViewerArgumentResolver(JwtService jwtService) {
        this.jwtService = jwtService;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.hasParameterAnnotation(Viewer.class);
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                  NativeWebRequest request, WebDataBinderFactory binderFactory) {
        boolean required = parameter.getParameterAnnotation(Viewer.class).required();
        String header = request.getHeader(AuthHeaders.USER_ID);
        if (header != null && !header.isBlank()) {
            try {
                return Long.parseLong(header.trim());
            } catch (NumberFormatException e) {
                throw new BizException(ErrorCode.TOKEN_INVALID);
            }
        }
        String token = request.getParameter("token");
        if (token == null || token.isBlank()) {
            if (required) {
                throw new BizException(ErrorCode.LOGIN_REQUIRED);
            }
            return null;
        }
        try {
            return jwtService.verify(token);
        } catch (BizException e) {
            if (required) {
                throw e;
            }
            return null;
        }
    }
}
