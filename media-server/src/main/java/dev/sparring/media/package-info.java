package dev.sparring.media;
