package io.keyledger.testkit.azure;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import java.net.MalformedURLException;
import java.net.URL;
import reactor.core.publisher.Mono;

/**
 * The HTTP transport of an Azure SDK client talking to a fake on this machine: the client's pipeline sees the
 * https URL it insists on for credentials (an access key, a token), and this transport sends the request over
 * plain HTTP to the same loopback address and port, where the fake listens. Refuses any other host, so that
 * nothing leaves the machine in clear text.
 */
public final class PlainLoopbackTransport implements HttpClient {

    private final HttpClient delegate = HttpClient.createDefault();

    @Override
    public Mono<HttpResponse> send(HttpRequest request) {
        return send(request, Context.NONE);
    }

    @Override
    public Mono<HttpResponse> send(HttpRequest request, Context context) {
        URL url = request.getUrl();
        if (!"127.0.0.1".equals(url.getHost())) {
            return Mono.error(new IllegalArgumentException("not a loopback address: " + url.getHost()));
        }
        try {
            request.setUrl(new URL("http", url.getHost(), url.getPort(), url.getFile()));
        } catch (MalformedURLException e) {
            return Mono.error(e);
        }
        return delegate.send(request, context);
    }
}
