package io.keyledger.functions.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Finds the route of a request by its decoded path segments. A path parameter matches exactly one
 * segment, so a key id (which contains '/') travels URL-encoded as one segment.
 */
final class Router {

    /** The route a request goes to, with its path parameters decoded. */
    record Match(Route route, Map<String, String> parameters) {
    }

    private final List<Route> routes;

    Router(List<Route> routes) {
        this.routes = List.copyOf(routes);
        for (int i = 0; i < this.routes.size(); i++) {
            for (int j = i + 1; j < this.routes.size(); j++) {
                Route a = this.routes.get(i);
                Route b = this.routes.get(j);
                if (a.method().equals(b.method()) && a.template().equals(b.template())) {
                    throw new IllegalArgumentException("route " + a.method() + " " + a.template() + " twice");
                }
            }
        }
    }

    List<Route> routes() {
        return routes;
    }

    /**
     * The route for the method and path.
     *
     * @throws ApiProblem 404 when no route has this path, 405 (with the allowed methods) when some do
     *                    but not for this method
     */
    Match find(String method, List<String> segments) {
        List<String> allowed = new ArrayList<>();
        for (Route route : routes) {
            Map<String, String> parameters = bind(route.templateSegments(), segments);
            if (parameters == null) {
                continue;
            }
            if (route.method().equals(method)) {
                return new Match(route, parameters);
            }
            allowed.add(route.method());
        }
        if (allowed.isEmpty()) {
            throw ApiProblem.notFound("no such resource: see /openapi.json for the paths of this API");
        }
        throw ApiProblem.methodNotAllowed(method, allowed);
    }

    /** The template's parameters bound to the path's segments, or null when the path does not fit. */
    private static Map<String, String> bind(List<String> template, List<String> segments) {
        if (template.size() != segments.size()) {
            return null;
        }
        Map<String, String> parameters = new HashMap<>();
        for (int i = 0; i < template.size(); i++) {
            String t = template.get(i);
            String s = segments.get(i);
            if (Route.isParameter(t)) {
                if (s.isEmpty()) {
                    return null;
                }
                parameters.put(t.substring(1, t.length() - 1), s);
            } else if (!Objects.equals(t, s)) {
                return null;
            }
        }
        return parameters;
    }
}
