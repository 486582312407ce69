package com.dousheng.gateway.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.net.URI;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast path that spares nearly every request a second URI parse must never let a bad URI through. */
class MalformedRequestHandlerTest {

    @Test
    void theClientsUsualRequestsTakeTheFastPath() {
        assertThat(MalformedRequestHandler.plainlyValid("/douyin/feed/")).isTrue();
        assertThat(MalformedRequestHandler.plainlyValid(
                "/douyin/comment/action/?token=eyJ.a-b_c~d&video_id=7&action_type=1&comment_text=%E5%A5%BD%21")).isTrue();
    }

    @Test
    void anythingUnusualIsLeftToTheFullParse() {
        assertThat(MalformedRequestHandler.plainlyValid("/douyin/feed/?q=%E5%A")).isFalse();
        assertThat(MalformedRequestHandler.plainlyValid("/douyin/feed/?q=%zz")).isFalse();
        assertThat(MalformedRequestHandler.plainlyValid("/douyin/feed/?q=a b")).isFalse();
        assertThat(MalformedRequestHandler.plainlyValid("/douyin/feed/?q=好")).isFalse();
        assertThat(MalformedRequestHandler.plainlyValid("/a#b")).isFalse();
        assertThat(MalformedRequestHandler.plainlyValid("//host/path")).isFalse();
        assertThat(MalformedRequestHandler.plainlyValid("*")).isFalse();
        assertThat(MalformedRequestHandler.plainlyValid("")).isFalse();
    }

    @Test
    void whatTheFastPathAcceptsAlwaysParses() {
        String alphabet = "ab/?=&%:@!$'()*+,;-._~09AF{}[]|\\^`\"<> #";
        Random random = new Random(42);
        int accepted = 0;
        for (int n = 0; n < 200_000; n++) {
            StringBuilder uri = new StringBuilder("/");
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) {
                uri.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String candidate = uri.toString();
            if (MalformedRequestHandler.plainlyValid(candidate)) {
                accepted++;
                assertThatCode(() -> new URI(candidate)).as(candidate).doesNotThrowAnyException();
            }
        }
        assertThat(accepted).isGreaterThan(1000);
    }
}
