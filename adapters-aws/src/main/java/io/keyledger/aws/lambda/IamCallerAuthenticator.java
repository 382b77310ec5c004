package io.keyledger.aws.lambda;

import io.keyledger.core.access.Principal;
import io.keyledger.functions.auth.AuthenticationException;
import io.keyledger.functions.auth.Authenticator;
import io.keyledger.functions.auth.IamPrincipalMapping;
import io.keyledger.functions.http.HttpRequest;
import java.util.Objects;

/**
 * The caller of a Lambda function URL with {@code AuthType: AWS_IAM}: Lambda checked the request's SigV4
 * signature and put the signer's ARN in the request context ({@code requestContext.authorizer.iam.userArn});
 * its roles come from the principal mapping ({@link IamPrincipalMapping}).
 *
 * <p>The ARN reaches this authenticator in the header {@value #CALLER_HEADER} of the {@link HttpRequest}
 * that {@link FunctionUrlRequests} builds, and from nowhere else. That header cannot be forged by a
 * caller: {@link FunctionUrlRequests} drops every header of that name the request came with (whatever its
 * case) and sets it only from the request context, which Lambda fills and the caller cannot write; in
 * this deployment no other code builds the requests the admin API sees. A request without an IAM
 * context (a function URL with {@code AuthType: NONE}) is therefore answered 401, whatever it sends.
 */
final class IamCallerAuthenticator implements Authenticator {

    /** The internal header carrying the verified caller ARN; never taken from the caller. */
    static final String CALLER_HEADER = "x-keyledger-verified-iam-caller";

    private final IamPrincipalMapping mapping;

    IamCallerAuthenticator(IamPrincipalMapping mapping) {
        this.mapping = Objects.requireNonNull(mapping, "mapping");
    }

    @Override
    public Principal authenticate(HttpRequest request) {
        String arn = request.header(CALLER_HEADER).filter(a -> !a.isBlank()).orElseThrow(() ->
                new AuthenticationException("the request is not signed with AWS credentials (SigV4): the function "
                        + "URL must use AuthType AWS_IAM"));
        return mapping.principalFor(arn);
    }
}
