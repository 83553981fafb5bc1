/**
 * Facts about and settings of this process below every other package: its memory from /proc, and the
 * native engine settings (PyTorch threads) that must be in place before DJL loads. Uses only the JDK.
 */
package dev.signdigits.system;
