package io.keyledger.azure.functions;

/**
 * The trigger metadata {@code PartitionContext} of an Event Hub batch: which partition of which hub the batch
 * was read from. Filled by the Functions worker by field name; any field may be missing.
 */
public final class EventHubPartitionContext {

    public String PartitionId;
    public String EventHubName;
    public String ConsumerGroup;
    public String FullyQualifiedNamespace;

    public EventHubPartitionContext() {
    }

    public EventHubPartitionContext(String partitionId, String eventHubName) {
        this.PartitionId = partitionId;
        this.EventHubName = eventHubName;
    }
}
