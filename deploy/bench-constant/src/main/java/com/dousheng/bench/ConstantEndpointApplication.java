package com.dousheng.bench;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Answers every GET under /douyin/ with the same success envelope, for the gateway's ceiling in deploy/bench.sh. */
@SpringBootApplication
@RestController
public class ConstantEndpointApplication {
    private static final byte[] ENVELOPE = "{\"status_code\":0,\"status_msg\":\"constant\"}".getBytes();

    public static void main(String[] args) {
        SpringApplication.run(ConstantEndpointApplication.class, args);
    }

    @GetMapping(path = "/douyin/**", produces = MediaType.APPLICATION_JSON_VALUE)
    public byte[] constant() {
        return ENVELOPE;
    }
}
