package dev.vireo.ice;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** Every datagram from an unknown source reaches {@link SharedPortReceiver#requestedUfrag}: it never throws. */
class SharedPortReceiverFuzzTest {
    @FuzzTest
    void requestedUfragNeverThrows(FuzzedDataProvider data) {
        int lead = data.consumeInt(0, 8);
        byte[] bytes = data.consumeRemainingAsBytes();
        byte[] buf = new byte[lead + bytes.length];
        System.arraycopy(bytes, 0, buf, lead, bytes.length);
        String ufrag = SharedPortReceiver.requestedUfrag(buf, lead, bytes.length);
        if (ufrag != null && (ufrag.isEmpty() || ufrag.indexOf(':') >= 0)) {
            throw new IllegalStateException("not a local ufrag: '" + ufrag + "'");
        }
    }
}
