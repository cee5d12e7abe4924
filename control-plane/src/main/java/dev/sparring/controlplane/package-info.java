package dev.sparring.controlplane;
