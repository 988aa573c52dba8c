package dev.vireo.sfu;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything the media plane needs to start, validated once.
 *
 * @param bindAddress      where the shared media UDP socket binds (0.0.0.0 for all interfaces)
 * @param mediaPort        the one UDP port every participant's ICE/DTLS/SRTP goes through
 * @param publicAddress    the address advertised in ICE candidates
 * @param allowedNetworks  CIDR blocks remote ICE candidates and connectivity checks must come from; empty allows all
 * @param disconnectTimeout how long a peer may stay silent (no ICE consent, no media) before it is removed
 * @param lastN            how many other participants' video each subscriber receives, the most recent speakers
 *                         first; 0 = everyone's
 */
public record SfuConfig(InetAddress bindAddress, int mediaPort, InetAddress publicAddress,
                        List<String> allowedNetworks, Duration disconnectTimeout, int lastN) {
    public SfuConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(publicAddress, "publicAddress");
        allowedNetworks = List.copyOf(allowedNetworks);
        Objects.requireNonNull(disconnectTimeout, "disconnectTimeout");
        if (mediaPort < 1 || mediaPort > 65535) {
            throw new IllegalArgumentException("media port must be 1-65535, got " + mediaPort);
        }
        if (disconnectTimeout.isNegative() || disconnectTimeout.isZero()) {
            throw new IllegalArgumentException("disconnect timeout must be positive");
        }
        if (lastN < 0) {
            throw new IllegalArgumentException("last-n must be 0 (no limit) or more, got " + lastN);
        }
    }

    /** Without last-N: every subscriber receives everyone's video. */
    public SfuConfig(InetAddress bindAddress, int mediaPort, InetAddress publicAddress, List<String> allowedNetworks,
                     Duration disconnectTimeout) {
        this(bindAddress, mediaPort, publicAddress, allowedNetworks, disconnectTimeout, 0);
    }
}
