package dev.vireo.signaling;

import com.google.gson.JsonObject;
import dev.vireo.sdp.Direction;
import dev.vireo.sdp.MediaDescription;
import dev.vireo.sdp.Origin;
import dev.vireo.sdp.SdpException;
import dev.vireo.sdp.SessionDescription;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Real Chromium offers from {@code src/test/resources/sdp/}, and answers a client would give the SFU's offers. */
public final class Sdp {
    /** Chromium 156: sendonly audio + video, every candidate 127.0.0.1. */
    public static final String AUDIO_VIDEO_OFFER = load("publish-audio-video.sdp");
    /** Chromium 156: one sendonly audio m-line. */
    public static final String AUDIO_ONLY_OFFER = load("publish-audio-only.sdp");

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ICE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    /** The per-codec attributes an answer keeps from the offer (RFC 8829 §5.3.1). */
    private static final Set<String> CODEC_ATTRIBUTES = Set.of("rtpmap", "fmtp", "rtcp-fb", "extmap");

    private Sdp() {
    }

    public static String load(String name) {
        try (InputStream in = Sdp.class.getResourceAsStream("/sdp/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource sdp/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The offer without its {@code a=group:BUNDLE} line: a real offer the SFU must refuse. */
    public static String withoutBundle(String offer) {
        String cut = offer.replaceFirst("a=group:BUNDLE[^\r\n]*\r\n", "");
        if (cut.equals(offer)) {
            throw new IllegalArgumentException("the offer has no BUNDLE line to remove");
        }
        return cut;
    }

    /**
     * What a receive-only browser would answer to the SFU's subscribe offer: every m-line accepted with the offer's
     * codecs, {@code recvonly} (or {@code inactive} where the offer is), bundled, {@code a=setup:active}, fresh ICE
     * credentials and a well-formed sha-256 fingerprint of no real certificate. No candidates: ICE never connects,
     * which signaling tests do not need.
     */
    public static String subscribeAnswer(String offerSdp) throws SdpException {
        SessionDescription offer = SessionDescription.parse(offerSdp);
        String ufrag = randomIce(8);
        String pwd = randomIce(24);
        String fingerprint = "sha-256 " + HexFormat.ofDelimiter(":").withUpperCase().formatHex(randomBytes(32));
        List<String> mids = new ArrayList<>();
        List<MediaDescription> media = new ArrayList<>();
        for (MediaDescription m : offer.media()) {
            MediaDescription.Builder answer = MediaDescription.builder(m.media(), m.rejected() ? 0 : 9, m.proto());
            m.formats().forEach(answer::format);
            answer.field('c', "IN IP4 0.0.0.0");
            answer.attribute("mid", m.mid());
            if (!m.rejected()) {
                mids.add(m.mid());
                answer.attribute("ice-ufrag", ufrag).attribute("ice-pwd", pwd)
                        .attribute("fingerprint", fingerprint).attribute("setup", "active");
                answer.flag(m.direction() == Direction.INACTIVE ? "inactive" : "recvonly");
                answer.flag("rtcp-mux");
                m.attributes().stream().filter(a -> CODEC_ATTRIBUTES.contains(a.name()))
                        .forEach(a -> answer.attribute(a.name(), a.value()));
            }
            media.add(answer.build());
        }
        SessionDescription.Builder sd = SessionDescription.builder(
                new Origin("-", Long.toString(RANDOM.nextLong() & Long.MAX_VALUE), 1, "IN", "IP4", "127.0.0.1"));
        sd.attribute("group", "BUNDLE " + String.join(" ", mids));
        media.forEach(sd::media);
        return sd.build().toString();
    }

    /** A {@code publish-offer} or {@code subscribe-answer} frame carrying this SDP. */
    public static String message(String type, String sdp) {
        JsonObject message = new JsonObject();
        message.addProperty("type", type);
        message.addProperty("sdp", sdp);
        return message.toString();
    }

    /** The mids of the description's BUNDLE group, in order. */
    public static String bundleMids(String sdp) throws SdpException {
        return SessionDescription.parse(sdp).bundle().mids().stream().collect(Collectors.joining(" "));
    }

    private static String randomIce(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ICE_CHARS.charAt(RANDOM.nextInt(ICE_CHARS.length())));
        }
        return sb.toString();
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
