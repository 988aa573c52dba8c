package dev.vireo.dtls;

import dev.vireo.srtp.SrtpKeyingMaterial;
import dev.vireo.srtp.SrtpProfile;
import java.io.IOException;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.TlsContext;

/**
 * The SRTP half of one DTLS-SRTP handshake, the same on either side: the profile agreed in use_srtp
 * (RFC 5764 §4.1.1) and, once the handshake completes, the keys exported for it (§4.2). One per handshake; used
 * only by the thread that runs it, which is the thread BouncyCastle calls back on.
 */
final class SrtpNegotiation {
    /** One side's blocking call into BouncyCastle: the client's {@code connect} or the server's {@code accept}. */
    interface Handshake {
        DTLSTransport run() throws IOException;
    }

    private SrtpProfile profile;
    private SrtpKeyingMaterial keys;

    void agree(SrtpProfile agreed) {
        profile = agreed;
    }

    /** The agreed profile, or null before use_srtp has been settled. */
    SrtpProfile profile() {
        return profile;
    }

    /** RFC 5764 §4.2: the keying material for the agreed profile, from the exporter labelled EXTRACTOR-dtls_srtp. */
    void exportKeys(TlsContext context) {
        byte[] exported = context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, profile.keyingMaterialLength());
        keys = SrtpKeyingMaterial.fromDtlsExport(profile, exported, context.isServer());
    }

    /**
     * Runs {@code handshake} to the end and pairs its transport with the exported keys.
     *
     * @param peer "client" or "server": the other side, for messages
     */
    DtlsResult run(String peer, Handshake handshake) throws DtlsException {
        DTLSTransport dtls;
        try {
            dtls = handshake.run();
        } catch (IOException e) {
            throw Dtls.failure(peer, e);
        }
        if (keys == null) {
            throw new DtlsException("DTLS handshake completed without SRTP keys");
        }
        return new DtlsResult(dtls, keys);
    }
}
