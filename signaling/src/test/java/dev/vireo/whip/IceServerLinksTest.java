package dev.vireo.whip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vireo.signaling.messages.IceServer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 9725 §4.6 Link header values. */
class IceServerLinksTest {
    @Test
    void oneLinkPerUrlWithCredentialsWhenGiven() {
        assertEquals(List.of(
                        "<stun:stun.example.net>; rel=\"ice-server\"",
                        "<turn:turn.example.net?transport=udp>; rel=\"ice-server\"; username=\"1700000000:u\";"
                                + " credential=\"p\\\"w\"; credential-type=\"password\"",
                        "<turns:turn.example.net:443>; rel=\"ice-server\"; username=\"1700000000:u\";"
                                + " credential=\"p\\\"w\"; credential-type=\"password\""),
                IceServerLinks.of(List.of(new IceServer(List.of("stun:stun.example.net"), null, null),
                        new IceServer(List.of("turn:turn.example.net?transport=udp", "turns:turn.example.net:443"),
                                "1700000000:u", "p\"w"))));
    }

    @Test
    void noServersNoLinks() {
        assertEquals(List.of(), IceServerLinks.of(List.of()));
    }
}
