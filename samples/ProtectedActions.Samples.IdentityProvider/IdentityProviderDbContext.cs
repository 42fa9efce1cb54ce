using Microsoft.EntityFrameworkCore;

namespace ProtectedActions.Samples.IdentityProvider;

/// <summary>The OpenIddict stores (applications, authorizations, scopes, tokens) on in-memory SQLite.</summary>
internal sealed class IdentityProviderDbContext(DbContextOptions<IdentityProviderDbContext> options) : DbContext(options);
