package io.keyledger.core.key;

import io.keyledger.testkit.RecordEquality;
import org.junit.jupiter.api.Test;

class KeyRefTest {

    @Test
    void everyComponentTakesPartInEquality() {
        RecordEquality.assertEveryComponentTakesPart(new KeyRef(Provider.AWS, "111122223333", "eu-west-1",
                "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"));
    }
}
