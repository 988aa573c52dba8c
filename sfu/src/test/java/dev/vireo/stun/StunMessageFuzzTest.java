package dev.vireo.stun;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Every STUN message a peer sends reaches {@link StunMessage#parse} before any check: whatever the bytes, it must
 * refuse them with {@link StunException} or give a view whose accessors do not throw anything else.
 */
class StunMessageFuzzTest {
    private static final MessageIntegrity KEY = new MessageIntegrity("VOkJxbRl1RmTxUk/WvJxBt");

    @FuzzTest
    void parseRefusesOrReads(FuzzedDataProvider data) {
        int lead = data.consumeInt(0, 8);
        byte[] bytes = data.consumeRemainingAsBytes();
        byte[] buf = new byte[lead + bytes.length];
        System.arraycopy(bytes, 0, buf, lead, bytes.length);
        StunMessage m;
        try {
            m = StunMessage.parse(buf, lead, bytes.length);
        } catch (StunException refused) {
            return;
        }
        m.username();
        m.priority();
        m.messageClass();
        KEY.verify(m);
        try {
            m.xorMappedAddress();
        } catch (StunException refused) {
            // a bad attribute value is refused on access
        }
        try {
            m.errorCode();
        } catch (StunException refused) {
            // likewise
        }
    }
}
