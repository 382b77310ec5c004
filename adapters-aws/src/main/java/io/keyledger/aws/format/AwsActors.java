package io.keyledger.aws.format;

import io.keyledger.core.decode.RecordFields;
import io.keyledger.core.event.Actor;
import io.keyledger.core.event.ActorType;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The actor of a CloudTrail record: {@code userIdentity} (type, ARN, invoking service), the source IP
 * address when it is one (a service host name such as {@code s3.amazonaws.com} is not) and the user agent.
 */
final class AwsActors {

    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*");

    private AwsActors() {
    }

    static Actor of(RecordFields record) {
        Optional<RecordFields> identity = record.object("userIdentity");
        String type = identity.flatMap(u -> u.text("type")).orElse("");
        Optional<String> arn = identity.flatMap(u -> u.text("arn")).filter(s -> !s.isBlank());
        Optional<String> invokedBy = identity.flatMap(u -> u.text("invokedBy")).filter(s -> !s.isBlank());
        Optional<String> account = identity.flatMap(u -> u.text("accountId")).filter(s -> !s.isBlank());
        Optional<String> principalId = identity.flatMap(u -> u.text("principalId")).filter(s -> !s.isBlank());
        ActorType actorType = typeOf(type, invokedBy.isPresent());
        String principal = actorType == ActorType.SERVICE
                ? first(invokedBy, arn, account, Optional.empty())
                : first(arn, account, principalId, invokedBy);
        Optional<String> sourceIp = record.text("sourceIPAddress").map(String::trim).filter(AwsActors::isIpAddress);
        Optional<String> userAgent = record.text("userAgent").filter(s -> !s.isBlank());
        // Only a real service principal is a calling service; "AWS Internal" names none.
        Optional<String> service = invokedBy.flatMap(AwsServiceTable::serviceOfHost).map(AwsServiceTable::principalOf);
        return new Actor(principal, actorType, sourceIp, userAgent, service);
    }

    /** The first of the candidates present, else "unknown" (no lambdas: this runs for every record read). */
    private static String first(Optional<String> a, Optional<String> b, Optional<String> c, Optional<String> d) {
        return a.orElse(b.orElse(c.orElse(d.orElse("unknown"))));
    }

    static ActorType typeOf(String userIdentityType, boolean invokedBy) {
        return switch (userIdentityType) {
            case "IAMUser", "IdentityCenterUser" -> ActorType.USER;
            case "AssumedRole", "FederatedUser", "WebIdentityUser", "SAMLUser" -> ActorType.ROLE;
            case "Root" -> ActorType.ROOT;
            case "AWSService" -> ActorType.SERVICE;
            case "AWSAccount", "" -> invokedBy ? ActorType.SERVICE : ActorType.UNKNOWN;
            default -> ActorType.UNKNOWN;
        };
    }

    /** An IPv4 or IPv6 literal; never resolved, so a host name can never trigger a lookup. */
    static boolean isIpAddress(String text) {
        if (text.indexOf(':') >= 0) {
            return IPV6.matcher(text).matches();
        }
        return isIpv4(text);
    }

    /** Four dot-separated decimal numbers of 0 to 255, without leading zeros. */
    private static boolean isIpv4(String text) {
        int parts = 0;
        int i = 0;
        int n = text.length();
        while (i <= n) {
            int start = i;
            int value = 0;
            while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                value = value * 10 + (text.charAt(i) - '0');
                i++;
                if (i - start > 3) {
                    return false;
                }
            }
            int length = i - start;
            if (length == 0 || value > 255 || (length > 1 && text.charAt(start) == '0')) {
                return false;
            }
            parts++;
            if (i == n) {
                return parts == 4;
            }
            if (text.charAt(i) != '.' || parts == 4) {
                return false;
            }
            i++;
        }
        return false;
    }
}
