package dev.vireo.sdp;

import java.util.ArrayList;
import java.util.List;

/** Lexical helpers shared by the attribute grammars (RFC 8866 §9). */
final class Tokens {
    private Tokens() {
    }

    /** RFC 8866 token: one or more of {@code ! # $ % & ' * + - . ^ _ ` { | } ~}, digits and letters. */
    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (!alnum && "!#$%&'*+-.^_`{|}~".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** SDP text may hold any character but NUL, CR and LF. */
    static boolean isLineText(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0 || c == '\r' || c == '\n') {
                return false;
            }
        }
        return true;
    }

    /** Splits on runs of spaces, ignoring leading and trailing ones. */
    static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && s.charAt(i) == ' ') {
                i++;
            }
            int start = i;
            while (i < n && s.charAt(i) != ' ') {
                i++;
            }
            if (i > start) {
                out.add(s.substring(start, i));
            }
        }
        return out;
    }

    /** A decimal integer in [min, max], or -1 if the text is not one (all ranges used here are non-negative). */
    static long number(String s, long min, long max) {
        if (s.isEmpty() || s.length() > 18) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v < min || v > max ? -1 : v;
    }

    /** An RTP payload type (0–127), or -1. */
    static int payloadType(String s) {
        return (int) number(s, 0, 127);
    }

    /** An RTP SSRC (unsigned 32 bits), or -1. */
    static long ssrc(String s) {
        return number(s, 0, 0xFFFF_FFFFL);
    }
}
