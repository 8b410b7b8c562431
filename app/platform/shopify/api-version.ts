/**
 * The one Admin API version Steward speaks, everywhere: the Shopify library,
 * the gateway, codegen, the schema tests and shopify.app.toml (a test checks
 * the toml agrees). Policy: docs/decisions/004-api-version-policy.md.
 */
import { ApiVersion } from '@shopify/shopify-api';

export const API_VERSION = ApiVersion.October26;
