/** IAM's identity-provider operations — OpenID Connect (oidc.ts) and SAML (saml.ts) — in one map that index.ts spreads. */
import { createSAMLProvider } from './create-saml-provider.js';
import { deleteSAMLProvider } from './delete-saml-provider.js';
import { getSAMLProvider } from './get-saml-provider.js';
import { listSAMLProviderTags } from './list-saml-provider-tags.js';
import { listSAMLProviders } from './list-saml-providers.js';
import { tagSAMLProvider } from './tag-saml-provider.js';
import { untagSAMLProvider } from './untag-saml-provider.js';
import { updateSAMLProvider } from './update-saml-provider.js';
import { addClientIDToOpenIDConnectProvider } from './add-client-id-to-open-id-connect-provider.js';
import { createOpenIDConnectProvider } from './create-open-id-connect-provider.js';
import { deleteOpenIDConnectProvider } from './delete-open-id-connect-provider.js';
import { getOpenIDConnectProvider } from './get-open-id-connect-provider.js';
import { listOpenIDConnectProviderTags } from './list-open-id-connect-provider-tags.js';
import { listOpenIDConnectProviders } from './list-open-id-connect-providers.js';
import { removeClientIDFromOpenIDConnectProvider } from './remove-client-id-from-open-id-connect-provider.js';
import { tagOpenIDConnectProvider } from './tag-open-id-connect-provider.js';
import { untagOpenIDConnectProvider } from './untag-open-id-connect-provider.js';
import { updateOpenIDConnectProviderThumbprint } from './update-open-id-connect-provider-thumbprint.js';

export const oidcOperations = {
  AddClientIDToOpenIDConnectProvider: addClientIDToOpenIDConnectProvider,
  CreateOpenIDConnectProvider: createOpenIDConnectProvider,
  DeleteOpenIDConnectProvider: deleteOpenIDConnectProvider,
  GetOpenIDConnectProvider: getOpenIDConnectProvider,
  ListOpenIDConnectProviderTags: listOpenIDConnectProviderTags,
  ListOpenIDConnectProviders: listOpenIDConnectProviders,
  RemoveClientIDFromOpenIDConnectProvider: removeClientIDFromOpenIDConnectProvider,
  TagOpenIDConnectProvider: tagOpenIDConnectProvider,
  UntagOpenIDConnectProvider: untagOpenIDConnectProvider,
  UpdateOpenIDConnectProviderThumbprint: updateOpenIDConnectProviderThumbprint,
  CreateSAMLProvider: createSAMLProvider,
  DeleteSAMLProvider: deleteSAMLProvider,
  GetSAMLProvider: getSAMLProvider,
  ListSAMLProviderTags: listSAMLProviderTags,
  ListSAMLProviders: listSAMLProviders,
  TagSAMLProvider: tagSAMLProvider,
  UntagSAMLProvider: untagSAMLProvider,
  UpdateSAMLProvider: updateSAMLProvider,
};
