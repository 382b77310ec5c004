package io.keyledger.functions.auth;

import io.keyledger.core.access.Principal;
import java.util.Objects;

/**
 * The principal of a caller that AWS authenticated (a Lambda function URL with IAM auth passes the
 * caller's ARN in its request context): its roles come from the {@code iamArn} entries of a
 * {@link PrincipalMapping}, matched on the role of an assumed-role session; the principal id is the
 * ARN as reported, so that audit records keep the session name.
 */
public final class IamPrincipalMapping {

    private final PrincipalMapping mapping;

    public IamPrincipalMapping(PrincipalMapping mapping) {
        this.mapping = Objects.requireNonNull(mapping, "mapping");
    }

    /** @throws AuthenticationException when the ARN is not that of an IAM principal */
    public Principal principalFor(String callerArn) {
        IamArn arn;
        try {
            arn = IamArn.parse(callerArn);
        } catch (IllegalArgumentException e) {
            throw new AuthenticationException("the caller is not an IAM principal");
        }
        return new Principal(arn.callerArn(), mapping.rolesOf(new Identity.IamPrincipal(arn.principalArn())));
    }
}
