/**
 * HTTP handlers, one class per area: the JSON prediction API, the KServe Open Inference Protocol v2,
 * administration, operations (metrics, OpenAPI) and the HTML pages. Handlers read requests and
 * write responses; decisions about models, batching and limits live in {@code dev.signdigits.web}.
 * No handler reads a file path from a request.
 */
package dev.signdigits.web.routes;
