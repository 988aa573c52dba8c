package dev.vireo.server;

import dev.vireo.auth.AdminKey;
import dev.vireo.auth.StoredSecret;
import dev.vireo.auth.Tokens;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The server's two secrets: the admin key of the REST API and the secret access tokens are signed with. Each comes
 * from the configuration or, when none is configured, from a file of the data directory that the first start
 * creates; a newly created admin key is printed once so the operator can note it.
 */
record Credentials(AdminKey adminKey, Tokens tokens) {
    static final String ADMIN_KEY_FILE = "admin-key";
    static final String TOKEN_SECRET_FILE = "token-secret";

    static Credentials load(ServerConfig config, Clock clock, PrintStream console) throws IOException {
        ServerConfig.Access access = config.access();
        String adminKey = access.adminKey();
        if (adminKey.isEmpty()) {
            Path file = config.dataDir().resolve(ADMIN_KEY_FILE);
            StoredSecret stored = StoredSecret.loadOrCreate(file);
            adminKey = stored.value();
            if (stored.created()) {
                // The one time the key is shown: it goes to the operator's console, never to the log.
                console.println("Vireo admin key (shown once; kept in " + file.toAbsolutePath() + "): " + adminKey);
            }
        }
        String tokenSecret = access.tokenSecret();
        if (tokenSecret.isEmpty()) {
            tokenSecret = StoredSecret.loadOrCreate(config.dataDir().resolve(TOKEN_SECRET_FILE)).value();
        }
        return new Credentials(new AdminKey(adminKey), new Tokens(tokenSecret.getBytes(StandardCharsets.UTF_8), clock));
    }
}
