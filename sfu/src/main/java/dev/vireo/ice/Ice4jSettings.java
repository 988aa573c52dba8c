package dev.vireo.ice;

import com.typesafe.config.ConfigFactory;

import org.ice4j.ice.harvest.AbstractUdpListener;

/**
 * The ice4j settings Vireo changes from ice4j's {@code reference.conf}, applied as System properties before ice4j
 * reads its configuration (Typesafe Config gives System properties precedence; ice4j's config classes read once, when
 * first loaded). A property the operator has already set is left alone.
 *
 * <ul>
 *   <li>{@code ice4j.harvest.mapping.aws.enabled=false} (and the legacy {@code DISABLE_AWS_HARVESTER=true}): otherwise
 *       the first {@code Agent} ever constructed sends HTTP requests to 169.254.169.254 to find out whether it runs on
 *       EC2, which breaks the rule that tests talk to loopback only and stalls the first session when the address
 *       does not answer. Public addresses are configured explicitly through the advertised address instead.</li>
 *   <li>{@code ice4j.harvest.mapping.stun.addresses} is left empty (the default): no STUN server is ever contacted.</li>
 *   <li>{@code ice4j.software=""}: no SOFTWARE attribute naming the library and version in every STUN message.</li>
 *   <li>{@code ice4j.harvest.udp.receive-buffer-size=8 MiB}, also the size {@link SharedPortReceiver} asks for (see
 *       {@link #receiveBufferBytes()}): every participant's media arrives on the one shared socket; the OS default
 *       (~200 KiB, under 200 full-size packets) overflows on a keyframe burst from a few publishers at once. The
 *       kernel caps it at {@code net.core.rmem_max}; raise that for large rooms.</li>
 *   <li>{@code ice4j.harvest.udp.socket-pool-size=2}: ice4j sizes it by the CPU count and, at one CPU, binds the
 *       port without SO_REUSEADDR, which fails beside {@link SharedPortSender}'s channels. Only STUN goes through
 *       ice4j's sockets (media is sent by {@link SharedPortSender}), so two are plenty.</li>
 *   <li>ice4j's push mode ({@code AbstractUdpListener.USE_PUSH_API}, a static field, not a property): a non-STUN
 *       datagram that reaches the harvester's own socket goes straight to the session's component callback
 *       ({@link IceSession}). Datagrams are read by {@link SharedPortReceiver} instead, so this matters for what ice4j
 *       sets up per session: without it every session gets a reader thread that wakes every read slice to look for
 *       close, hundreds of timed wake-ups a second with a few hundred idle viewers.</li>
 * </ul>
 * Everything else keeps ice4j's defaults: consent-freshness requests from our side stay off (ice4j's default for a
 * new Agent), because {@link IceSession}'s watchdog already fails a session whose peer falls silent; the harvester's
 * send-socket pool keeps one socket per core so forwarding threads do not contend on one socket.
 */
final class Ice4jSettings {
    private Ice4jSettings() {
    }

    private static final String[][] DEFAULTS = {
            {"ice4j.harvest.mapping.aws.enabled", "false"},
            {"org.ice4j.ice.harvest.DISABLE_AWS_HARVESTER", "true"},
            {"ice4j.software", ""},
            {"ice4j.harvest.udp.receive-buffer-size", "8388608"},
            {"ice4j.harvest.udp.socket-pool-size", "2"},
    };

    static {
        for (String[] entry : DEFAULTS) {
            if (System.getProperty(entry[0]) == null) {
                System.setProperty(entry[0], entry[1]);
            }
        }
        // Typesafe Config caches the reference configuration together with the System properties of the moment it
        // was first read (the server's own settings loader reads it first): drop that cache so ice4j sees these.
        ConfigFactory.invalidateCaches();
        // after the properties: AbstractUdpListener reads its configuration when first loaded
        AbstractUdpListener.USE_PUSH_API = true;
    }

    /** The shared socket's receive buffer: the operator's {@code ice4j.harvest.udp.receive-buffer-size}, or 8 MiB. */
    static int receiveBufferBytes() {
        String value = System.getProperty("ice4j.harvest.udp.receive-buffer-size");
        try {
            return value == null ? 8 << 20 : Math.max(64 << 10, Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ice4j.harvest.udp.receive-buffer-size is not a number: " + value);
        }
    }

    /** Makes sure the properties are set; call before touching any ice4j class. Idempotent. */
    static void apply() {
        // the static initializer does the work, exactly once
    }
}
