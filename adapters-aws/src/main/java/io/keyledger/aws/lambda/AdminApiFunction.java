package io.keyledger.aws.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.keyledger.functions.api.AdminApi;
import io.keyledger.functions.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * {@code adminApi}: the tenant admin API ({@link AdminApi}) behind a Lambda function URL with
 * {@code AuthType: AWS_IAM}. Each request (payload format 2.0) becomes a plain {@link HttpRequest}
 * ({@link FunctionUrlRequests}), the signer's ARN authenticates it ({@link IamCallerAuthenticator}), and the
 * API's answer goes back as the function URL's response ({@link FunctionUrlResponses}), at most 6 MB.
 */
final class AdminApiFunction implements Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final AdminApi api;

    AdminApiFunction(AdminApi api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    @Override
    public APIGatewayV2HTTPResponse apply(APIGatewayV2HTTPEvent event) {
        HttpRequest request;
        try {
            request = FunctionUrlRequests.toHttpRequest(event);
        } catch (FunctionUrlRequests.MalformedRequestException e) {
            String path = event.getRawPath() == null ? "/" : event.getRawPath();
            return FunctionUrlResponses.problem(400, FunctionUrlResponses.INVALID, "Invalid request",
                    e.in() + " " + (e.field().isEmpty() ? "" : "'" + e.field() + "' ") + e.getMessage(), path,
                    List.of(Map.of("in", e.in(), "field", e.field(), "detail", e.getMessage())));
        }
        return FunctionUrlResponses.toResponse(api.apply(request), request.path());
    }
}
