package com.merchantpay.localstack.service;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Asks a service's readiness URL whether it can take work (HTTP 200) and remembers the last answer,
 * status and body: our services show health details, so a start that never became ready can say
 * which component stayed DOWN even where only the test report survives (CI).
 */
final class ReadinessProbe {

    /** Enough of an answer to name every readiness component and its details. */
    static final int ANSWER_SHOWN = 2_000;
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(2);

    private final URI readinessUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(ASK_TIMEOUT).build();
    private final AtomicReference<String> lastAnswer = new AtomicReference<>("none yet");

    ReadinessProbe(URI readinessUrl) {
        this.readinessUrl = readinessUrl;
    }

    /** True on 200; throws when nothing answers (not listening yet, too slow to answer). */
    boolean ready() throws Exception {
        HttpRequest ask = HttpRequest.newBuilder(readinessUrl).timeout(ASK_TIMEOUT).GET().build();
        HttpResponse<String> answer;
        try {
            answer = http.send(ask, HttpResponse.BodyHandlers.ofString());
        } catch (Exception unanswered) {
            lastAnswer.set("nothing (" + unanswered.getClass().getSimpleName() + ")");
            throw unanswered;
        }
        String body = answer.body();
        lastAnswer.set(answer.statusCode() + " " + (body.length() > ANSWER_SHOWN ? body.substring(0, ANSWER_SHOWN) + "…" : body));
        return answer.statusCode() == 200;
    }

    /** The status and (start of the) body of the last answer, or what stood in its way. */
    String lastAnswer() {
        return lastAnswer.get();
    }

    void forget() {
        lastAnswer.set("none yet");
    }
}
