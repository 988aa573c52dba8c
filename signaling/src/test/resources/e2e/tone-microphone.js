// Installed before the page's own scripts, after "window.__toneGain = <0..1>;": getUserMedia's microphone track is
// replaced by a 440 Hz WebAudio oscillator at that gain (0 = digital silence, audio level 127), so which participant
// is loud does not depend on the fake device's short periodic beep. window.__tone.gain.value changes it later.
(() => {
  if (!navigator.mediaDevices || window.__toneInstalled) return;
  window.__toneInstalled = true;
  const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getUserMedia = async (constraints) => {
    const stream = await original(constraints);
    if (!constraints || !constraints.audio) return stream;
    const ctx = new AudioContext();
    const oscillator = ctx.createOscillator();
    oscillator.frequency.value = 440;
    const gain = ctx.createGain();
    gain.gain.value = window.__toneGain ?? 0;
    const out = ctx.createMediaStreamDestination();
    oscillator.connect(gain).connect(out);
    oscillator.start();
    await ctx.resume().catch(() => {});
    window.__tone = { ctx, gain };
    for (const t of stream.getAudioTracks()) {
      stream.removeTrack(t);
      t.stop();
    }
    stream.addTrack(out.stream.getAudioTracks()[0]);
    return stream;
  };
})();
