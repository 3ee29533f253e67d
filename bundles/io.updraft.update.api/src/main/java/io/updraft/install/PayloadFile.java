package io.updraft.install;

/**
 * One file of a verified package payload.
 *
 * @param path relative path with '/' separators, no '.' or '..' parts
 * @param length exact size in bytes
 * @param sha256 lower-case hex
 * @param mode POSIX permission bits
 */
public record PayloadFile(String path, long length, String sha256, int mode) {
}
