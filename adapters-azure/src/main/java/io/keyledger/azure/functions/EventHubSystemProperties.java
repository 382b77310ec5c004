package io.keyledger.azure.functions;

/**
 * The trigger metadata {@code SystemPropertiesArray} of an Event Hub batch: one of these per event, in the
 * batch's order. The Functions worker fills the fields by their names in the metadata (hence the capitals);
 * any of them may be missing.
 */
public final class EventHubSystemProperties {

    public String SequenceNumber;
    public String Offset;
    public String PartitionKey;
    public String EnqueuedTimeUtc;

    public EventHubSystemProperties() {
    }

    public EventHubSystemProperties(long sequenceNumber, String offset, String enqueuedTimeUtc) {
        this.SequenceNumber = Long.toString(sequenceNumber);
        this.Offset = offset;
        this.EnqueuedTimeUtc = enqueuedTimeUtc;
    }
}
