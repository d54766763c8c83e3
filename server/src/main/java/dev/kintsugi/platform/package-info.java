/**
 * Shared by every module, depends on none: users, roles, API tokens, login (form and OIDC), the audit log,
 * the clock and time zones, page layout, RFC 9457 error handling, Markdown sanitising, i18n, background jobs.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Platform")
package dev.kintsugi.platform;
