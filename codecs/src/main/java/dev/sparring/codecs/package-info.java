package dev.sparring.codecs;
