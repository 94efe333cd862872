"""Single sign-on: Palaute as an OpenID Connect relying party (discovery, code flow with PKCE, ID tokens),
and the mapping from an organisation account's groups to a Palaute user."""
