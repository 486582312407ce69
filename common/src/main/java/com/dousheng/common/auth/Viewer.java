package com.dousheng.common.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller parameter ({@code Long}) that receives the id of the caller as the gateway authenticated it.
 * Optional viewers are {@code null} when anonymous; a required viewer answers "please log in first" instead.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
public @interface Viewer {
    boolean required() default false;
}
