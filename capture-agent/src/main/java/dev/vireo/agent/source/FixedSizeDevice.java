package dev.vireo.agent.source;

import java.awt.Dimension;

import com.github.sarxos.webcam.WebcamDevice;

/** A webcam-capture device that only ever delivers one frame size (the agent's own sources: a file, a test pattern). */
abstract class FixedSizeDevice implements WebcamDevice {
    protected final Dimension size;
    private final String what;

    /** @param what names the source in the error for another size, e.g. "the test pattern is" */
    FixedSizeDevice(Dimension size, String what) {
        this.size = size;
        this.what = what;
    }

    @Override
    public Dimension[] getResolutions() {
        return new Dimension[] {size};
    }

    @Override
    public Dimension getResolution() {
        return size;
    }

    @Override
    public void setResolution(Dimension resolution) {
        if (!size.equals(resolution)) {
            throw new IllegalArgumentException(what + " " + size.width + "x" + size.height);
        }
    }
}
