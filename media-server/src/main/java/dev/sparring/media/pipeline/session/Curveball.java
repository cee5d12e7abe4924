package dev.sparring.media.pipeline.session;

/** A suggested curveball of a scenario. */
public record Curveball(String label, String text) {}
