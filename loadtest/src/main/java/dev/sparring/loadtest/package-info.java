package dev.sparring.loadtest;
