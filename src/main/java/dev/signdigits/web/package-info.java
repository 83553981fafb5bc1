/**
 * The prediction web service: the app factory and its route table ({@link dev.signdigits.web.WebApp}),
 * the model holder with hot reload and drain (each model with the framing it records: the hand
 * locator for a model trained with it), the framing step before the batcher, dynamic micro-batching,
 * image intake with size and pixel limits, API-key guarding, JSON errors and Prometheus metrics. Routes live in
 * {@code web.routes}, view models in {@code web.views}, templates in {@code src/main/jte}.
 */
package dev.signdigits.web;
