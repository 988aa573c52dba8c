package dev.vireo.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.openqa.selenium.By;

/** The Vireo web client as one browser shows it: {@code window.vireo} and the tiles in {@code #tiles}. */
final class VireoPage {
    private final ChromiumBrowser browser;
    private final Supplier<String> context;

    VireoPage(ChromiumBrowser browser, Supplier<String> context) {
        this.browser = browser;
        this.context = context;
    }

    ChromiumBrowser browser() {
        return browser;
    }

    String label() {
        return browser.label();
    }

    String state() {
        Object s = browser.js("return window.vireo ? window.vireo.state : null");
        return s == null ? null : s.toString();
    }

    String participantId() {
        Object id = browser.js("return window.vireo ? window.vireo.participantId : null");
        return id == null ? null : id.toString();
    }

    /** Waits until the page says 'joined' and has a participant id, and returns that id. */
    String awaitJoined(Duration timeout) {
        return Poll.until(label() + " to reach state 'joined'", timeout,
                () -> "joined".equals(state()) ? participantId() : null, context);
    }

    /** Participant ids of the tiles on screen (remote participants). */
    List<String> tileIds() {
        List<String> ids = new ArrayList<>();
        for (Object id : (List<?>) browser.js(
                "return Array.from(document.querySelectorAll('#tiles [data-participant-id]'))"
                        + ".map(t => t.dataset.participantId)")) {
            ids.add(String.valueOf(id));
        }
        return ids;
    }

    boolean hasTile(String participantId) {
        return browser.exists(tileSelector(participantId));
    }

    /** Whether the tile's {@code .avatar} takes up space on screen and is not hidden. */
    boolean avatarShown(String participantId) {
        Object shown = browser.js("const a = document.querySelector(arguments[0] + ' .avatar');"
                + "return !!(a && a.getClientRects().length > 0 && getComputedStyle(a).visibility !== 'hidden'"
                + " && a.getBoundingClientRect().width > 0);", tileSelector(participantId));
        return Boolean.TRUE.equals(shown);
    }

    void clickLeave() {
        browser.driver().findElement(By.id("leave")).click();
    }

    static String tileSelector(String participantId) {
        return "#tiles [data-participant-id=\"" + participantId.replace("\"", "\\\"") + "\"]";
    }
}
