package io.keyledger.local.cli;

import java.io.BufferedReader;

/**
 * One input to decode.
 *
 * @param displayName how messages name it (the path as the user gave it)
 * @param sourceName  how events' source pointers name it (an absolute path), so an auditor can find it again
 * @param reader      its text, already decompressed
 */
record RecordInput(String displayName, String sourceName, BufferedReader reader) {
}
