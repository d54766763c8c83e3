/**
 * The server's own secrets: one server key sealing stored secrets that must stay usable (AES-256-GCM) and signing
 * what the server hands out and later checks (HMAC-SHA256: links, feed URLs). See {@link
 * dev.kintsugi.platform.secrets.ServerSecrets}.
 */
@org.springframework.modulith.NamedInterface("secrets")
package dev.kintsugi.platform.secrets;
