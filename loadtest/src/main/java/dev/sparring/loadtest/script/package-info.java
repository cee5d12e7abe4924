/** Call scripts ({@code config/scripts/<name>.yaml}): what the emulated rep says and when. */
package dev.sparring.loadtest.script;
