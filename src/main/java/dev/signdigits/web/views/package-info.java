/**
 * View models for the HTML pages (records the JTE templates in {@code src/main/jte} render) and the
 * precompiled template engine. Templates escape every value by construction; no HTML is built
 * from strings here.
 */
package dev.signdigits.web.views;
