package io.keyledger.gcp.pubsub;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A Pub/Sub topic: its project and its id, named {@code projects/<project>/topics/<topic>} in the API.
 *
 * @param project the project id (a domain-scoped one, {@code example.com:proj}, too)
 * @param topic   3 to 255 letters, digits and {@code - _ . ~ + %}, starting with a letter, not with {@code goog}
 */
public record PubSubTopic(String project, String topic) {

    private static final Pattern PROJECT = Pattern.compile("([a-z0-9.-]+:)?[a-z][a-z0-9-]{4,28}[a-z0-9]");
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z][A-Za-z0-9._~+%-]{2,254}");
    private static final Pattern FULL_NAME = Pattern.compile("projects/([^/]+)/topics/([^/]+)");

    public PubSubTopic {
        if (project == null || !PROJECT.matcher(project).matches()) {
            throw new IllegalArgumentException("Pub/Sub topic: field 'project' is not a project id: '" + project + "'");
        }
        if (topic == null || !TOPIC.matcher(topic).matches() || topic.startsWith("goog")) {
            throw new IllegalArgumentException("Pub/Sub topic: field 'topic' is not a topic id (3 to 255 letters, "
                    + "digits or - _ . ~ + %, starting with a letter, not with 'goog'): '" + topic + "'");
        }
    }

    /**
     * A topic named in full ({@code projects/acme-sec/topics/keyledger-sweep}) or by its id alone, which is then
     * a topic of {@code defaultProject}.
     */
    public static PubSubTopic parse(String name, String defaultProject) {
        Objects.requireNonNull(name, "name");
        var full = FULL_NAME.matcher(name.trim());
        if (full.matches()) {
            return new PubSubTopic(full.group(1), full.group(2));
        }
        if (name.contains("/")) {
            throw new IllegalArgumentException("Pub/Sub topic: expected projects/<project>/topics/<topic> or a topic id, "
                    + "was '" + name + "'");
        }
        return new PubSubTopic(defaultProject, name.trim());
    }

    /** The API's name of the topic. */
    public String name() {
        return "projects/" + project + "/topics/" + topic;
    }

    @Override
    public String toString() {
        return name();
    }
}
