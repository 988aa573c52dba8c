package dev.vireo.e2e;

import java.net.URI;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real Vireo server ({@link VireoTestServer}) for all the tests of a class: started before the first, closed
 * after the last. Register on a static field: {@code @RegisterExtension static final SharedServer server = new
 * SharedServer();}.
 */
final class SharedServer implements BeforeAllCallback, AfterAllCallback {
    private VireoTestServer server;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = VireoTestServer.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** The running server, for what the shortcuts below do not cover. */
    VireoTestServer get() {
        if (server == null) {
            throw new IllegalStateException("no server: register SharedServer on a static @RegisterExtension field");
        }
        return server;
    }

    String baseUrl() {
        return get().baseUrl();
    }

    URI signalingUri() {
        return get().signalingUri();
    }

    /** See {@link VireoTestServer#joinUrl}. */
    String joinUrl(String room, String name, String extraQuery) {
        return get().joinUrl(room, name, extraQuery);
    }
}
