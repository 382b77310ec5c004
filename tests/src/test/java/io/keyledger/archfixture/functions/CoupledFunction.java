package io.keyledger.archfixture.functions;

import io.keyledger.archfixture.aws.AwsAdapter;

/** Fixture: a function that reaches into an adapter. */
public class CoupledFunction {

    public AwsAdapter adapter;
}
