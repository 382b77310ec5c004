package io.keyledger.archfixture.aws;

import io.keyledger.archfixture.gcp.GcpAdapter;

/** Fixture: an adapter that knows another adapter. */
public class AwsAdapter {

    public GcpAdapter gcp;
}
