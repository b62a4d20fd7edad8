package io.github.dlfmaven.api;

import okhttp3.Call;

/**
 * One try of a call.
 *
 * @param number 1 for the first
 * @param call okhttp's call, which tells whether the call timeout cut it ({@link Call#isCanceled()})
 */
record Attempt(int number, Call call) {}
