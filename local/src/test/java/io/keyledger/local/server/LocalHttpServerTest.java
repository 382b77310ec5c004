package io.keyledger.local.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.functions.http.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The local server's own protocol handling: deadlines per phase, the per-connection request limit, the
 * connection cap, and problem+json for everything it refuses (regression tests of issue 15: eight idle
 * connections blocked every other client).
 */
class LocalHttpServerTest {

    private static final Duration SHORT = Duration.ofMillis(300);
    private static final Duration LONG = Duration.ofSeconds(60);

    private final List<Socket> sockets = new ArrayList<>();
    private LocalHttpServer server;

    @AfterEach
    void stop() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private LocalHttpServer start(ServerLimits limits) throws IOException {
        server = LocalHttpServer.start(0, 2, request -> HttpResponse.of(200, "text/plain",
                request.method() + " " + request.path() + " " + request.body().length), limits);
        return server;
    }

    private Socket connect() throws IOException {
        Socket s = new Socket(server.address().getAddress(), server.address().getPort());
        s.setSoTimeout(30_000);
        sockets.add(s);
        return s;
    }

    private static void send(Socket s, String text) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Everything the server sends until it closes the connection. */
    private static String readToEnd(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        in.transferTo(b);
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void idleAndHalfSentRequestsDoNotStarveOtherClients() throws Exception {
        start(ServerLimits.DEFAULTS.withTimeouts(LONG, LONG, LONG));
        for (int i = 0; i < 8; i++) {
            send(connect(), "GET /keys HTTP/1.1\r\nHost: x\r\n");
        }
        for (int i = 0; i < 8; i++) {
            connect();
        }

        java.net.http.HttpResponse<String> answer = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(server.url() + "/ok")).timeout(Duration.ofSeconds(30)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("GET /ok 0");
    }

    @Test
    void headersThatDoNotArriveInTimeAreAnswered408AndTheConnectionClosed() throws IOException {
        start(ServerLimits.DEFAULTS.withTimeouts(SHORT, LONG, LONG));
        Socket slow = connect();
        send(slow, "GET /keys HTTP/1.1\r\nHost: x\r\n");

        String answer = readToEnd(slow);

        assertThat(answer).startsWith("HTTP/1.1 408 Request Timeout\r\n").contains("Content-Type: application/problem+json")
                .contains("\"status\":408").contains("Connection: close");
    }

    @Test
    void aBodyThatDoesNotArriveInTimeIsAnswered408() throws IOException {
        start(ServerLimits.DEFAULTS.withTimeouts(LONG, SHORT, LONG));
        Socket slow = connect();
        send(slow, "POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n0123456789");

        assertThat(readToEnd(slow)).startsWith("HTTP/1.1 408 ");
    }

    @Test
    void anIdleKeptAliveConnectionIsClosedQuietly() throws IOException {
        start(ServerLimits.DEFAULTS.withTimeouts(LONG, LONG, SHORT));
        Socket idle = connect();
        send(idle, "GET /a HTTP/1.1\r\nHost: x\r\n\r\n");

        assertThat(readToEnd(idle)).startsWith("HTTP/1.1 200 OK\r\n").endsWith("0\r\n\r\n");
    }

    @Test
    void aConnectionServesItsLimitOfRequestsThenCloses() throws IOException {
        start(ServerLimits.DEFAULTS.withRequestsPerConnection(3));
        Socket s = connect();
        send(s, "GET /1 HTTP/1.1\r\nHost: x\r\n\r\n".repeat(1) + "GET /2 HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET /3 HTTP/1.1\r\nHost: x\r\n\r\nGET /4 HTTP/1.1\r\nHost: x\r\n\r\n");

        String all = readToEnd(s);

        assertThat(all.split("HTTP/1.1 200 OK", -1)).hasSize(4);
        assertThat(all).contains("GET /3 0").doesNotContain("GET /4");
        assertThat(all.substring(all.lastIndexOf("HTTP/1.1 200"))).contains("Connection: close");
    }

    @Test
    void connectionsBeyondTheCapAreAnswered503() throws IOException {
        start(ServerLimits.DEFAULTS.withMaxConnections(2).withTimeouts(LONG, LONG, LONG));
        send(connect(), "GET");
        send(connect(), "GET");
        Socket third = connect();
        send(third, "GET /x HTTP/1.1\r\nHost: x\r\n\r\n");

        assertThat(readToEnd(third)).startsWith("HTTP/1.1 503 Service Unavailable").contains("application/problem+json");
        assertThat(server.refusedConnections()).isEqualTo(1);
    }

    @Test
    void everythingTheServerRefusesIsAProblemJson() throws IOException {
        start(ServerLimits.DEFAULTS);
        List<String> requests = List.of(
                "GET /a b HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET http://x/a HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /a HTTP/2.0\r\nHost: x\r\n\r\n",
                "GET /a HTTP/1.1\r\nBad Header\r\n\r\n",
                "GET /a HTTP/1.1\r\nX-Big: " + "x".repeat(20_000) + "\r\n\r\n",
                "POST /a HTTP/1.1\r\nContent-Length: 99999999\r\n\r\n",
                "POST /a HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n",
                "GET /caf\u00e9 HTTP/1.1\r\n\r\n");
        List<String> statuses = new ArrayList<>();
        for (String request : requests) {
            Socket s = connect();
            send(s, request);
            String answer = readToEnd(s);
            assertThat(answer).contains("Content-Type: application/problem+json").contains("\"detail\":");
            statuses.add(answer.substring(9, 12));
        }
        assertThat(statuses).containsExactly("400", "400", "505", "400", "431", "413", "400", "400");
    }

    @Test
    void aChunkedBodyAndExpectContinueAreRead() throws IOException {
        start(ServerLimits.DEFAULTS);
        Socket s = connect();
        send(s, "POST /c HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nTransfer-Encoding: chunked\r\n"
                + "Connection: close\r\n\r\n5\r\nhello\r\n3;x=y\r\nabc\r\n0\r\n\r\n");

        String answer = readToEnd(s);

        assertThat(answer).startsWith("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK").contains("POST /c 8");
    }
}
