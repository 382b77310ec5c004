package io.keyledger.azure.format;

import io.keyledger.core.event.Actor;
import io.keyledger.core.event.KeyAttribute;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The actor of a call and the usage attributes of the service behind it. */
final class Usage {

    private Usage() {
    }

    static Actor actor(Caller caller, Optional<String> sourceIp, Optional<String> userAgent,
                       Optional<CallingService> service) {
        return new Actor(caller.principal(), caller.type(), sourceIp, userAgent, service.map(CallingService::name));
    }

    static Optional<CallingService> detect(Caller caller, Optional<String> clientInfo, Optional<String> trustedService) {
        List<String> agents = new ArrayList<>();
        clientInfo.ifPresent(agents::add);
        trustedService.ifPresent(agents::add);
        return CallerServices.detect(caller, agents);
    }

    /** {@code usage.service}, or {@code usage.aiService} and {@code usage.aiCategory} for an AI service. */
    static Map<String, String> attributes(Optional<CallingService> service) {
        Map<String, String> out = new LinkedHashMap<>();
        service.ifPresent(s -> {
            if (s.ai()) {
                out.put(KeyAttribute.USED_BY_AI_SERVICE.wireName(), s.name());
                if (!s.categories().isEmpty()) {
                    out.put(KeyAttribute.AI_USAGE_CATEGORY.wireName(),
                            s.categories().stream().map(Enum::name).collect(Collectors.joining(",")));
                }
            } else {
                out.put(KeyAttribute.USED_BY_SERVICE.wireName(), s.name());
            }
        });
        return out;
    }
}
