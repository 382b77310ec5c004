package io.keyledger.aws.format;

import io.keyledger.core.decode.RecordFields;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A change reference carried in a call's encryption context (or a grant's context constraints): an
 * entry named {@code change-ticket}, {@code change-reference}, {@code changeReference} or {@code ticket}
 * whose value looks like a ticket id. It is the one encryption-context value KeyLedger keeps, because a
 * ticket id names a change and carries no data; anything longer or with other characters is ignored.
 */
final class ChangeTickets {

    private static final Set<String> NAMES = Set.of("change-ticket", "change-reference", "changereference", "ticket");
    private static final Pattern TICKET_ID = Pattern.compile("[A-Za-z0-9._:/#-]{1,64}");

    private ChangeTickets() {
    }

    static Optional<String> of(RecordFields request) {
        Optional<String> direct = find(request, "encryptionContext");
        if (direct.isPresent()) {
            return direct;
        }
        return request.object("constraints").flatMap(c -> find(c, "encryptionContextEquals")
                .or(() -> find(c, "encryptionContextSubset")));
    }

    private static Optional<String> find(RecordFields parent, String contextName) {
        return parent.object(contextName).flatMap(context -> {
            for (String name : parent.memberNames(contextName)) {
                if (NAMES.contains(name.toLowerCase(Locale.ROOT))) {
                    var value = context.node().path(name);
                    if (value.isString() && TICKET_ID.matcher(value.asString()).matches()) {
                        return Optional.of(value.asString());
                    }
                }
            }
            return Optional.empty();
        });
    }
}
