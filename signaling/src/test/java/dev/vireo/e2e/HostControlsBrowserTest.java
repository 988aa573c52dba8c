package dev.vireo.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.auth.Role;
import dev.vireo.e2e.MediaChecks.Expectation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * A host runs a meeting from the web client, in three Chromiums: everyone sees the host badge; the host mutes the
 * guest (the guest's own page turns its microphone off, what the others decode goes silent, their tiles show it),
 * removes the guest (the guest sees the removed page and cannot come back with the same link, the tiles go), then
 * ends the meeting for all.
 */
class HostControlsBrowserTest {
    private static final String ROOM = "host-controls";
    private static final Duration JOIN = Duration.ofSeconds(15);
    private static final Duration FIRST_MEDIA = Duration.ofSeconds(15);
    /** Generous: on a loaded machine a WebDriver call alone can take seconds. */
    private static final Duration REACTION = Duration.ofSeconds(10);
    /** What may still be in the receiver's jitter buffer when the mute lands. */
    private static final Duration BUFFERED_AUDIO = Duration.ofSeconds(1);
    private static final Duration ENERGY_WINDOW = Duration.ofMillis(2500);

    @RegisterExtension
    static final SharedServer server = new SharedServer();

    @RegisterExtension
    final BrowserFleet fleet = new BrowserFleet();

    private String url(String name, Role role) {
        String token = server.get().token(ROOM, name, role);
        return server.joinUrl(ROOM, name, "&token=" + token + "&confirm=0");
    }

    @Test
    void theHostMutesRemovesAndEndsTheMeeting() {
        List<ChromiumBrowser> browsers = fleet.launch("hanna", "gus", "olga");
        VireoPage host = new VireoPage(browsers.get(0), fleet::diagnostics);
        VireoPage guest = new VireoPage(browsers.get(1), fleet::diagnostics);
        VireoPage other = new VireoPage(browsers.get(2), fleet::diagnostics);
        host.browser().open(url("hanna", Role.HOST));
        String hostId = host.awaitJoined(JOIN);
        String guestUrl = url("gus", Role.PARTICIPANT);
        guest.browser().open(guestUrl);
        other.browser().open(url("olga", Role.PARTICIPANT));
        String guestId = guest.awaitJoined(JOIN);
        String otherId = other.awaitJoined(JOIN);
        assertEquals("host", host.browser().js("return window.vireo.role"));
        assertEquals("participant", guest.browser().js("return window.vireo.role"));

        MediaChecks.awaitFirstAudio(List.of(new Expectation(other, guestId, "gus"),
                new Expectation(host, guestId, "gus")), FIRST_MEDIA);
        // Everyone sees who the host is; only the host sees controls, and "end for all".
        for (VireoPage p : List.of(guest, other)) {
            Poll.until(p.label() + " showing the host badge on hanna's tile", REACTION,
                    () -> badgeShown(p, hostId) ? Boolean.TRUE : null, () -> p.label() + " tiles " + p.tileIds());
            assertFalse(p.browser().exists(VireoPage.tileSelector(hostId) + " .host-controls:not([hidden])"),
                    p.label() + " sees host controls although it is no host");
            assertFalse(p.browser().driver().findElement(By.id("end-for-all")).isDisplayed());
        }
        assertFalse(badgeShown(host, guestId), "gus is no host, yet shows a host badge");
        Poll.until("hanna's host controls on gus's tile", REACTION,
                () -> host.browser().exists(button(guestId, "mute-audio")) ? Boolean.TRUE : null, fleet::diagnostics);

        // Mute: gus's page turns its own microphone off, olga decodes silence from him and shows him muted.
        Map<?, ?> before = guestSending(guest);
        assertEquals(Boolean.TRUE, before.get("enabled"));
        assertTrue(energyGrowth(guest) > 0, "gus's microphone carried no sound before the mute");
        assertTrue(decodedEnergyGrowth(other, guestId) > 0, "olga decoded no sound from gus before the mute");
        host.browser().driver().findElement(By.cssSelector(button(guestId, "mute-audio"))).click();
        Poll.until("gus's page to disable its outbound audio track", REACTION,
                () -> Boolean.FALSE.equals(guestSending(guest).get("enabled")) ? Boolean.TRUE : null,
                fleet::diagnostics);
        assertEquals("false", guest.browser().driver().findElement(By.id("toggle-mic")).getAttribute("aria-pressed"));
        Object note = guest.browser().js("const n = document.getElementById('host-note');"
                + " return n.hidden ? '(hidden) ' + n.textContent : n.textContent;");
        assertTrue(String.valueOf(note).startsWith("A host turned off your microphone"), "gus's note: " + note);
        for (VireoPage watcher : List.of(host, other)) {
            Poll.until(watcher.label() + " showing gus as muted", REACTION,
                    () -> "true".equals(attribute(watcher, guestId, "data-audio-muted")) ? Boolean.TRUE : null,
                    () -> watcher.label() + " tiles " + watcher.tileIds());
        }
        // getStats caches its reports for a moment and the last frames captured before the track was disabled may
        // still be counted: let one window pass, then the microphone must add nothing at all.
        Poll.sleep(ENERGY_WINDOW);
        assertEquals(0.0, energyGrowth(guest), "gus's microphone still sends sound after the host muted it");
        Poll.sleep(BUFFERED_AUDIO);
        assertEquals(0.0, decodedEnergyGrowth(other, guestId), 1e-6, "olga still hears gus after the mute");

        // Camera off: gus's page disables its video track; the others show his avatar instead of his video.
        host.browser().driver().findElement(By.cssSelector(button(guestId, "mute-video"))).click();
        Poll.until("gus's page to disable its outbound video track", REACTION,
                () -> Boolean.FALSE.equals(guest.browser().js("const s = window.vireo.publishPc.getSenders()"
                        + ".find(x => x.track && x.track.kind === 'video'); return s ? s.track.enabled : null;"))
                        ? Boolean.TRUE : null, fleet::diagnostics);
        for (VireoPage watcher : List.of(host, other)) {
            Poll.until(watcher.label() + " showing gus's avatar instead of his video", REACTION,
                    () -> "true".equals(attribute(watcher, guestId, "data-video-muted"))
                            && watcher.avatarShown(guestId) ? Boolean.TRUE : null,
                    () -> watcher.label() + " tiles " + watcher.tileIds());
        }

        // Remove: gus sees the removed page without a rejoin link; his tile goes from the others.
        host.browser().driver().findElement(By.cssSelector(button(guestId, "remove"))).click();
        Poll.until("gus's page to show that he was removed", REACTION,
                () -> leftTitle(guest).startsWith("Removed") ? Boolean.TRUE : null,
                () -> "left title '" + leftTitle(guest) + "'");
        assertFalse(guest.browser().driver().findElement(By.id("rejoin")).isDisplayed());
        for (VireoPage watcher : List.of(host, other)) {
            Poll.until(watcher.label() + " dropping gus's tile", REACTION,
                    () -> watcher.hasTile(guestId) ? null : Boolean.TRUE, () -> watcher.label() + " " + watcher.tileIds());
        }
        MediaChecks.assertFlowing(List.of(new Expectation(other, hostId, "hanna"),
                new Expectation(host, otherId, "olga")), true, true);
        // The same link cannot bring him back for now.
        guest.browser().open(guestUrl);
        Poll.until("gus's rejoin to be refused", JOIN,
                () -> leftTitle(guest).equals("Could not join") ? Boolean.TRUE : null,
                () -> "left title '" + leftTitle(guest) + "'");
        assertTrue(guest.browser().driver().findElement(By.id("left-message")).getText().contains("removed"));

        // Make host: olga gets the badge on everyone's screen, the host controls and "end for all", and uses it.
        host.browser().driver().findElement(By.cssSelector(button(otherId, "make-host"))).click();
        Poll.until("olga's page to learn she is host", REACTION,
                () -> "host".equals(other.browser().js("return window.vireo.role")) ? Boolean.TRUE : null,
                fleet::diagnostics);
        Poll.until("hanna showing the host badge on olga's tile", REACTION,
                () -> badgeShown(host, otherId) ? Boolean.TRUE : null, fleet::diagnostics);
        Poll.until("olga's host controls on hanna's tile", REACTION,
                () -> other.browser().exists(button(hostId, "remove")) ? Boolean.TRUE : null, fleet::diagnostics);

        // End for all, by the new host: everyone left sees that the meeting has ended.
        other.browser().driver().findElement(By.id("end-for-all")).click();
        for (VireoPage p : List.of(host, other)) {
            Poll.until(p.label() + " showing the meeting ended", REACTION,
                    () -> leftTitle(p).equals("The meeting has ended") ? Boolean.TRUE : null,
                    () -> "left title '" + leftTitle(p) + "'");
        }
    }

    private static String button(String participantId, String action) {
        return VireoPage.tileSelector(participantId) + " .host-controls:not([hidden]) [data-action=\"" + action + "\"]";
    }

    private static boolean badgeShown(VireoPage page, String participantId) {
        return page.browser().exists(VireoPage.tileSelector(participantId) + " .role-badge:not([hidden])");
    }

    private static String attribute(VireoPage page, String participantId, String name) {
        Object v = page.browser().js("const t = document.querySelector(arguments[0]);"
                + " return t ? t.getAttribute(arguments[1]) : null;", VireoPage.tileSelector(participantId), name);
        return v == null ? null : v.toString();
    }

    private static String leftTitle(VireoPage page) {
        Object v = page.browser().js("const s = document.getElementById('left');"
                + " return s && !s.hidden ? document.getElementById('left-title').textContent : '';");
        return v == null ? "" : v.toString();
    }

    private static Map<?, ?> guestSending(VireoPage guest) {
        Object r = guest.browser().jsResource("audio-sending.js");
        return r instanceof Map<?, ?> m ? m : Map.of();
    }

    /** How much sound the page's microphone fed its encoder over the window. */
    private static double energyGrowth(VireoPage page) {
        double start = ((Number) guestSending(page).get("energy")).doubleValue();
        Poll.sleep(ENERGY_WINDOW);
        return ((Number) guestSending(page).get("energy")).doubleValue() - start;
    }

    /** How much sound the page decoded from {@code senderId} over the window. */
    private static double decodedEnergyGrowth(VireoPage page, String senderId) {
        double start = WebRtcStats.audio(WebRtcStats.inbound(page.browser()), senderId).orElseThrow()
                .totalAudioEnergy();
        Poll.sleep(ENERGY_WINDOW);
        return WebRtcStats.audio(WebRtcStats.inbound(page.browser()), senderId).orElseThrow().totalAudioEnergy()
                - start;
    }
}
