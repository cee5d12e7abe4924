/** {@code ./sparring load}: the picocli command around the load engine, its progress line and its checks. */
package dev.sparring.loadtest.cli;
