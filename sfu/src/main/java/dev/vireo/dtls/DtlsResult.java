package dev.vireo.dtls;

import dev.vireo.srtp.SrtpKeyingMaterial;
import org.bouncycastle.tls.DTLSTransport;

/**
 * A completed DTLS-SRTP handshake.
 *
 * @param transport the DTLS association, for application data (SCTP) and for closing it with close_notify
 * @param keys      the SRTP master keys exported from it, "local" being this side's
 */
public record DtlsResult(DTLSTransport transport, SrtpKeyingMaterial keys) {
}
