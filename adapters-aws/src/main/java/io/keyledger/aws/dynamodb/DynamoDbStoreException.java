package io.keyledger.aws.dynamodb;

/**
 * A DynamoDB call failed for good: the error was not one to retry (validation, missing table, access
 * denied, ...), or retries ran out. The message names the DynamoDB operation, what the store was doing,
 * the table, and DynamoDB's error code.
 */
public class DynamoDbStoreException extends RuntimeException {

    public DynamoDbStoreException(String message) {
        super(message);
    }

    public DynamoDbStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
