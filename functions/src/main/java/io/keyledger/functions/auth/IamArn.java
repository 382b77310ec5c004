package io.keyledger.functions.auth;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A caller's IAM principal ARN as AWS reports it, and the principal it stands for. An assumed-role
 * session {@code arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION} stands for the role
 * {@code arn:aws:iam::ACCOUNT:role/ROLE} (STS drops the role's path); users, roles, the account root
 * and federated users stand for themselves.
 *
 * @param callerArn    the ARN as reported, session name included: what audit records show
 * @param principalArn what a {@link PrincipalMapping} matches
 * @param sessionName  the role session name of an assumed role
 */
public record IamArn(String callerArn, String principalArn, Optional<String> sessionName) {

    private static final Pattern ARN = Pattern.compile("arn:(aws[a-z-]*):(iam|sts)::(\\d{12}):([^:\\s]+)");
    private static final Pattern ASSUMED_ROLE = Pattern.compile("assumed-role/([^/]+)/([^/]+)");

    public IamArn {
        Objects.requireNonNull(callerArn, "callerArn");
        Objects.requireNonNull(principalArn, "principalArn");
        Objects.requireNonNull(sessionName, "sessionName");
    }

    /** @throws IllegalArgumentException when the text is not the ARN of an IAM or STS principal */
    public static IamArn parse(String callerArn) {
        Matcher arn = callerArn == null ? null : ARN.matcher(callerArn);
        if (arn == null || !arn.matches()) {
            throw new IllegalArgumentException("not an IAM principal ARN");
        }
        String partition = arn.group(1);
        String account = arn.group(3);
        String resource = arn.group(4);
        if (arn.group(2).equals("iam")) {
            return new IamArn(callerArn, callerArn, Optional.empty());
        }
        Matcher assumed = ASSUMED_ROLE.matcher(resource);
        if (assumed.matches()) {
            return new IamArn(callerArn, "arn:" + partition + ":iam::" + account + ":role/" + assumed.group(1),
                    Optional.of(assumed.group(2)));
        }
        if (resource.startsWith("federated-user/")) {
            return new IamArn(callerArn, callerArn, Optional.empty());
        }
        throw new IllegalArgumentException("not an IAM principal ARN");
    }
}
